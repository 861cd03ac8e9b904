#!/bin/sh
# A new user's install, for real: an unprivileged user runs
# `cmake --install <build> --prefix <a folder it owns>`, the prefix is moved
# elsewhere, the source and build trees are hidden (an empty tmpfs over each,
# in a private mount namespace), and the installed simarena must still list
# the tracks, run trot on sprint, verify the replay, and run a plugin built
# out of tree against the installed SDK. An SDK-only install
# (`--component sdk`: headers + CMake package) must build the same plugin.
# Usage: install_as_user.sh <build dir> <source dir>
# As root it installs as `nobody` (setpriv); as a normal user it is that user
# and cannot hide the trees (it says so). Exit 77 (skipped) when root has no
# way to become an unprivileged user.
set -eu
build=$(cd "$1" && pwd -P) source=$(cd "$2" && pwd -P)
work=$(mktemp -d "${TMPDIR:-/tmp}/simarena-install-test.XXXXXX")
case "$work" in "$source"/* | "$build"/*) rm -rf "$work"; work=$(mktemp -d /tmp/simarena-install-test.XXXXXX) ;; esac
trap 'rm -rf "$work"' EXIT
mkdir "$work/home"
cp -R "$source/tests/out_of_tree" "$work/plugin-src"  # the student's own folder, outside the source tree

# What the user does: install (full, and SDK only), then the prefix moves.
cat >"$work/install.sh" <<STEPS
set -eu
cd "$work"
cmake --install "$build" --prefix "$work/first-prefix" >install.log 2>&1 || { cat install.log; exit 1; }
grep -q "Installing: $work/first-prefix/lib[^ ]*/simarena/controllers/trot.so" install.log ||
  { echo "FAIL: trot.so not installed under the prefix:"; cat install.log; exit 1; }
if grep "Install\\(ing\\|-configuration\\)\\|Up-to-date" install.log | grep -v "$work/first-prefix/" | grep -q .; then
  echo "FAIL: files installed outside the prefix:"; grep -v "$work/first-prefix/" install.log; exit 1
fi
cmake --install "$build" --component sdk --prefix "$work/sdk" >sdk.log 2>&1 || { cat sdk.log; exit 1; }
[ ! -e sdk/bin ] && [ ! -e sdk/share ] && [ -f sdk/include/simarena/controller.h ] &&
  find sdk -name simarenaConfig.cmake | grep -q . ||
  { echo "FAIL: the SDK-only install is not headers + CMake package:"; find sdk; exit 1; }
mv first-prefix local
STEPS

# What the user runs afterwards, with only the moved prefix.
cat >"$work/run.sh" <<STEPS
set -eu
cd "$work"
prefix="$work/local"
"\$prefix/bin/simarena" tracks >tracks.txt
grep -q "^sprint " tracks.txt || { echo "FAIL: simarena tracks:"; cat tracks.txt; exit 1; }
"\$prefix/bin/simarena" run --track sprint --controller trot --duration 3 --quiet --out run.json >run.txt
grep -q "controller  trot (\$prefix/lib[^ ]*/simarena/controllers/trot.so)" run.txt ||
  { echo "FAIL: trot is not the installed one:"; cat run.txt; exit 1; }
"\$prefix/bin/simarena" verify run.replay >verify.txt
grep -q "^VERIFIED" verify.txt || { echo "FAIL: verify:"; cat verify.txt; exit 1; }
"\$prefix/bin/simarena" run --controller stand --duration 1 --sandbox --quiet --no-replay --out sandbox.json >sandbox.txt
grep -q "sandbox     CPU per call" sandbox.txt || { echo "FAIL: sandboxed run:"; cat sandbox.txt; exit 1; }
"\$prefix/bin/simarena" run --controller stand --duration 1 --quiet --no-replay --out zh.json --lang zh >zh.txt
grep -q "模拟时间    1.000 秒" zh.txt || { echo "FAIL: the installed message catalogue (share/locale):"; cat zh.txt; exit 1; }
cmake -S plugin-src -B plugin-build -DCMAKE_PREFIX_PATH="\$prefix" -DCMAKE_BUILD_TYPE=Release >plugin.log
cmake --build plugin-build >>plugin.log
"\$prefix/bin/simarena" run --controller "$work/plugin-build/my_controller.so" --duration 3 --quiet \\
  --out plugin.json >plugin.txt
grep -q "upright" plugin.txt || { echo "FAIL: out-of-tree plugin:"; cat plugin.txt; exit 1; }
cmake -S plugin-src -B sdk-build -DCMAKE_PREFIX_PATH="$work/sdk" -DCMAKE_BUILD_TYPE=Release >sdk-plugin.log
cmake --build sdk-build >>sdk-plugin.log
"\$prefix/bin/simarena" run --controller "$work/sdk-build/my_controller.so" --duration 2 --quiet \\
  --out sdk-plugin.json >sdk-plugin.txt
grep -q "upright" sdk-plugin.txt || { echo "FAIL: plugin built against the SDK-only install:"; cat sdk-plugin.txt; exit 1; }
echo "installed simarena ran as \$(id -un) from \$prefix"
STEPS

# Nothing from the caller's environment (SIMARENA_DATA_DIR, ccache, ...).
clean_env="env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=$work/home LANG=C.UTF-8"
cd "$work"
if [ "$(id -u)" -ne 0 ]; then
  echo "note: not root: the source and build trees stay visible (needs root and mount namespaces); prefix moved only"
  $clean_env sh install.sh && $clean_env sh run.sh
  echo "INSTALL OK"
  exit 0
fi
if ! command -v setpriv >/dev/null || ! getent passwd nobody >/dev/null || ! unshare --mount true 2>/dev/null; then
  echo "SKIP: as root this test needs setpriv and unshare (util-linux), mount namespaces and the user nobody"
  exit 77
fi
chown -R 65534:65534 "$work"
for manifest in install_manifest.txt install_manifest_sdk.txt; do : >"$work/$manifest"; done
chown 65534:65534 "$work"/install_manifest*.txt
as_user="setpriv --reuid=65534 --regid=65534 --clear-groups $clean_env"
# In a private mount namespace: cmake's install manifests in the build tree
# are files the user owns (as in a build tree of their own), and after the
# install the source and build trees are hidden.
unshare --mount --propagation private sh -eu -c '
  build=$1 source=$2 work=$3; shift 3
  for manifest in install_manifest.txt install_manifest_sdk.txt; do
    [ -e "$build/$manifest" ] || : >"$build/$manifest"
    mount --bind "$work/$manifest" "$build/$manifest"
  done
  "$@" sh "$work/install.sh"
  for tree in "$build" "$source"; do [ -d "$tree" ] && mount -t tmpfs -o size=1m,mode=0755 hidden "$tree"; done
  [ -z "$(ls -A "$source")" ] || { echo "FAIL: the source tree is still visible"; exit 1; }
  "$@" sh "$work/run.sh"
  echo "with the source tree $source and the build tree $build hidden"' sh "$build" "$source" "$work" $as_user
echo "INSTALL OK"
