#!/bin/bash
# `make test` RUNS times in a row (default 10) on a fresh clone of this checkout's HEAD while another process keeps
# one core busy. The clone sits beside the checkout, as CI lays it out, so that the tests find ../shared/corpus;
# without that folder the corpus tests would skip and the runs would prove little, so the script stops.
# Logs and a one-line summary per run go to OUT (default ./test-artifacts/make-test-loop).
#   bash scripts/make_test_loop.sh [RUNS] [OUT]
set -u
REPO=$(git rev-parse --show-toplevel)
RUNS=${1:-10}
OUT=$(realpath -m "${2:-$REPO/test-artifacts/make-test-loop}")
BESIDE=$(dirname "$REPO")
if [ ! -f "$BESIDE/shared/corpus/MANIFEST.tsv" ]; then
  echo "no shared corpus at $BESIDE/shared/corpus: the corpus tests would skip" >&2
  exit 2
fi
DIR=$(mktemp -d -p "$BESIDE" make-test-loop.XXXX)
mkdir -p "$OUT"
git clone -q "$REPO" "$DIR" && cd "$DIR" || exit 1
echo "commit $(git rev-parse --short HEAD) in $DIR started $(date -u +%H:%M:%S)" > "$OUT/summary.txt"
yes > /dev/null & BUSY=$!
trap 'kill $BUSY' EXIT
failed=0
for i in $(seq 1 "$RUNS"); do
  start=$(date +%s)
  make test > "$OUT/run$i.log" 2>&1 || failed=$((failed + 1))
  echo "run $i: $(( $(date +%s) - start ))s $(grep -E '(passed|failed)' "$OUT/run$i.log" | tail -1)" >> "$OUT/summary.txt"
done
echo "ended $(date -u +%H:%M:%S), $failed of $RUNS runs failed" >> "$OUT/summary.txt"
exit $((failed > 0))
