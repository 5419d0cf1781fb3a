# procward as a container's PID 1. See docs/container.md.
#
# Build the jar first, then the image:
#   ./mvnw -B -pl cli -am package -DskipTests
#   docker build -t procward .
# Without a registry (CI), from the base images .ci/prepare.d/20-container-base-images makes:
#   docker build --build-arg BUILD_IMAGE=procward-local/temurin:25-jdk \
#                --build-arg RUNTIME_IMAGE=procward-local/bookworm-slim:latest -t procward .
#
# Written for the classic builder as well as BuildKit (no heredocs, no --mount): the CI engine has
# no BuildKit front end to pull.

# Any JDK 25 image with a shell: jlink, and the AOT training run.
ARG BUILD_IMAGE=eclipse-temurin:25-jdk
# Any glibc-based image; procward needs no package from it. /bin/sh is used by the launcher.
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${BUILD_IMAGE} AS build
# What `jdeps --print-module-deps` reports for the jar, less java.desktop (xchart, for bench
# charts), java.sql and java.compiler (optional paths of Jackson and picocli), which no command run
# in a container needs. docs/container.md lists the analysis.
ARG JAVA_MODULES=java.base,jdk.unsupported,jdk.httpserver
# HotSpot settings for the init path: one small heap, one cheap compiler, no hsperfdata file in the
# application's /tmp.
ARG INIT_JVM_FLAGS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xms2m -Xmx32m -Xss512k -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=64m -XX:-UsePerfData"
ARG CLI_JVM_FLAGS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData"

RUN jlink --add-modules "${JAVA_MODULES}" --strip-java-debug-attributes --no-man-pages --no-header-files \
          --compress=zip-6 --output /opt/procward/runtime

COPY cli/target/procward.jar /opt/procward/lib/procward.jar

# The launcher picks the argument file for the command; the argument files also serve images without
# a shell (see docs/container.md). The AOT cache is trained here, with the final runtime, the final
# jar path and the init flags, so that the image uses it as built; AOTMode=on proves it loads.
RUN set -eu; \
    home=/opt/procward; java=$home/runtime/bin/java; jar=$home/lib/procward.jar; \
    mkdir -p $home/bin; \
    common="--enable-native-access=ALL-UNNAMED"; \
    printf '%s\n' $common $INIT_JVM_FLAGS "-XX:AOTCache=$home/lib/init.aot" -jar "$jar" >$home/lib/init.args; \
    printf '%s\n' $common $CLI_JVM_FLAGS -jar "$jar" >$home/lib/cli.args; \
    printf '%s\n' '#!/bin/sh' \
      '# procward: `init` runs with its lean JVM flags and AOT cache, every other command with cli.args.' \
      'case "${1:-}" in init) args=init.args ;; *) args=cli.args ;; esac' \
      'exec /opt/procward/runtime/bin/java "@/opt/procward/lib/$args" "$@"' >$home/bin/procward; \
    chmod 755 $home/bin/procward; \
    $java $common $INIT_JVM_FLAGS -XX:AOTCacheOutput=$home/lib/init.aot -jar "$jar" init -- /bin/true \
      || echo "procward: the training run exited with $?; the cache is kept if it was written" >&2; \
    $java -XX:AOTMode=on "@$home/lib/init.args" --version >/dev/null; \
    rm -f $home/lib/init.aot.config

FROM ${RUNTIME_IMAGE}
LABEL org.opencontainers.image.title="procward" \
      org.opencontainers.image.description="procward init as PID 1: reaps zombies, forwards signals, passes exit codes" \
      org.opencontainers.image.source="https://github.com/procward/procward"
COPY --from=build /opt/procward /opt/procward
ENV PATH=/opt/procward/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
ENTRYPOINT ["/opt/procward/bin/procward", "init", "--"]
CMD ["/bin/sh"]
