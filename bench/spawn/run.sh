#!/usr/bin/env bash
# The spawn-latency run documented in docs/spawn.md: every method side by side, parents of 16 MiB,
# 1 GiB and 4 GiB with and without transparent huge pages, /bin/true and the tiny static target.
# Prints the table, and writes the report as JSON and the chart as PNG and SVG next to each other.
#
#   bench/spawn/run.sh [OUTPUT_PREFIX] [extra bench spawn options...]
#
# Takes 3 to 5 minutes on a 2-vCPU VM and about 17 GiB of free memory at the 4 GiB size (with less,
# the lab runs the parents in successive groups and marks those rows).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
prefix=${1:-$root/docs/spawn-chart}
shift || true
exec "$root/procward" bench spawn --parent-rss 16m,1g,4g --thp --target /bin/true,static \
  --iterations 200 --warmup 10 --max-seconds 8 --chart "$prefix" --json-file "$prefix.json" "$@"
