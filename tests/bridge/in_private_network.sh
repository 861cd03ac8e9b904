#!/bin/sh
# Runs a command in a private network namespace with only loopback up and a
# multicast route on it, so LCM's UDP multicast never leaves the test.
# Exit 77 (skipped) when namespaces are not available (needs root).
# Usage: in_private_network.sh command [args...]
if [ "$(id -u)" -ne 0 ] || ! command -v unshare >/dev/null || ! command -v ip >/dev/null; then
  echo "SKIP: needs root, unshare (util-linux) and ip (iproute2) for a private network namespace"
  exit 77
fi
exec unshare --net sh -c 'ip link set lo up && ip route add 224.0.0.0/4 dev lo && exec "$@"' sh "$@"
