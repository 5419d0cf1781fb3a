#!/usr/bin/env bash
# Snapshotter.take per field set, native reader against java.nio, with CPU µs per process, side by
# side with the same reads in C (psfloor.c). Start sleepers first (bench/out/inspect/sleepers N &).
#   bench/inspect/snapshot-cpu.sh [TAKES]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/bench/out/inspect"
mkdir -p "$out"
. "$root/bench/probes-classpath.sh"
probes_bench_setup "$root"
java="$jdk/bin/java"
cc -O2 -o "$out/psfloor" "$here/psfloor.c"
echo "== $(nproc) CPUs, $(ls /proc | grep -c '^[0-9]') processes, load $(cut -d" " -f1-3 /proc/loadavg)"
"$out/psfloor" 10 stat
"$out/psfloor" 10 stat status
"$java" --enable-native-access=ALL-UNNAMED -cp "$cp" dev.procward.probes.SnapshotCpu "${1:-10}"
"$out/psfloor" 10 stat status cmdline
echo "== load after: $(cut -d" " -f1-3 /proc/loadavg)"
