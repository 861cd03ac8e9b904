#!/bin/sh
# Runs a command in its own fresh folder and prints its output (stderr
# first, then stdout), then "exit=<status>", so one PASS_REGULAR_EXPRESSION
# checks both the message a user reads and the exit code scripts rely on.
# Usage: exit_status.sh <work dir> <command> [args...]
set -u
work=$1
shift
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
"$@" >stdout.txt 2>stderr.txt
status=$?
cat stderr.txt stdout.txt
echo "exit=$status"
