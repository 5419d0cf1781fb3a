#!/usr/bin/env bash
# The reap storm only, procward against tini, in pairs: each round runs both at PID 1 of a new
# namespace (alternating which goes first) and keeps procward's time ÷ tini's. The storm's wall
# time is mostly the kernel exiting 5,000 processes and swings by 2-3x on a noisy VM, so the
# verdict is the median of the per-round ratios and the count of rounds procward won.
#
#   bench/init/storm-pairs.sh [ROUNDS] [ORPHANS]        defaults: 40 5000
#   PROCWARD_INIT_REAP=loop bench/init/storm-pairs.sh   procward's own loop reaping instead of the kernel
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
rounds=${1:-40}
orphans=${2:-5000}
out="$root/bench/out/init"
mkdir -p "$out"
gcc -O2 -o "$out/storm" "$here/storm.c"
JAVA_HOME=$(. "$root/.mvn/jdk25.sh"; procward_find_jdk25) || { echo "no JDK 25 found" >&2; exit 1; }
export JAVA_HOME
"$root/procward" init -- /bin/true >/dev/null # builds the jar on first use

storm() { unshare --pid --fork --mount-proc "$@" "$out/storm" "$orphans" 2>/dev/null | tail -1; }
pairs="$out/storm-pairs.txt"
: > "$pairs"
for ((r = 0; r < rounds; r++)); do
  if ((r % 2)); then p=$(storm "$root/procward" init --); t=$(storm tini --)
  else t=$(storm tini --); p=$(storm "$root/procward" init --); fi
  echo "$p $t" >> "$pairs"
done
awk '{ r[NR] = $1 / $2; p[NR] = $1; t[NR] = $2; if ($1 < $2) won++ }
     function median(a, n,   i, j, x) { for (i = 2; i <= n; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j+1] = a[j]; a[j+1] = x }
                                         return n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2 }
     END { n = NR; printf "rounds %d, reap=%s: procward %.1f ms, tini %.1f ms (medians); procward / tini per round: median %.2fx, q1 %.2fx, q3 %.2fx; procward faster in %d of %d\n",
                 n, ENVIRON["PROCWARD_INIT_REAP"] == "" ? "kernel" : ENVIRON["PROCWARD_INIT_REAP"], median(p, n), median(t, n), median(r, n), r[int(n/4)], r[int(3*n/4)], won, n }' "$pairs"
