#!/bin/sh
# `simarena bridge --cameras rgb,depth` in lockstep against the SDK-shaped
# client, with a camera subscriber on the bus: the images arrive with the
# camera's size, encoding and schedule and a plausible content, two runs
# publish the same bytes, and without --cameras nothing is published; the
# high-level bridge publishes them too.
# Run it inside in_private_network.sh. Prints "CAMERAS OK" on success.
# Usage: camera_case.sh <simarena> <sdk_shaped_client> <camera_subscriber> <contest_shaped_client> <work dir>
set -u
simarena=$1 client=$2 subscriber=$3 contest_client=$4 work=$5
mkdir -p "$work"
fail() { echo "CAMERAS FAILED: $*"; exit 1; }

# A receive buffer for whole images (921,600 bytes an RGB image); the kernel
# caps it at net.core.rmem_max.
url="udpm://239.255.76.67:7672?recv_buf_size=4194304"  # the bridge's default camera URL

# run <name> <bridge args>: subscriber and client in the background, the bridge in the foreground.
run() {
  name=$1; shift
  program=$client idle=1
  # The high-level client waits longer: the robot's first odometry comes later.
  [ "$1" = "--high-level" ] && program=$contest_client idle=5
  "$subscriber" --lcm-url "$url" --channel simarena_camera_rgb --channel simarena_camera_depth --wait 8 \
    --idle-exit 3 >"$work/$name.images" 2>"$work/$name.subscriber.log" &
  subscriber_pid=$!
  sleep 0.5  # subscribed before the first image (tick 0)
  "$program" --pace state --idle-exit $idle >"$work/$name.client.log" 2>&1 &
  client_pid=$!
  "$simarena" bridge --quiet --wait-client 20 --out "$work/$name.json" "$@" \
    >"$work/$name.log" 2>&1
  status=$?
  wait "$client_pid"
  wait "$subscriber_pid"
  cat "$work/$name.log" "$work/$name.subscriber.log"
  [ $status -eq 0 ] || fail "simarena bridge exited with $status"
}

run first --duration 1 --cameras rgb,depth
run second --duration 1 --cameras rgb,depth
run none --duration 1
head -n 4 "$work/first.images"

# 1 s at 15 Hz: images at k / 15 s, k = 0..14, each at the first 2 ms tick at or after it.
rgb=$(grep -c "^simarena_camera_rgb " "$work/first.images")
depth=$(grep -c "^simarena_camera_depth " "$work/first.images")
echo "received $rgb rgb and $depth depth images"
[ "$rgb" -ge 10 ] || fail "only $rgb of 15 rgb images arrived"
[ "$depth" -ge 10 ] || fail "only $depth of 15 depth images arrived"
[ "$rgb" -le 15 ] && [ "$depth" -le 15 ] || fail "more than 15 images a camera in 1 s at 15 Hz"
# Fields: channel seq N t_us T WxH encoding step S bytes B distinct D hash H [depth_mm MIN MAX nonzero F]
grep "^simarena_camera_rgb " "$work/first.images" | awk '
  $6 != "640x480" || $7 != "rgb8" || $9 != 1920 || $11 != 921600 { print "bad rgb header: " $0; bad = 1 }
  $13 < 50 { print "rgb image nearly one colour: " $0; bad = 1 }
  { t = int(($3 - 1) * 1000000 / 15); t += (2000 - t % 2000) % 2000
    if ($5 != t) { print "capture time " $5 " us, expected " t ": " $0; bad = 1 } }
  END { exit bad }' || fail "rgb images"
grep "^simarena_camera_depth " "$work/first.images" | awk '
  $6 != "640x384" || $7 != "depth16" || $9 != 1280 || $11 != 491520 { print "bad depth header: " $0; bad = 1 }
  $17 < 110 || $18 > 10000 || $20 < 0.2 || $13 < 50 { print "implausible depth (mm min max, nonzero share): " $0; bad = 1 }
  END { exit bad }' || fail "depth images"

# Lockstep: the same camera and sequence number, the same bytes, in both runs.
awk 'NR == FNR { hash[$1 " " $3] = $15; next }
     ($1 " " $3) in hash { common++; if (hash[$1 " " $3] != $15) { print "differs: " $0; bad = 1 } }
     END { print common " images in both runs"; exit bad || common < 20 }' "$work/first.images" "$work/second.images" ||
  fail "two lockstep runs published different images"
# Only when asked for; and the images never change what is simulated.
[ ! -s "$work/none.images" ] || fail "images published without --cameras"
cmp "$work/first.replay" "$work/second.replay" || fail "two runs with cameras wrote different replays"
cmp "$work/first.replay" "$work/none.replay" || fail "publishing images changed the run"

# The high-level interface's bridge: the same images on the same channels.
run high_level --high-level --duration 1 --cameras rgb
high_level=$(grep -c "^simarena_camera_rgb .* 640x480 rgb8 " "$work/high_level.images")
[ "$high_level" -ge 10 ] || fail "the high-level bridge published $high_level of 15 rgb images"
grep -q "^simarena_camera_depth " "$work/high_level.images" && fail "depth published though not asked for"
echo "CAMERAS OK"
