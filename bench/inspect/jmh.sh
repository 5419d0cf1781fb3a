#!/usr/bin/env bash
# JMH: a full procward snapshot against OSHI's getProcesses() in the same JVM.
#   bench/inspect/jmh.sh [JMH options]     e.g. -f 1 -wi 3 -i 5
# Start extra processes first (bench/out/inspect/sleepers N &) to measure at 1k/5k/10k.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/bench/out/inspect"
mkdir -p "$out/jmh-classes"
cd "$root"
. "$root/bench/probes-classpath.sh"
probes_bench_setup "$root"
# JDK 23+ runs annotation processors only when asked: generate the JMH harness here.
"$jdk/bin/javac" -proc:full -cp "$cp" -d "$out/jmh-classes" \
  "$root/probes/src/test/java/dev/procward/probes/bench/SnapshotBenchmark.java"
"$jdk/bin/java" --enable-native-access=ALL-UNNAMED -Djmh.ignoreLock=true -cp "$out/jmh-classes:$cp" org.openjdk.jmh.Main \
  SnapshotBenchmark -rf json -rff "$out/jmh.json" "$@"
