#!/usr/bin/env bash
# Side-by-side benchmark of procward init against tini, dumb-init and catatonit (Debian packages)
# and procward's own loop written in C (c-loop-init.c, the floor for the method),
# all in one run. "procward, loop reaps" is procward with the kernel's reaping turned off
# (PROCWARD_INIT_REAP=loop): its loop then waits for every orphan itself, as tini does. Prints a markdown table (also written to bench/out/init/results.md).
#
#   bench/init/run.sh [RUNS] [STORM_ORPHANS] [SIGNALS]      defaults: 20 5000 1000
#   STORM_ROUNDS=N (default 5): interleaved rounds of the reap storm
#
# Needs: root (unshare for the PID 1 reap storm), gcc, tini, dumb-init, catatonit, and a built
# procward (./procward builds it; the AOT cache cli/target/procward-init.aot is used when present).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=${1:-20}
orphans=${2:-5000}
signals=${3:-1000}
out="$root/bench/out/init"
mkdir -p "$out"

gcc -O2 -o "$out/storm" "$here/storm.c"
gcc -O2 -o "$out/siglat" "$here/siglat.c"
gcc -O2 -o "$out/c-loop-init" "$here/c-loop-init.c"

# Make sure the jar exists (first run builds), and take the launcher's fast path afterwards.
"$root/procward" init -- /bin/true >/dev/null
export PROCWARD_JAR=${PROCWARD_JAR:-$root/cli/target/procward.jar}
# A JDK 25 (the java on PATH may be older): without one in JAVA_HOME the launcher leaves its fast
# path and probes for a JDK on every start, which the start-up columns would then include.
JAVA_HOME=$(. "$root/.mvn/jdk25.sh"; procward_find_jdk25) || { echo "no JDK 25 found" >&2; exit 1; }
export JAVA_HOME

# name | command prefix (the program follows)
inits=(
  "procward|$root/procward init --"
  "procward -Xint|env PROCWARD_INIT_JVM_OPTS=-Xint $root/procward init --"
  "procward, loop reaps|env PROCWARD_INIT_REAP=loop $root/procward init --"
  "tini|tini -s --"
  "dumb-init|dumb-init"
  "catatonit|catatonit --"
  "C loop|$out/c-loop-init"
)
pid1_prefix() { # the same inits as PID 1 (no -s needed there)
  case $1 in
    procward) echo "$root/procward init --" ;;
    "procward -Xint") echo "env PROCWARD_INIT_JVM_OPTS=-Xint $root/procward init --" ;;
    "procward, loop reaps") echo "env PROCWARD_INIT_REAP=loop $root/procward init --" ;;
    tini) echo "tini --" ;;
    dumb-init) echo "dumb-init" ;;
    catatonit) echo "catatonit --" ;;
    "C loop") echo "$out/c-loop-init" ;;
  esac
}

median() { # [FORMAT] (default %.1f)
  sort -n | awk -v f="${1:-%.1f}" '{a[NR]=$1} END {if (NR==0) {print "n/a"; exit} m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf f "\n", m}'
}

startup_wall_ms() { # median wall time of INIT /bin/true
  local prefix=$1 i t0 t1
  for ((i = 0; i < runs; i++)); do
    t0=$EPOCHREALTIME; $prefix /bin/true >/dev/null 2>&1; t1=$EPOCHREALTIME
    awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f\n", (b - a) * 1000}'
  done | median
}

child_exec_ms() { # median time from exec of the init to the child's first instruction (date's clock read)
  local prefix=$1 i t0 t1
  for ((i = 0; i < runs; i++)); do
    t0=$EPOCHREALTIME; t1=$($prefix /bin/date +%s.%N 2>/dev/null)
    awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f\n", (b - a) * 1000}'
  done | median
}

