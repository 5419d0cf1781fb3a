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
for _ in $(seq "$runs"); do
  out=$("$jdk/bin/java" --enable-native-access=ALL-UNNAMED ${JAVA_OPTS:-} -cp native-bindings/target/classes dev.procward.libc.LinkReport)
  echo "$out"; echo
  totals+=("$(awk '/total for the init set/ {print $1}' <<<"$out")")
done
printf '%s\n' "${totals[@]}" | sort -n | awk '{a[NR]=$1} END {printf "median total over %d runs: %s ms (min %s, max %s)\n", NR, a[int((NR+1)/2)], a[1], a[NR]}'
