#!/usr/bin/env bash
# Image size and idle memory of procward as PID 1 of a container, side by side with Debian's tini
# in the same image and with no init at all (the application alone), read from the container's
# memory cgroup (cgroup v1: memory.usage_in_bytes, memory.stat) and from PID 1's /proc status.
#
# Usage: bench/container/footprint.sh [IMAGE]   (default: builds procward:bench from this tree,
#        with the local base images of .ci/prepare.d/20-container-base-images when they exist)
# Env:   RUNS (containers per row, default 3), SETTLE (seconds after start before reading, default 10)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${RUNS:-3} settle=${SETTLE:-10}
label=dev.procward.bench=footprint

image=${1:-} built=
if [ -z "$image" ]; then
  built=yes
  image=procward:bench
  args=()
  docker image inspect procward-local/temurin:25-jdk >/dev/null 2>&1 &&
    args+=(--build-arg BUILD_IMAGE=procward-local/temurin:25-jdk --build-arg RUNTIME_IMAGE=procward-local/bookworm-slim:latest)
  [ -f cli/target/procward.jar ] || ./mvnw -B -q -pl cli -am package -DskipTests
  # The build stage is tagged too, so that it goes with the image at the end.
  docker build -q --force-rm "${args[@]}" --label "$label" --target build -t procward:bench-build . >/dev/null
  docker build -q --force-rm "${args[@]}" --label "$label" -t "$image" . >/dev/null
fi
cleanup() {
  docker ps -aq --filter "label=$label" | xargs -r docker rm -f >/dev/null
  [ -z "$built" ] || docker rmi "$image" procward:bench-build >/dev/null
}
trap cleanup EXIT

mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# One row: the median over $runs containers of cgroup usage, cgroup rss and PID 1's RSS.
measure() { # name entrypoint...
  local name=$1; shift
  local usage=() rss=() pid1=()
  for _ in $(seq "$runs"); do
    id=$(docker run -d --label "$label" -v /usr/bin/tini:/usr/bin/tini:ro "$@" sleep 2147483647)
    sleep "$settle"
    cg=/sys/fs/cgroup/memory/docker/$id
    usage+=("$(cat "$cg/memory.usage_in_bytes")")
    rss+=("$(awk '$1 == "total_rss" { print $2 }' "$cg/memory.stat")")
    pid=$(docker inspect -f '{{.State.Pid}}' "$id")
    pid1+=("$(awk '$1 == "VmRSS:" { print $2 * 1024 }' "/proc/$pid/status")")
    docker rm -f "$id" >/dev/null
  done
  printf '| %s | %s | %s | %s |\n' "$name" \
    "$(mib "$(printf '%s\n' "${usage[@]}" | median)")" "$(mib "$(printf '%s\n' "${rss[@]}" | median)")" \
    "$(mib "$(printf '%s\n' "${pid1[@]}" | median)")"
}

size=$(docker image inspect -f '{{.Size}}' "$image")
opt=$(docker run --rm --entrypoint du "$image" -sb /opt/procward | cut -f1)
runtime=$(docker run --rm --entrypoint du "$image" -sb /opt/procward/runtime | cut -f1)
aot=$(docker run --rm --entrypoint sh "$image" -c 'du -cb /opt/procward/lib/*.aot | tail -1' | cut -f1)
jar=$(docker run --rm --entrypoint du "$image" -sb /opt/procward/lib/procward.jar | cut -f1)
echo "image $image: $(mib "$size") MiB in all; /opt/procward $(mib "$opt") MiB" \
     "(runtime $(mib "$runtime"), jar $(mib "$jar"), AOT cache $(mib "$aot"))"
echo
echo "idle, $settle s after start, median of $runs containers running \`sleep\` (MiB):"
echo
echo '| PID 1 | cgroup memory.usage_in_bytes | cgroup memory.stat total_rss | PID 1 VmRSS |'
echo '|---|---|---|---|'
measure "procward init" "$image"
measure "tini (Debian)" --entrypoint /usr/bin/tini "$image" --
measure "none (sleep is PID 1)" --entrypoint "" "$image"