idle_memory() { # RSS PSS anonymous (MB) of the init process, 3 s after it started `sleep`
  local prefix=$1 pid
  $prefix /bin/sleep 60 >/dev/null 2>"$out/idle.err" &
  pid=$!
  sleep 3
  # n/a when the init is gone already (its stderr is kept in idle.err)
  awk '/^Rss:/{r=$2} /^Pss:/{p=$2} /^Anonymous:/{a=$2} END {printf "%.1f %.1f %.1f\n", r/1024, p/1024, a/1024}' "/proc/$pid/smaps_rollup" 2>/dev/null \
    || { echo "n/a n/a n/a"; cat "$out/idle.err" >&2; }
  kill -TERM "$pid" 2>/dev/null; kill -KILL "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
}

# Reap storm: PID 1 of a new namespace, $orphans orphans exit together. Rounds interleave the
# inits so that each sees the same machine load; the table shows each init's median. The storm's
# wall time scatters widely (tini: 294 to 925 ms between runs), so STORM_ROUNDS=N takes more.
declare -A storms=() storm_cpu=()
# Each round starts one init later than the one before, so that no init always follows the same
# one (a storm leaves the kernel freeing 5,000 tasks for a while after it ends).
for ((round = 1; round <= ${STORM_ROUNDS:-5}; round++)); do
  for ((k = 0; k < ${#inits[@]}; k++)); do
    entry=${inits[(round + k) % ${#inits[@]}]}
    name=${entry%%|*}
    result=$(unshare --pid --fork --mount-proc $(pid1_prefix "$name") "$out/storm" "$orphans" 2>/dev/null || true)
    storms[$name]+="$(tail -1 <<< "$result") "
    storm_cpu[$name]+="$(awk '/^init_cpu_ms/ {print $2}' <<< "$result") "
  done
done
reap_storm_ms() { tr ' ' '\n' <<< "${storms[$1]}" | grep . | median; }
# The init's own CPU time (schedstat run time of its tasks) during the storm: less sensitive to
# load than the wall time.
reap_storm_cpu_ms() { tr ' ' '\n' <<< "${storm_cpu[$1]}" | grep . | median; }
# Paired: the median over rounds of (this init's storm / tini's storm in the same round). Rounds
# interleave the inits, so each pair saw the same moment of the machine; this moves less between
# runs than the ratio of the two medians.
storm_vs_tini() {
  paste -d' ' <(tr ' ' '\n' <<< "${storms[$1]}" | grep .) <(tr ' ' '\n' <<< "${storms[tini]}" | grep .) |
    awk '$2 > 0 {printf "%.3f\n", $1 / $2}' | median %.2f
}

signal_latency_us() { # median and p90 over $signals TERMs sent to the init until the child's handler ran
  "$out/siglat" driver "$signals" $1 2>/dev/null
}

baseline_exec=$(for ((i = 0; i < runs; i++)); do t0=$EPOCHREALTIME; t1=$(/bin/date +%s.%N); awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f\n", (b - a) * 1000}'; done | median)

{
  echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg); $(uname -r); runs=$runs, orphans=$orphans, signals=$signals, storm rounds=${STORM_ROUNDS:-5}."
  echo "Baseline: \`date\` run directly reads its clock ${baseline_exec} ms after the shell's timestamp."
  echo
  echo "| init | start-up wall \`init -- /bin/true\` (ms) | exec → child's first instruction (ms) | idle RSS (MB) | idle PSS (MB) | idle anon (MB) | reap storm, $orphans orphans at PID 1 (ms) | storm ÷ tini's, median of rounds | init CPU in the storm (ms) | TERM forwarding latency median / p90 (µs) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} | tee "$out/results.md"

for entry in "${inits[@]}"; do
  name=${entry%%|*}
  prefix=${entry#*|}
  wall=$(startup_wall_ms "$prefix")
  first=$(child_exec_ms "$prefix")
  read -r rss pss anon < <(idle_memory "$prefix")
  storm=$(reap_storm_ms "$name")
  storm_cpu_ms=$(reap_storm_cpu_ms "$name")
  storm_ratio=$(storm_vs_tini "$name")
  read -r lat_med lat_p90 < <(signal_latency_us "$prefix")
  echo "| $name | $wall | $first | $rss | $pss | $anon | $storm | ${storm_ratio}× | $storm_cpu_ms | $lat_med / $lat_p90 |" | tee -a "$out/results.md"
done
