import pytest

from retrieval.plan.clock import clock_hours


@pytest.mark.parametrize(("part", "hour", "minute", "hours"), [
    ("下午", "3", "10", 15 + 10 / 60),  # 「下午3点10分」
    ("晚上", "十一", None, 23.0),  # 「晚上十一时」: the hour in words, as the rise-rate readings write it
    ("凌晨", "2", "30", 2.5),
    (None, "１４", None, 14.0),  # full-width digits from OCR
    ("下午", "13", None, 13.0),  # a 24-hour clock is not moved again
])
def test_a_clock_time_is_the_hour_of_the_day_it_tells(part, hour, minute, hours):
    assert clock_hours(part, hour, minute) == pytest.approx(hours)
