#!/usr/bin/env bash
# How close can a JVM get to the inspector targets on this machine? Floors beside the real
# commands, in one run, at COUNT extra sleeping processes (default 10000):
#
#   bench/inspect/floors.sh [COUNT]
#
# - procps `ps -eo pid,ppid,stat,rss,comm`, `ps auxf` and `procward ps` / `procward tree`;
# - FloorPs (FloorPs.java): the least a JVM does for that ps listing, with its own AOT cache, and
#   FloorPs --picocli: the same after parsing procward's command line with picocli;
# - an empty main() with the launcher's flags: the JVM's start alone;
# - psfloor (C, one thread): the kernel's cost of the files each command reads (ps: stat and
#   status; tree: stat and the 8 ns/ links), as CPU time, halved for the best case on all CPUs.
# Results: bench/out/inspect/floors-COUNT.json and a table on stdout.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/bench/out/inspect"
n=${1:-10000}
mkdir -p "$out/floor-ps"

. "$root/.mvn/jdk25.sh"
jdk="$(procward_require_jdk25)"
java="$jdk/bin/java"
jar="$root/cli/target/procward.jar"
[ -f "$jar" ] || (cd "$root" && ./mvnw -B -q -o -pl cli -am package -DskipTests)
gcc -O2 -o "$out/sleepers" "$here/sleepers.c"
gcc -O2 -o "$out/psfloor" "$here/psfloor.c"

# The Java floors, in a jar (the AOT cache takes classes from jars only), each with an AOT cache
# trained on its own run, as procward's short commands have one.
printf 'public class Empty { public static void main(String[] a) {} }\n' > "$out/floor-ps/Empty.java"
"$jdk/bin/javac" -d "$out/floor-ps" -cp "$jar" "$here/FloorPs.java" "$out/floor-ps/Empty.java"
"$jdk/bin/jar" --create --file "$out/floor-ps/floor.jar" -C "$out/floor-ps" FloorPs.class -C "$out/floor-ps" Empty.class
flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xss512k -Xlog:disable -Xlog:all=warning:stderr"
cp="$out/floor-ps/floor.jar:$jar"
ps_args="ps -o pid,ppid,stat,rss,comm"
for v in plain picocli; do
  rm -f "$out/floor-ps/$v.aot"
  extra=; [ $v = picocli ] && extra="--picocli $ps_args"
  # shellcheck disable=SC2086
  "$java" $flags -XX:AOTCacheOutput="$out/floor-ps/$v.aot" -cp "$cp" FloorPs $extra > /dev/null
done
floor_ps="$java $flags -XX:AOTCache=$out/floor-ps/plain.aot -cp $cp FloorPs"
floor_pico="$java $flags -XX:AOTCache=$out/floor-ps/picocli.aot -cp $cp FloorPs --picocli $ps_args"
empty="$java $flags -cp $out/floor-ps/floor.jar Empty"
export JAVA_HOME="$jdk"
pw="$root/procward"

sleepers=""
cleanup() { [ -n "$sleepers" ] && kill -TERM "$sleepers" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT
coproc SLEEPERS { exec "$out/sleepers" "$n"; }
sleepers=$SLEEPERS_PID
read -r -t 300 _ <&"${SLEEPERS[0]}" || { echo "sleepers did not start" >&2; exit 1; }
total=$( (ls -d /proc/[0-9]* 2>/dev/null || true) | wc -l)
echo "== $n sleepers ($total processes in total), $(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg)"

c_ps=$("$out/psfloor" 10 stat status)
c_tree=$("$out/psfloor" 10 stat ns)
echo "$c_ps"; echo "$c_tree"
hyperfine -N --warmup 1 --runs 10 --export-json "$out/floors-$n.json" \
  -n "procps ps -eo" "ps -eo pid,ppid,stat,rss,comm" \
  -n "procward ps" "$pw $ps_args" \
  -n "FloorPs --picocli" "$floor_pico" \
  -n "FloorPs" "$floor_ps" \
  -n "JVM empty main" "$empty" \
  -n "ps auxf" "ps auxf" \
  -n "procward tree" "$pw tree"

python3 - "$out/floors-$n.json" "$(nproc)" "$c_ps" "$c_tree" <<'PY'
import json, re, sys
rows = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
cpus = int(sys.argv[2])
def c_floor(line):  # psfloor's CPU per process x processes, on all CPUs at best
    m = re.search(r"(\d+) procs.*cpu ([\d.]+) us/proc", line)
    return int(m.group(1)) * float(m.group(2)) / 1e3 / cpus
empty = rows["JVM empty main"]["mean"] * 1e3
print("\n| command | wall mean ms | cpu ms | / procps ps | / ps auxf |")
print("|---|---|---|---|---|")
ps, auxf = rows["procps ps -eo"]["mean"] * 1e3, rows["ps auxf"]["mean"] * 1e3
for name, r in rows.items():
    w = r["mean"] * 1e3
    print(f"| {name} | {w:.0f} | {(r['user'] + r['system']) * 1e3:.0f} | {w / ps:.2f} | {w / auxf:.2f} |")
for name, line, base, target in (("ps: stat+status", sys.argv[3], ps, 0.5), ("tree: stat+ns", sys.argv[4], auxf, 0.2)):
    f = c_floor(line)
    print(f"| C floor {name} on {cpus} CPUs + JVM empty main | {f + empty:.0f} (= {f:.0f} + {empty:.0f}) | | "
          f"{(f + empty) / ps:.2f} | {(f + empty) / auxf:.2f} |")
    print(f"|   target {target}x of {base:.0f} ms | {target * base:.0f} | | | |")
PY
