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

# Any JDK 25 image with bash: jlink, and the AOT training run.
ARG BUILD_IMAGE=eclipse-temurin:25-jdk
# Any glibc-based image with bash (the launcher's language); coreutils' `env --block-signal`
# spares the JVM a re-exec at start-up (docs/init.md).
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${BUILD_IMAGE} AS build
# What `jdeps --print-module-deps` reports for the jar, less java.desktop (xchart, for bench
# charts), java.sql and java.compiler (optional paths of Jackson and picocli), which no command run
# in a container needs. docs/container.md has the analysis.
ARG JAVA_MODULES=java.base,jdk.unsupported,jdk.httpserver

# --strip-java-debug-attributes, not --strip-debug: that one also needs objcopy (binutils).
RUN jlink --add-modules "${JAVA_MODULES}" --strip-java-debug-attributes --no-man-pages \
          --no-header-files --compress=zip-6 --output /opt/procward/runtime

# The project's launcher finds the runtime and the jar next to it (../runtime, ../lib), starts the
# init JVM with every signal blocked, and uses the init AOT cache it finds beside the jar.
COPY procward /opt/procward/bin/procward
COPY cli/target/procward.jar /opt/procward/lib/procward.jar

# The AOT cache is trained here, by the launcher itself, with the final runtime and the final jar
# path, so that the image uses it as built. AOTMode=on then proves that it loads.
RUN set -eu; \
    PROCWARD_INIT_AOT=train /opt/procward/bin/procward init -- /bin/true; \
    test -s /opt/procward/lib/procward-init.aot; \
    JAVA_TOOL_OPTIONS=-XX:AOTMode=on /opt/procward/bin/procward init -- /bin/true; \
    rm -f /opt/procward/lib/*.aot.config

FROM ${RUNTIME_IMAGE}
LABEL org.opencontainers.image.title="procward" \
      org.opencontainers.image.description="procward init as PID 1: reaps zombies, forwards signals, passes exit codes"
COPY --from=build /opt/procward /opt/procward
ENV PATH=/opt/procward/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
ENTRYPOINT ["/opt/procward/bin/procward", "init", "--"]
CMD ["/bin/sh"]
