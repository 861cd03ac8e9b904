#!/bin/sh
# The replay workflow as a user meets it: run, verify (exit 0), damage one
# byte (exit 1, says where), cut the file short like a killed run (exit 2),
# export CSV. Usage: verify_and_export.sh <simarena> <scratch dir>
set -u
simarena=$1 work=$2
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
"$simarena" run --controller stand --duration 2 --quiet --out run.json >/dev/null || { echo "run failed"; exit 1; }

"$simarena" verify run.replay; echo "exit=$?"

cp run.replay damaged.replay
size=$(stat -c %s damaged.replay)
printf 'Z' | dd of=damaged.replay bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
"$simarena" verify damaged.replay; echo "exit=$?"

head -c $((size * 3 / 5)) run.replay > killed.replay
"$simarena" verify killed.replay; echo "exit=$?"

"$simarena" export run.replay --csv run.csv; echo "exit=$?"
echo "rows=$(($(wc -l < run.csv) - 1))"
