#!/usr/bin/env bash
# Scrape cost of `procward exporter` at N extra sleeping processes, and its idle RSS.
#
#   bench/exporter/scrape.sh [N ...]        (default: 1000 10000; needs cli/target/procward.jar, python3, curl)
#
# For each N: forks N sleeping processes (one python3 parent; all are killed on exit, whatever
# happens), starts the exporter on loopback with D-state sampling off, takes 5 warm-up scrapes,
# then 30 measured ones, and prints the median and p90 of the exporter's own
# procward_scrape_duration_seconds and of the whole HTTP request, its CPU time per scrape, and
# `ps -eo pid,ppid,stat,rss,comm` on the same host as a reference. Idle RSS is VmRSS 10 s after
# start (no scrape yet) and 10 s after the last scrape. A second exporter with the default
# --sample-hz 1 then sits idle for 10 s to measure what D-state sampling costs per second, and
# takes 30 scrapes as deployed (listed from the sampler's latest sweep).
set -euo pipefail
cd "$(dirname "$0")/../.."
jar=cli/target/procward.jar
[ -f "$jar" ] || { echo "build first: ./mvnw -B -pl cli -am package -DskipTests" >&2; exit 2; }
. .mvn/jdk25.sh
java="$(procward_require_jdk25)/bin/java"
port=${PROCWARD_BENCH_PORT:-19798}
counts=("$@"); [ ${#counts[@]} -gt 0 ] || counts=(1000 10000)
# The flags the container image runs commands with (Dockerfile CLI_JVM_FLAGS) plus the DaemonSet's heap.
jvm_flags=(--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xms8m -Xmx96m -Xss512k)

sleepers=""; exporter=""
cleanup() {
  [ -n "$exporter" ] && kill "$exporter" 2>/dev/null && wait "$exporter" 2>/dev/null || true
  [ -n "$sleepers" ] && kill -TERM "$sleepers" 2>/dev/null && wait "$sleepers" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

stats() { sort -g | awk '{v[NR]=$1} END {printf "median %.1f ms  p90 %.1f ms", v[int((NR+1)/2)]*1000, v[int(NR*0.9+0.5)]*1000}'; }

for n in "${counts[@]}"; do
  [ "$n" -le 20000 ] || { echo "N=$n is above the bound of 20000" >&2; exit 2; }
  # The parent forks n children that sleep; on TERM it kills them and reaps them all.
  python3 -c '
import os, signal, sys, time
n = int(sys.argv[1]); kids = []
for _ in range(n):
    pid = os.fork()
    if pid == 0:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        time.sleep(3600); os._exit(0)
    kids.append(pid)
def stop(*_):
    for k in kids:
        try: os.kill(k, signal.SIGKILL)
        except ProcessLookupError: pass
    for k in kids: os.waitpid(k, 0)
    sys.exit(0)
signal.signal(signal.SIGTERM, stop)
print("ready", flush=True)
while True: time.sleep(60)
' "$n" > /tmp/procward-bench-sleepers.$$ &
  sleepers=$!
  until grep -q ready /tmp/procward-bench-sleepers.$$ 2>/dev/null; do sleep 0.2; done
  rm -f /tmp/procward-bench-sleepers.$$
  total=$(ls /proc | grep -c '^[0-9]')

  # Scrapes are measured with D-state sampling off, so that the CPU figure is the scrape's own;
  # the sampler's cost is measured after, on a second exporter with the default --sample-hz 1.
  "$java" "${jvm_flags[@]}" -jar "$jar" exporter --listen 127.0.0.1:$port --snapshot-reuse 0 --sample-hz 0 2>/dev/null &
  exporter=$!
  until curl -sf -o /dev/null http://127.0.0.1:$port/-/healthy; do sleep 0.2; done
  sleep 10
  rss_fresh=$(awk '/^VmRSS/{print $2}' /proc/$exporter/status)
  for _ in 1 2 3 4 5; do curl -sf -o /dev/null http://127.0.0.1:$port/metrics; done
  self=(); wall=()
  c0=$(awk '{print $14+$15}' /proc/$exporter/stat)
  for _ in $(seq 30); do
    wall+=("$(curl -sf -o /tmp/procward-bench-scrape.$$ -w '%{time_total}' http://127.0.0.1:$port/metrics)")
    self+=("$(awk '/^procward_scrape_duration_seconds /{print $2}' /tmp/procward-bench-scrape.$$)")
  done
  rm -f /tmp/procward-bench-scrape.$$
  c1=$(awk '{print $14+$15}' /proc/$exporter/stat)
  ps_times=()
  for _ in $(seq 10); do
    s=$(date +%s.%N); ps -eo pid,ppid,stat,rss,comm >/dev/null; e=$(date +%s.%N)
    ps_times+=("$(echo "$e - $s" | bc)")
  done
  sleep 10
  rss=$(awk '/^VmRSS/{print $2}' /proc/$exporter/status)
  kill "$exporter"; wait "$exporter" 2>/dev/null || true
  "$java" "${jvm_flags[@]}" -jar "$jar" exporter --listen 127.0.0.1:$port 2>/dev/null &
  exporter=$!
  until curl -sf -o /dev/null http://127.0.0.1:$port/-/healthy; do sleep 0.2; done
  sleep 5
  cpu0=$(awk '{print $14+$15}' /proc/$exporter/stat)
  sleep 10
  cpu1=$(awk '{print $14+$15}' /proc/$exporter/stat)
  # The default configuration: scrapes are listed from the sampler's latest sweep (docs/exporter.md).
  dself=(); dwall=()
  for _ in $(seq 30); do
    dwall+=("$(curl -sf -o /tmp/procward-bench-scrape.$$ -w '%{time_total}' http://127.0.0.1:$port/metrics)")
    dself+=("$(awk '/^procward_scrape_duration_seconds /{print $2}' /tmp/procward-bench-scrape.$$)")
    sleep 0.3
  done
  rm -f /tmp/procward-bench-scrape.$$
  echo "processes=$total (N=$n sleeping), load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs"
  echo "  exporter snapshot (procward_scrape_duration_seconds): $(printf '%s\n' "${self[@]}" | stats)"
  echo "  exporter HTTP scrape (curl time_total):               $(printf '%s\n' "${wall[@]}" | stats)"
  echo "  exporter CPU per scrape (user+sys, sampling off):        $(( (c1 - c0) * 1000 / $(getconf CLK_TCK) / 30 )) ms"
  echo "  ps -eo pid,ppid,stat,rss,comm (reference):            $(printf '%s\n' "${ps_times[@]}" | stats)"
  echo "  exporter CPU at idle with D-state sampling at 1 Hz:    $(( (cpu1 - cpu0) * 1000 / $(getconf CLK_TCK) / 10 )) ms per second"
  echo "  default --sample-hz 1, snapshot from the sweep:        $(printf '%s\n' "${dself[@]}" | stats)"
  echo "  default --sample-hz 1, HTTP scrape (curl time_total):   $(printf '%s\n' "${dwall[@]}" | stats)"
  echo "  exporter RSS: $((rss_fresh / 1024)) MiB idle before any scrape, $((rss / 1024)) MiB idle 10 s after 35 scrapes"
  kill "$exporter"; wait "$exporter" 2>/dev/null || true; exporter=""
  kill -TERM "$sleepers"; wait "$sleepers" 2>/dev/null || true; sleepers=""
done
