#!/bin/sh
# A plugin that segfaults, run in-process (--no-sandbox): one line naming the
# controller, the signal and the simulated time, exit 1, and the replay
# written so far kept on disk (verify: INCOMPLETE, exit 2). The same plugin
# sandboxed (the default) is stopped with the fault named; the run goes on.
# Usage: crash_no_sandbox.sh <simarena> <misbehaving.so> <scratch dir>
set -u
simarena=$1 plugin=$2 work=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
# act=1: segfault at call `at` (t = 0.218 s, between two of the replay writer's 50-tick flushes).
"$simarena" run --controller "$plugin" -p act=1,at=110 --duration 1 --quiet --no-sandbox --out crash.json
echo "exit=$?"
[ -e crash.json ] && echo "result written" || echo "no result"
"$simarena" verify crash.replay
echo "exit=$?"
"$simarena" run --controller "$plugin" -p act=1,at=110 --duration 1 --quiet --out sandboxed.json
echo "exit=$?"
