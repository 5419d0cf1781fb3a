# Sourced by the probes benchmarks: probes_test_classpath REPO prints the test class path of the
# probes module (its classes, native-bindings' classes, and every test-scope jar from ~/.m2).
# exec-maven-plugin's %classpath works offline; dependency:build-classpath needs artifacts that
# the shared ~/.m2 does not hold.
probes_test_classpath() {
  local repo=$1
  (cd "$repo" && ./mvnw -B -q -o -pl native-bindings,probes test-compile \
     org.codehaus.mojo:exec-maven-plugin:3.5.1:exec -Dexec.executable=echo -Dexec.args=%classpath \
     -Dexec.classpathScope=test) | tail -1
}

# probes_bench_setup REPO sets jdk (a JDK 25 home) and cp (the probes test class path).
probes_bench_setup() {
  . "$1/.mvn/jdk25.sh"
  jdk="$(procward_require_jdk25)"
  cp="$(probes_test_classpath "$1")"
}
