#!/bin/sh
# Installs the simarena build into a scratch prefix, builds the controller in
# this folder against it with find_package(simarena), and runs it.
# Usage: build_and_run.sh <simarena build dir> <this folder> <scratch dir>
set -eu
build=$1 source=$2 work=$3
rm -rf "$work"
cmake --install "$build" --prefix "$work/prefix" >/dev/null
cmake -S "$source" -B "$work/build" -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/build" >/dev/null
# No SIMARENA_DATA_DIR: the installed simarena finds its data relative to itself.
env -u SIMARENA_DATA_DIR -u SIMARENA_CONTROLLER_PATH \
  "$work/prefix/bin/simarena" run --controller "$work/build/my_controller.so" --duration 5 --quiet \
  --out "$work/result.json" | tee "$work/summary.txt"
grep -q "upright" "$work/summary.txt" && grep -q "bit1 cleared" "$work/summary.txt" && echo "OUT-OF-TREE OK"
