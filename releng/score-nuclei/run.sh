#!/usr/bin/env bash
# Runs `bin/focal nuclei` on every MoNuSeg test image and scores the result with score.py.
# Usage: releng/score-nuclei/run.sh [DATA_DIR [OUT_DIR]] [-- extra focal nuclei options]
#   DATA_DIR defaults to ../shared/data/pathology/monuseg (use .../monuseg-train for the tuning set).
# The MoNuSeg TIFFs carry no real resolution (72 dpi); their pixel size (MicronsPerPixel in the
# annotation XML) is passed with --pixel-size.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
data="${1:-$root/../shared/data/pathology/monuseg}"
out="${2:-$(mktemp -d)}"
shift $(( $# > 2 ? 2 : $# )) || true
[ "${1:-}" = "--" ] && shift
mkdir -p "$out"
for tif in "$data"/*.tif; do
  name=$(basename "$tif" .tif)
  mpp=$(sed -n 's/.*MicronsPerPixel="\([0-9.]*\)".*/\1/p' "$data/$name.xml" | head -n 1)
  "$root/bin/focal" nuclei "$tif" --pixel-size "${mpp:-0.2527}" --out "$out/$name.geojson" "$@" >&2
done
/usr/bin/python3 "$root/releng/score-nuclei/score.py" "$data" "$out"
