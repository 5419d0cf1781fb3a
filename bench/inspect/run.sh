#!/usr/bin/env bash
# Inspector benchmarks, side by side in one run: procward ps vs procps ps, procward tree vs
# ps auxf and pstree, at 1k, 5k and 10k extra sleeping processes.
#
#   bench/inspect/run.sh [COUNT...]        (default: 1000 5000 10000)
#
# procward runs as users run it, through the ./procward launcher (short-command JVM flags and the
# AOT cache built at package time), and once more as `java -jar` with the JVM's defaults. Two
# floors go alongside: an empty main() with the launcher's flags (JVM start) and `procward
# --version` (JVM start + picocli + the launcher). Results: bench/out/inspect/*.md and .json.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/bench/out/inspect"
mkdir -p "$out"
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1000 5000 10000)

. "$root/.mvn/jdk25.sh"
jdk="$(procward_require_jdk25)"
java="$jdk/bin/java"
jar="$root/cli/target/procward.jar"
[ -f "$jar" ] || (cd "$root" && ./mvnw -B -q -o -pl cli -am package -DskipTests)
[ "${jar%.jar}-short.aot" -nt "$jar" ] || echo "warning: no AOT cache for short commands next to the jar (profile short-aot-cache)" >&2
gcc -O2 -o "$out/sleepers" "$here/sleepers.c"

# The JVM floor: an empty main() with the launcher's short-command flags.
mkdir -p "$out/floor"
printf 'public class Empty { public static void main(String[] a) {} }\n' > "$out/floor/Empty.java"
"$jdk/bin/javac" -d "$out/floor" "$out/floor/Empty.java"
floor="$java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xss512k -cp $out/floor Empty"
export JAVA_HOME="$jdk" # the launcher then finds the JDK without running java
pw="$root/procward"
pw_defaults="$java --enable-native-access=ALL-UNNAMED -jar $jar"

sleepers=""
cleanup() { [ -n "$sleepers" ] && kill -TERM "$sleepers" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT

base=$( (ls -d /proc/[0-9]* 2>/dev/null || true) | wc -l)
for n in "${counts[@]}"; do
  coproc SLEEPERS { exec "$out/sleepers" "$n"; }
  sleepers=$SLEEPERS_PID
  read -r -t 300 ready <&"${SLEEPERS[0]}" || { echo "sleepers did not start" >&2; exit 1; }
  total=$( (ls -d /proc/[0-9]* 2>/dev/null || true) | wc -l)
  echo "== $n sleepers ($total processes in total)"
  hyperfine -N --warmup 1 --runs 7 --export-markdown "$out/ps-$n.md" --export-json "$out/ps-$n.json" \
    -n "procps ps -eo" "ps -eo pid,ppid,stat,rss,comm" \
    -n "procward ps" "$pw ps -o pid,ppid,stat,rss,comm" \
    -n "procward ps (java -jar, JVM defaults)" "$pw_defaults ps -o pid,ppid,stat,rss,comm" \
    -n "floor: procward --version" "$pw --version" \
    -n "floor: JVM empty main" "$floor"
  hyperfine -N --warmup 1 --runs 5 --export-markdown "$out/tree-$n.md" --export-json "$out/tree-$n.json" \
    -n "ps auxf" "ps auxf" \
    -n "pstree" "pstree" \
    -n "procward tree" "$pw tree" \
    -n "procward tree (java -jar, JVM defaults)" "$pw_defaults tree"
  kill -TERM "$sleepers"; wait "$sleepers" 2>/dev/null || true; sleepers=""
  # The killed sleepers are reaped by whoever adopts them, which can take a while: the next round
  # must not count this round's leftovers (seen: 15k processes in the "10k" round).
  for _ in $(seq 240); do
    [ "$( (ls -d /proc/[0-9]* 2>/dev/null || true) | wc -l)" -le $((base + 200)) ] && break
    sleep 0.5
  done
done

# Ratios against procps (ps) and `ps auxf` (tree): wall mean, wall min, and CPU (user+sys).
python3 - "$out" "${counts[@]}" <<'PY'
import json, sys
out, counts = sys.argv[1], sys.argv[2:]
for kind, base in (("ps", "procps ps -eo"), ("tree", "ps auxf")):
    print(f"\n{kind}: ratio = command / {base}")
    print("| sleepers | command | wall mean ms | wall min ms | cpu ms | wall ratio | min ratio | cpu ratio |")
    print("|---|---|---|---|---|---|---|---|")
    for n in counts:
        rows = json.load(open(f"{out}/{kind}-{n}.json"))["results"]
        b = next(r for r in rows if r["command"] == base)
        cpu = lambda r: r["user"] + r["system"]
        for r in rows:
            print(f"| {n} | {r['command']} | {r['mean']*1e3:.0f} | {r['min']*1e3:.0f} | {cpu(r)*1e3:.0f} | "
                  f"{r['mean']/b['mean']:.2f} | {r['min']/b['min']:.2f} | {cpu(r)/cpu(b):.2f} |")
PY
