#!/usr/bin/env bash
# The spawn-latency runs documented in docs/spawn.md, each printing its table and writing its
# report as JSON and its chart as PNG and SVG next to each other:
#
#   A: every method side by side, parents of 16 MiB, 1 GiB and 4 GiB, /bin/true and the tiny static
#      target (docs/spawn-chart.*);
#   B: the same parents on transparent huge pages, /bin/true only (docs/spawn-thp-chart.*): 4 GiB on
#      THP needs about 20 GiB free and some compaction; where THP is never, those sizes are listed as
#      not measured.
#
#   bench/spawn/run.sh [OUTPUT_DIR] [extra bench spawn options...]
#
# Each run takes about 5 minutes on a 2-vCPU VM and wants about 13 GiB of free memory at the 4 GiB
# size (with less, the lab runs the parents in successive groups and marks those rows).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/docs}
shift || true
common=(--iterations 100 --warmup 5 --max-seconds 5)
"$root/procward" bench spawn "${common[@]}" --parent-rss 16m,1g,4g --target /bin/true,static \
  --chart "$out/spawn-chart" --json-file "$out/spawn-chart.json" "$@"
"$root/procward" bench spawn "${common[@]}" --parent-rss 16m,1g,4g --thp only --target /bin/true \
  --chart "$out/spawn-thp-chart" --json-file "$out/spawn-thp-chart.json" "$@"
