#!/bin/sh
# `simarena view --bridge`: the SDK-shaped client stands the robot up over
# LCM inside the viewer, rendered offscreen. Run inside in_private_network.sh.
# Usage: view_bridge.sh <simarena> <sdk_shaped_client> <work dir>
set -u
simarena=$1 client=$2 work=$3
mkdir -p "$work"
"$client" --pace state --idle-exit 1 >"$work/client.log" 2>&1 &
env -u DISPLAY "$simarena" view --bridge --track sprint --screenshot "$work/view.png" --duration 5 --size 640x360 \
  --gl egl 2>&1
status=$?
wait
[ -s "$work/view.png" ] || status=1
echo "status=$status"
