#!/bin/sh
# One end-to-end case of `simarena bridge` against the SDK-shaped client.
# Run it inside in_private_network.sh. Prints "BRIDGE OK <case>" on success.
# Usage: bridge_case.sh <case> <simarena> <sdk_shaped_client> <work dir>
set -u
case_name=$1 simarena=$2 client=$3 work=$4
mkdir -p "$work"
fail() { echo "BRIDGE FAILED $case_name: $*"; exit 1; }

# run_pair <name> <client args> -- <bridge args>: the client in the
# background, the bridge in the foreground, then the client's exit.
run_pair() {
  name=$1; shift
  client_args=""
  while [ "$1" != "--" ]; do client_args="$client_args $1"; shift; done
  shift
  # shellcheck disable=SC2086
  "$client" $client_args --idle-exit 1 >"$work/$name.client.log" 2>&1 &
  client_pid=$!
  "$simarena" bridge --quiet --out "$work/$name.json" "$@" >"$work/$name.log" 2>&1
  status=$?
  wait "$client_pid"
  cat "$work/$name.log" "$work/$name.client.log"
  [ $status -eq 0 ] || fail "simarena bridge exited with $status"
}

expect_stood_up() {
  grep -q -- "-> upright" "$work/$1.log" || fail "$1: robot not upright"
  grep -q "start-up bit1 cleared" "$work/$1.log" || fail "$1: start-up err bit1 not cleared"
}

# Time of the first event of a type whose detail mentions a text, after t0:
# reads nlohmann's sorted-key JSON ("detail", "t", "type" per event).
event_time() {
  awk -v want_type="\"$2\"" -v want_detail="$3" -v t0="$4" '
    /"detail":/ { detail = $0 }
    /"t":/ { t = $2; sub(/,$/, "", t) }
    /"type":/ { type = $2; sub(/,$/, "", type)
                if (type == want_type && index(detail, want_detail) && t + 0 > t0 + 0) { print t; exit } }' "$work/$1.json"
}

# The "final" object of a result (base pose, joint angles, err_flag).
final_block() { awk '/^  "final": \{/ { on = 1 } on { print } on && /^  \},?$/ { exit }' "$1"; }

