#!/usr/bin/env bash
# End-to-end time of `focal pathology features` on the sample slide (CMU-1-Small-Region.svs,
# 2220 x 2967 at 20x): tissue detection, 512 px tiling, deconvolution, segmentation and all three
# feature groups, CSV written. Median wall time of REPS runs (default 3), JVM start included.
#   releng/bench-pathology/slide.sh [SLIDE]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
slide="${1:-$root/../shared/data/pathology/wsi/CMU-1-Small-Region.svs}"
reps=${REPS:-3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
times=()
for i in $(seq "$reps"); do
  start=$(date +%s.%N)
  "$root/bin/focal" pathology features "$slide" --out "$out/features.csv" --no-progress > "$out/log"
  end=$(date +%s.%N)
  times+=("$(echo "$end - $start" | bc -l)")
done
tiles=$(( $(wc -l < "$out/features.csv") - 1 ))
columns=$(( $(head -n 1 "$out/features.csv" | tr ',' '\n' | wc -l) - 6 ))
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
printf 'focal pathology features %s: %d tiles x %d features, median %.1f s of %d runs (%s s), %.1f tiles/s on %d cores\n' \
  "$(basename "$slide")" "$tiles" "$columns" "$median" "$reps" "${times[*]}" "$(echo "$tiles / $median" | bc -l)" "$(nproc)"
