#!/bin/sh
# One end-to-end case of `simarena bridge --high-level` against the
# contest-shaped client (a program written from the robot's high-level
# message definitions). Run it inside in_private_network.sh. Prints
# "HIGH LEVEL OK <case>" on success.
# Usage: high_level_case.sh <case> <simarena> <contest_shaped_client> <work dir>
set -u
case_name=$1 simarena=$2 client=$3 work=$4
mkdir -p "$work"
fail() { echo "HIGH LEVEL FAILED $case_name: $*"; exit 1; }

# run_pair <name> <client pace> <bridge args...>: the client in the
# background, the bridge in the foreground, then the client's exit.
run_pair() {
  name=$1 pace=$2; shift 2
  "$client" --pace "$pace" --idle-exit 5 >"$work/$name.client.log" 2>&1 &
  client_pid=$!
  "$simarena" bridge --high-level --quiet --out "$work/$name.json" "$@" >"$work/$name.log" 2>&1
  status=$?
  wait "$client_pid"
  client_status=$?
  cat "$work/$name.log" "$work/$name.client.log"
  [ $status -eq 0 ] || fail "simarena bridge exited with $status"
  [ $client_status -eq 0 ] || fail "the client exited with $client_status"
}

# The client's own measurements: 2.5 m ± 10 % in 5 s at 0.5 m/s, 90° ± 10°,
# lying down (mode 7, bar 100).
expect_session() {
  line=$(grep "^client: walked" "$work/$1.client.log") || fail "$1: the client did not finish its session"
  echo "$line" | awk '{ walked = $3; turned = $9
                        exit !(walked >= 2.25 && walked <= 2.75 && turned >= 81 && turned <= 99) }' ||
    fail "$1: expected 2.25-2.75 m and 81-99 deg: $line"
  echo "$line" | grep -q "mode 7 bar 100" || fail "$1: not lying down at the end: $line"
  grep -q '"interface": "high_level"' "$work/$1.json" || fail "$1: the result does not name the high-level interface"
  # The program answered throughout, and the robot's motion controller drives
  # the motors directly: no fault, no motor-SDK take-over.
  ! grep -q -E '"(controller_error|takeover_damping|err_bit_set)"' "$work/$1.json" ||
    fail "$1: a controller fault or a motor-level protection event in the result"
}

case $case_name in
  lockstep_session)
    run_pair lockstep state --duration 18
    expect_session lockstep
    "$simarena" verify "$work/lockstep.replay" || fail "the lockstep run's replay does not verify"
    # Lockstep is deterministic: a second run writes the same replay.
    run_pair again state --duration 18
    cmp "$work/lockstep.replay" "$work/again.replay" || fail "two lockstep runs wrote different replays"
    ;;
  lockstep_user_gait)
    # The crawl client: its schedule on user_gait_file, answered 0; 6 cycles
    # of one leg at a time at 0.15 m/s (8.46 s of schedule: 1.27 m asked).
    run_pair crawl state --duration 22
    line=$(grep "^client: gait file result" "$work/crawl.client.log") || fail "the crawl client did not finish"
    echo "$line" | grep -q "result 0, " || fail "the schedule was not accepted: $line"
    echo "$line" | awk '{ crawled = $7; exit !(crawled >= 1.1 && crawled <= 1.45) }' ||
      fail "expected 1.1-1.45 m crawled: $line"
    # The feet one at a time are checked on the simulation's contacts in
    # test_user_gait.cpp; the response's contact (ground force over 5 N) also
    # drops on a lightly loaded stance foot, so here only the first swings.
    echo "$line" | grep -q "lifts FR,RL," || fail "not the schedule's first legs: $line"
    echo "$line" | grep -q "mode 7 bar 100" || fail "not lying down at the end: $line"
    "$simarena" verify "$work/crawl.replay" || fail "the crawl's replay does not verify"
    run_pair crawl_again state --duration 22
    cmp "$work/crawl.replay" "$work/crawl_again.replay" || fail "two lockstep crawls wrote different replays"
    ;;
  real_time_session)
    run_pair real_time timer --duration 18 --real-time
    expect_session real_time
    ;;
  *)
    fail "unknown case"
    ;;
esac
echo "HIGH LEVEL OK $case_name"