case $case_name in
  lockstep_stand)
    run_pair lockstep --pace state -- --duration 5
    expect_stood_up lockstep
    grep -q '"frames_used": 2500' "$work/lockstep.json" || fail "lockstep: not one frame per tick"
    # The client's user code is the reference stand plugin's: over LCM in
    # lockstep it must end in exactly the state the in-process plugin does.
    "$simarena" run --controller stand --duration 5 --quiet --out "$work/plugin.json" >/dev/null ||
      fail "simarena run --controller stand failed"
    final_block "$work/lockstep.json" >"$work/lockstep.final"
    final_block "$work/plugin.json" >"$work/plugin.final"
    [ -s "$work/plugin.final" ] || fail "no final state in the plugin run's result"
    diff "$work/plugin.final" "$work/lockstep.final" || fail "LCM lockstep and in-process plugin runs differ"
    # The lockstep run verifies from its replay alone, without the program.
    "$simarena" verify "$work/lockstep.replay" || fail "the lockstep run's replay does not verify"
    ;;
  real_time_stand)
    run_pair real_time --pace timer -- --duration 5 --real-time
    expect_stood_up real_time
    ;;
  real_time_takeover)
    # The program stands the robot up, then dies: the robot must flag the
    # gap (bit0 after 10 ms, bit1 after 500 ms) and take over.
    run_pair takeover --pace timer --stop-after 4 -- --duration 5.5 --real-time
    bit1=$(event_time takeover err_bit_set bit1 0.1)
    [ -n "$bit1" ] || fail "no err bit1 after the program stopped"
    # The summary must not call the start-up bit cleared while bit1 is set.
    grep -q "err_flag    0x[0-9a-f]* (bit1 set again: no valid command for 500 ms" "$work/takeover.log" ||
      fail "summary does not say bit1 is set again"
    damping=$(event_time takeover takeover_damping "" 0.1)
    [ -n "$damping" ] || fail "no take-over after the program stopped"
    bit0=$(awk -v b="$bit1" 'BEGIN { print b - 0.5 }')
    bit0=$(event_time takeover err_bit_set bit0 "$bit0")
    [ -n "$bit0" ] || fail "no err bit0 before bit1"
    awk -v a="$bit0" -v b="$bit1" -v d="$damping" \
      'BEGIN { gap = b - a; exit !(gap > 0.47 && gap < 0.51 && d == b && b > 3) }' ||
      fail "bit0 at $bit0 s, bit1 at $bit1 s, take-over at $damping s: expected bit1 0.49 s after bit0"
    echo "program stopped; err bit0 at $bit0 s, bit1 and take-over at $bit1 s"
    ;;
  lockstep_repeatable)
    run_pair first --pace state -- --duration 4
    run_pair second --pace state -- --duration 4
    wall='"(mean_step_us|max_step_us|frames_received|state_resent|late_ticks|max_lateness_ms|setup_s|loop_s|realtime_factor|calls_over_control_period|replay)"'
    grep -v -E "$wall" "$work/first.json" >"$work/first.scored"
    grep -v -E "$wall" "$work/second.json" >"$work/second.scored"
    diff "$work/first.scored" "$work/second.scored" || fail "two lockstep runs differ"
    cmp "$work/first.replay" "$work/second.replay" || fail "two lockstep runs wrote different replays"
    ;;
  lockstep_track)
    # A refereed event over LCM: the standing client never crosses the start
    # line, so the run times out with no progress; the replay re-judges it.
    track=$(cd "$(dirname "$0")/.." && pwd)/fixtures/tournament/sprint-3m.yaml
    run_pair track --pace state -- --track "$track"
    grep -q "result      timeout" "$work/track.log" || fail "track: no timeout in the score summary"
    [ -s "$work/track.score.json" ] || fail "track: no score sheet"
    "$simarena" verify "$work/track.replay" | grep -q "^score: timeout" || fail "track: the replay does not re-judge"
    ;;
  lockstep_announce)
    # A program's announcements on simarena_announce (announce_client, built
    # next to the SDK-shaped client) become the run's events as a plugin's
    # do: a recognition with its kind, a plain announcement, an unknown kind
    # dropped and counted; the replay re-creates them.
    "$(dirname "$client")/announce_client" 8 >"$work/announce.client.log" 2>&1 &
    announcer=$!
    run_pair announce --pace state -- --duration 2
    kill "$announcer" 2>/dev/null; wait "$announcer" 2>/dev/null
    [ -n "$(event_time announce recognition "cubes: 识别到无法跨越障碍" -1)" ] || fail "announce: no recognition event"
    [ -n "$(event_time announce announcement "plain words" -1)" ] || fail "announce: no plain announcement"
    [ -n "$(event_time announce messages_dropped "dropped" -1)" ] || fail "announce: the unknown kind was not counted"
    "$simarena" verify "$work/announce.replay" || fail "announce: the replay does not verify"
    ;;
  lockstep_program_dies)
    # In lockstep a program that stops answering is a stopped controller:
    # the robot then sees no frames and takes over 500 ms of simulated time later.
    run_pair dies --pace state --stop-after 3 -- --duration 4 --client-timeout 0.5
    grep -q "controller_error: the program stopped sending motor_ctrl" "$work/dies.log" || fail "no controller_error"
    bit1=$(event_time dies err_bit_set bit1 0.1)
    awk -v b="${bit1:-0}" 'BEGIN { exit !(b > 3.49 && b < 3.52) }' || fail "bit1 at '$bit1' s, expected 3.5 s"
    ;;
  real_time_no_program)
    # The clock does not wait in real time: no program means no frame at
    # all, and the bridge must say so, not exit 1 with nothing to read.
    "$simarena" bridge --quiet --real-time --duration 0.5 --out "$work/none.json" >"$work/none.log" 2>&1
    status=$?
    cat "$work/none.log"
    [ $status -eq 1 ] || fail "exit status $status, expected 1"
    grep -q "^simarena bridge: error: no program sent a motor_ctrl frame on udpm://.* during the 0.50 s simulated" \
      "$work/none.log" || fail "no one-line error"
    ;;
  lockstep_no_program)
    "$simarena" bridge --quiet --duration 1 --wait-client 0.5 --out "$work/none.json" >"$work/none.log" 2>&1
    status=$?
    cat "$work/none.log"
    [ $status -eq 1 ] || fail "exit status $status, expected 1"
    grep -q "error: no motor_ctrl frame on udpm://.* within 0.5 s" "$work/none.log" || fail "no one-line error"
    ;;
  *) fail "unknown case" ;;
esac
echo "BRIDGE OK $case_name"
