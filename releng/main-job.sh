#!/usr/bin/env bash
# Focal's main job on the bundled sample data: train a lung tumour-vs-normal slide model with
# adenocarcinoma / squamous-cell subtype routing from labelled LC25000 H&E images, then predict
# the sample whole slide (CMU-1-Small-Region.svs) and write the explained report.
#   releng/main-job.sh [OUT_DIR]        (default target/main-job; LIMIT=100 images per class)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${FOCAL_DATA:-$root/../shared/data}"
out="${1:-$root/target/main-job}"
mkdir -p "$out"
start=$(date +%s)
"$root/bin/focal" pathology train --slides "$data/pathology/lc25000-lung/labels.csv" \
  --label-column binary_label --positive 1 --subtype-column label --subtypes lung_aca,lung_scc \
  --limit "${LIMIT:-100}" --tile 112 --out "$out/lung-model.json"
trained=$(date +%s)
"$root/bin/focal" pathology predict "$data/pathology/wsi/CMU-1-Small-Region.svs" \
  --model "$out/lung-model.json" --report "$out/report"
end=$(date +%s)
echo "main job: training $((trained - start)) s, prediction $((end - trained)) s; report: $out/report/report.html"
