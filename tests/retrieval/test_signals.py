"""Score signals that need no index: the weights of a query's words in the not-found coverage."""

from __future__ import annotations

from retrieval.ranking.signals import topic_weights, word_coverage


def test_nouns_weigh_their_idf_other_words_one_and_question_words_nothing():
    idf = {"深圳": 7.9, "停课": 5.2, "标准": 2.2, "耽搁": 7.9, "几号": 7.9, "多久": 7.9}
    weights = topic_weights(frozenset(idf), idf)
    assert weights["深圳"] == 7.9 and weights["标准"] == 2.2  # nouns (a place name, a common noun)
    assert weights["停课"] == 1.0 and weights["耽搁"] == 1.0  # verbs vary with phrasing
    assert "几号" not in weights and "多久" not in weights


def test_the_sub_words_of_a_question_word_are_left_out_too():
    idf = {"多长时间": 6.7, "时间": 3.0, "长时间": 5.6, "领导": 2.5}
    assert set(topic_weights(frozenset(idf), idf)) == {"领导"}


def test_a_missing_place_name_outweighs_the_words_a_clause_shares():
    idf = {"深圳": 7.9, "台风": 4.1, "停课": 5.2}
    weights = topic_weights(frozenset(idf), idf)
    assert word_coverage(frozenset(weights), "台风红色预警时中小学停课", weights) < 0.5
