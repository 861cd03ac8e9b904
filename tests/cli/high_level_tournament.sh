#!/bin/sh
# A tournament with a high-level entry (contest_walk: the robot's
# locomotion API) beside a joint-level one (locomotion), on sprint and
# slalom: both finish both tracks, ranked under the same rules, and every
# score sheet says which interface the entry used. The CPU budget is raised
# far (this test is not about budgets): sanitizer builds run the joint-level
# controller several times slower, and under a full `ctest -j2` a sanitized
# call was once charged 25-30 ms of CPU (isolated, the slowest is 0.5 ms).
# Usage: high_level_tournament.sh <simarena> <contest_walk.so> <locomotion.so> <work dir>
set -u
simarena=$1 contest=$2 locomotion=$3 work=$4
fail() { echo "HIGH LEVEL TOURNAMENT FAILED: $*"; exit 1; }
rm -rf "$work" && mkdir -p "$work/entries/high-level" "$work/entries/joint-level"
ln -s "$contest" "$work/entries/high-level/contest_walk.so"
echo "gait=3 vx=1.0" >"$work/entries/high-level/params"
ln -s "$locomotion" "$work/entries/joint-level/locomotion.so"
"$simarena" tournament "$work/entries" --tracks sprint slalom --jobs 2 --no-html-pages --quiet --cpu-budget 200 \
  --out "$work/results" >"$work/tournament.log" 2>&1 || { cat "$work/tournament.log"; fail "tournament exited with $?"; }
cat "$work/tournament.log"
runs=$work/results/runs.jsonl
[ "$(grep -c . "$runs")" -eq 4 ] || fail "expected 4 runs in $runs"
for entry in high-level joint-level; do
  for track in sprint slalom; do
    grep "\"entry\":\"$entry\"" "$runs" | grep "\"track\":\"$track\"" | grep -q '"result":"finished"' ||
      fail "$entry did not finish $track: $(grep "\"entry\":\"$entry\"" "$runs" | grep "\"track\":\"$track\"")"
  done
done
for sheet in "$work"/results/runs/high-level/*.score.json; do
  grep -q '"interface": "high_level"' "$sheet" || fail "$sheet does not record the high-level interface"
done
for sheet in "$work"/results/runs/joint-level/*.score.json; do
  grep -q '"interface": "motor"' "$sheet" || fail "$sheet does not record the motor interface"
done
grep -q '"high-level"' "$work/results/leaderboard.json" && grep -q '"joint-level"' "$work/results/leaderboard.json" ||
  fail "the leaderboard does not rank both entries"
echo "HIGH LEVEL TOURNAMENT OK"
