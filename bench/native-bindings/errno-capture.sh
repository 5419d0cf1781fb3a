#!/usr/bin/env bash
# JMH: cost of errno capture strategies around syscall(SYS_getpid), and the clone+exit+reap floor.
# Usage: bench/native-bindings/errno-capture.sh [extra JMH args]   (default: 1 fork, 3x1s warmup, 5x1s)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
. .mvn/jdk25.sh
jdk=$(procward_require_jdk25)
./mvnw -B -o -q -pl native-bindings test-compile
cpfile=$(mktemp)
./mvnw -B -o -q -pl native-bindings dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile"
cp="native-bindings/target/test-classes:native-bindings/target/classes:$(cat "$cpfile")"
rm -f "$cpfile"
exec "$jdk/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" org.openjdk.jmh.Main ErrnoCaptureBench \
  -jvmArgs --enable-native-access=ALL-UNNAMED -f 1 -wi 3 -w 1 -i 5 -r 1 "$@"
