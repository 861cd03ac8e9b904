#!/bin/sh
# A tournament judged under a Chinese locale: the terminal is in Chinese, and
# runs.jsonl keeps the entry's load error in English (data scripts parse),
# with the plugin's file name intact.
# Usage: zh_tournament_log.sh <simarena> <a plugin that fails to load> <track .yaml> <scratch dir>
set -u
simarena=$1 plugin=$2 track=$3 work=$4
rm -rf "$work" && mkdir -p "$work/entries/broken" && cd "$work" || exit 1
ln -s "$plugin" entries/broken/
env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=zh_CN.UTF-8 "$simarena" tournament entries --tracks "$track" --out out \
  --jobs 1 >stdout.txt 2>&1
echo "exit=$?"
grep -m1 '未运行' stdout.txt
echo "runs.jsonl:"
cat out/runs.jsonl
