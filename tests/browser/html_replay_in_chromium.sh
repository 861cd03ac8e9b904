#!/bin/sh
# An exported HTML replay in headless Chromium with networking off: the file
# names no URL it could fetch, the page starts (three.js from the file
# itself), the canvas is not blank, playing advances the timer and the robot
# moves. The page reports what it shows in data-* attributes of <body>
# (sim/web/replay_page.js), read here with --dump-dom.
# Usage: html_replay_in_chromium.sh <simarena> <chromium> <scratch dir> [screenshot.png]
set -u
simarena=$1 chromium=$2 work=$3 screenshot=${4:-}
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
fail() {
  echo "FAIL: $*"
  [ -f chromium.log ] && { echo "last lines of chromium.log:"; tail -n 15 chromium.log; }
  exit 1
}

# The locomotion controller stands up, then walks towards the start line from about 3 s on: 8 s of sprint.
"$simarena" run --controller locomotion --track sprint --duration 8 --quiet --out run.json >/dev/null ||
  fail "simarena run failed"
"$simarena" export run.replay --html run.html || fail "simarena export --html failed"

# Self-contained: no script, style, image or link fetched from anywhere. The only URLs in the file are
# XML namespace names (three.js creates its canvas with createElementNS), which a browser never fetches.
urls=$(grep -oE '(https?|ftp|wss?)://[^"'"'"' )]*' run.html | sort -u | grep -vxE 'http://www\.w3\.org/(1999/xhtml|2000/svg)')
[ -z "$urls" ] || fail "run.html names URLs: $urls"
grep -qiE '<(script|link|img|iframe)[^>]* (src|href)=' run.html && fail "run.html loads a file by src/href"

# Networking off: every host name fails to resolve; no proxy; no background requests.
browse() {
  sandbox=""
  [ "$(id -u)" -eq 0 ] && sandbox="--no-sandbox"  # Chromium refuses to run as root with its sandbox (CI)
  # shellcheck disable=SC2086
  timeout 90 "$chromium" --headless $sandbox --use-angle=swiftshader --enable-unsafe-swiftshader \
    --host-resolver-rules="MAP * ~NOTFOUND" --no-proxy-server --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$work/profile" \
    --window-size=1000,640 "$@" 2>>chromium.log
}
body() { grep -oE '<body[^>]*>' | head -1; }
# The page's <body> after a virtual-time budget; a second try when Chromium did not get the page started
# (a loaded CI machine), so one slow start is not a failure while a page that never starts still is.
page_state() {
  state=$(browse --virtual-time-budget="$1" --dump-dom "file://$work/run.html#$2" | body)
  case "$state" in *'data-ready="yes"'*) ;; *) state=$(browse --virtual-time-budget="$1" --dump-dom "file://$work/run.html#$2" | body) ;; esac
  printf '%s' "$state"
}
attr() { printf '%s' "$1" | sed -nE "s/.* data-$2=\"([^\"]*)\".*/\\1/p"; }

# At 5.5 s the robot trots at 0.95 m/s: 10 cm in 0.1 s of the replay, so a few frames of playing move it.
paused=$(page_state 2000 "t=5.5")
echo "paused:  $paused"
[ "$(attr "$paused" ready)" = yes ] || fail "the page did not start (see chromium.log)"
[ "$(attr "$paused" verification)" = verified ] || fail "the page does not show the replay as verified"
[ "$(attr "$paused" time)" = 5.500 ] || fail "a page opened at #t=5.5 is not at 5.5 s"
colors=$(attr "$paused" canvas-colors)
[ "${colors:-0}" -ge 3 ] || fail "the canvas is blank (${colors:-no} distinct colours in 49 sampled pixels)"

# Chromium grants the virtual-time budget whether or not it had the CPU to draw frames in it: on a loaded
# machine the page may get only a few frames before the DOM is dumped (CI under ASan once advanced
# 0.6 s of the replay from 4 s, where the robot was still standing up and moved 4 cm, then, on the last
# try, one frame). Hence 5.5 s, and up to four tries, with more budget each time, until the timer has
# advanced and the robot has moved; a page that never plays still fails.
moved() {
  awk -v a="$(attr "$paused" base)" -v b="$(attr "$1" base)" 'BEGIN {
    split(a, p, " "); split(b, q, " "); d = 0
    for (i = 1; i <= 3; ++i) d += (p[i] - q[i]) ^ 2
    exit !(d > 0.05 ^ 2) }'
}
for budget in 4000 8000 12000 16000; do
  playing=$(page_state $budget "t=5.5&play&speed=2")
  echo "playing: $playing"
  time=$(attr "$playing" time)
  awk -v t="$time" 'BEGIN { exit !(t > 6) }' && moved "$playing" && break
done
awk -v t="$time" 'BEGIN { exit !(t > 6) }' || fail "playing did not advance the timer (at ${time:-?} s)"
moved "$playing" || fail "the robot did not move while playing"

if [ -n "$screenshot" ]; then
  browse --virtual-time-budget=2000 --screenshot="$screenshot" "file://$work/run.html#t=7.5" ||
    fail "no screenshot"
fi
echo "PASS: self-contained, drawn, played to $time s, robot moved"
