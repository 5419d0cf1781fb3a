#!/usr/bin/env bash
# JMH: cost of errno capture strategies around syscall(SYS_getpid), and the clone+exit+reap floor.
# Usage: [JMH_ARGS="-wi 5 -i 10"] bench/native-bindings/errno-capture.sh [more JMH args]   (default -wi 3 -i 5, 1 s each, 1 fork)
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
  -jvmArgs --enable-native-access=ALL-UNNAMED -f 1 -w 1 -r 1 ${JMH_ARGS:--wi 3 -i 5} "$@"
