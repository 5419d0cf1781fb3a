#!/usr/bin/env bash
# Inspector benchmarks, side by side in one run: procward ps vs procps ps, procward tree vs
# ps auxf and pstree, at 1k, 5k and 10k extra sleeping processes.
#
#   bench/inspect/run.sh [COUNT...]        (default: 1000 5000 10000)
#
# procward runs twice: with the JVM's defaults, and with flags for short commands (C1 only,
# SerialGC, an AOT cache trained on one ps run). Results: bench/out/inspect/*.md and .json.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/bench/out/inspect"
mkdir -p "$out"
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1000 5000 10000)

. "$root/.mvn/jdk25.sh"
java="$(procward_require_jdk25)/bin/java"
jar="$root/cli/target/procward.jar"
[ -f "$jar" ] || (cd "$root" && ./mvnw -B -q -o -pl cli -am package -DskipTests)
gcc -O2 -o "$out/sleepers" "$here/sleepers.c"

fast_flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m"
aot="$out/procward.aot"
rm -f "$aot"
"$java" --enable-native-access=ALL-UNNAMED $fast_flags -XX:AOTCacheOutput="$aot" -jar "$jar" ps -o pid,ppid,stat,rss,comm >/dev/null 2>&1 || true
"$java" --enable-native-access=ALL-UNNAMED $fast_flags -XX:AOTCacheOutput="$aot.tree" -jar "$jar" tree >/dev/null 2>&1 || true
pw="$java --enable-native-access=ALL-UNNAMED -jar $jar"
pw_fast="$java --enable-native-access=ALL-UNNAMED $fast_flags -XX:AOTCache=$aot -jar $jar"
pw_fast_tree="$java --enable-native-access=ALL-UNNAMED $fast_flags -XX:AOTCache=$aot.tree -jar $jar"

sleepers=""
cleanup() { [ -n "$sleepers" ] && kill -TERM "$sleepers" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT

for n in "${counts[@]}"; do
  coproc SLEEPERS { exec "$out/sleepers" "$n"; }
  sleepers=$SLEEPERS_PID
  read -r -t 300 ready <&"${SLEEPERS[0]}" || { echo "sleepers did not start" >&2; exit 1; }
  total=$( (ls -d /proc/[0-9]* 2>/dev/null || true) | wc -l)
  echo "== $n sleepers ($total processes in total)"
  hyperfine -N --warmup 1 --runs 7 --export-markdown "$out/ps-$n.md" --export-json "$out/ps-$n.json" \
    -n "procps ps -eo" "ps -eo pid,ppid,stat,rss,comm" \
    -n "procward ps" "$pw ps -o pid,ppid,stat,rss,comm" \
    -n "procward ps (C1+SerialGC+AOT)" "$pw_fast ps -o pid,ppid,stat,rss,comm"
  hyperfine -N --warmup 1 --runs 5 --export-markdown "$out/tree-$n.md" --export-json "$out/tree-$n.json" \
    -n "ps auxf" "ps auxf" \
    -n "pstree" "pstree" \
    -n "procward tree" "$pw tree" \
    -n "procward tree (C1+SerialGC+AOT)" "$pw_fast_tree tree"
  kill -TERM "$sleepers"; wait "$sleepers" 2>/dev/null || true; sleepers=""
done
