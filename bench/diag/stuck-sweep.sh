#!/usr/bin/env bash
# One `procward stuck` sweep over every thread, warm (JMH), at THREADS sleeping threads, side by
# side with the same sweep in C (cold, and with kept descriptors on one thread and on every CPU).
# Creates the threads itself (bounded: they exit after LIMIT seconds even if this script dies) and
# removes them on exit.
#
#   bench/diag/stuck-sweep.sh                 # 10k threads in 10 processes
#   THREADS=1000 PROCS=1 bench/diag/stuck-sweep.sh
#   ISOLATE=1 bench/diag/stuck-sweep.sh       # in a new PID namespace with its own /proc (root):
#                                             # the sweeps see only these threads, not other jobs'
set -euo pipefail
if [ "${ISOLATE:-0}" = 1 ] && [ -z "${PROCWARD_STUCK_ISOLATED:-}" ]; then
  exec env PROCWARD_STUCK_ISOLATED=1 unshare --pid --fork --mount-proc "$0" "$@"
fi
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
THREADS=${THREADS:-10000}
PROCS=${PROCS:-10}
LIMIT=${LIMIT:-900}
out=$(mktemp -d -t procward-stuck-bench.XXXXXX)

holder=
cleanup() {
  if [ -n "$holder" ]; then kill -- -"$holder" 2>/dev/null || true; fi
  rm -rf "$out"
}
trap cleanup EXIT INT TERM

cc -O2 -pthread -o "$out/threads" "$here/threads.c"
cc -O2 -pthread -o "$out/c-sweep" "$here/c-sweep.c"

echo "building the probes test classes..." >&2
. "$repo/bench/probes-classpath.sh"
cp="$(probes_test_classpath "$repo")"
. "$repo/.mvn/jdk25.sh"
java="$(procward_require_jdk25)/bin/java"

# A new session, so the whole tree goes with one kill.
setsid "$out/threads" "$THREADS" "$PROCS" "$LIMIT" > "$out/ready" &
holder=$!
for _ in $(seq 600); do grep -q ready "$out/ready" 2>/dev/null && break; sleep 0.1; done
grep -q ready "$out/ready" || { echo "the threads did not start" >&2; exit 1; }

echo "== $(nproc) CPUs, load $(cut -d" " -f1-3 /proc/loadavg) (other work on this host inflates both rows alike)"
# "kept" holds one descriptor per thread: raise the soft limit to the hard one (as the JVM does).
ulimit -n "$(ulimit -Hn)"
"$out/c-sweep" 20
"$out/c-sweep" 20 kept
"$out/c-sweep" 20 kept "$(nproc)"   # list first, then split the threads by count: StuckSampler's method
"$java" --enable-native-access=ALL-UNNAMED -cp "$cp" org.openjdk.jmh.Main StuckSweepBenchmark -wi 4 -w 2 -i 8 -r 2 2>&1 \
  | grep -E "^(Benchmark|StuckSweepBenchmark)" | tail -7
# The same modes with CPU time per sweep, the steadier figure on a shared host.
"$java" --enable-native-access=ALL-UNNAMED -cp "$cp" dev.procward.probes.diag.bench.StuckSweepCpu 20
echo "== load after: $(cut -d" " -f1-3 /proc/loadavg)"
