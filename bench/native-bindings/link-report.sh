#!/usr/bin/env bash
# Link cost of the init set in fresh JVMs: prints each run's report, then the median total.
# Usage: bench/native-bindings/link-report.sh [runs]   (default 7) — extra JVM flags via JAVA_OPTS
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
. .mvn/jdk25.sh
jdk=$(procward_require_jdk25)
./mvnw -B -o -q -pl native-bindings compile
runs=${1:-7}
totals=()
cpus=()
for _ in $(seq "$runs"); do
  out=$("$jdk/bin/java" --enable-native-access=ALL-UNNAMED ${JAVA_OPTS:-} -cp native-bindings/target/classes dev.procward.libc.LinkReport)
  echo "$out"; echo
  totals+=("$(awk '/total for the init set/ {print $1}' <<<"$out")")
  cpus+=("$(awk '/total for the init set/ {print $2}' <<<"$out")")
done
median() { sort -n | awk -v what="$1" '{a[NR]=$1} END {printf "median %s over %d runs: %s ms (min %s, max %s)\n", what, NR, a[int((NR+1)/2)], a[1], a[NR]}'; }
printf '%s\n' "${totals[@]}" | median "wall total"
printf '%s\n' "${cpus[@]}" | median "main-thread CPU total"
