#!/bin/sh
# Simulated kernel throughput and /proc rendering time. Needs the modules compiled:
#   ./mvnw -B -o -q -pl simulator -am compile
set -e
cd "$(dirname "$0")/../.."
. ./.mvn/jdk25.sh 2>/dev/null || true
M2=${M2_REPO:-$HOME/.m2/repository}
CP=simulator/target/classes:supervisor/target/classes:native-bindings/target/classes:probes/target/classes
CP=$CP:$(ls "$M2"/com/google/jimfs/jimfs/1.3.1/jimfs-1.3.1.jar):"$M2"/com/google/guava/guava/33.4.8-jre/guava-33.4.8-jre.jar
exec "${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" -cp "$CP" bench/simulator/Throughput.java
