#!/usr/bin/env bash
# Builds the C reference harness and the tiny static target by hand, for use outside procward
# (procward compiles the same sources itself at run time).
#
#   bench/spawn/build.sh [OUTPUT_DIR]     (default: bench/spawn/out)
#
# spawnref speaks a line protocol on a Unix socket (see the comment at the top of spawnref.c).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/out}
mkdir -p "$out"
cc -O2 -Wall -Wextra -o "$out/spawnref" "$here/spawnref.c"
cc -static -nostdlib -Os -o "$out/true-static" "$here/true_static.c"
"$out/true-static"
echo "built $out/spawnref and $out/true-static ($("$out/spawnref" --version))"
