#!/usr/bin/env bash
# kill -9 loop (issue 17): random kills of bin/focal during image imports (dataset import), VOC
# annotation imports (bccd-voc) and a generated 100k-box COCO import (350 boxes on each of the 292
# BCCD images), plus kills right after the "imported ..." line. After each kill the workspace must
# open within 5 s (store open + first query, timed by Check.java) and every import must be whole
# or absent. All trials share one workspace, so later trials run on a workspace that survived kills.
# Usage: releng/kill-loop/run.sh [TRIALS=33] [SEED=17]    Needs the product built (./mvnw verify).
# Prints one line per trial and a summary "trials N, failures N, max reopen ms N"; exits 1 on a failure.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$root/releng/select-jdk.sh"
focal_select_jdk || exit 1
trials=${1:-33}
RANDOM=${2:-17}
focal="$root/bin/focal"
bccd="$root/../shared/data/microscopy/bccd-voc"
plugins="$root/product/target/products/org.focal.product/linux/gtk/x86_64/focal/plugins"
jar() { ls "$plugins/$1"_*.jar 2>/dev/null | head -n 1; }
cp="$(jar org.focal.store):$(jar org.focal.core):$(jar com.h2database):$(jar org.locationtech.jts.jts-core)"
cp="$cp:$(jar com.fasterxml.jackson.core.jackson-databind):$(jar com.fasterxml.jackson.core.jackson-core):$(jar com.fasterxml.jackson.core.jackson-annotations)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export FOCAL_CONFIGURATION="$work/configuration"
ws="$work/ws"
# the 100k-box COCO file
python3 - "$bccd/JPEGImages" "$work/boxes.json" <<'PY'
import json, os, sys
names = sorted(f for f in os.listdir(sys.argv[1]) if f.endswith(".jpg"))
images, anns = [], []
for i, n in enumerate(names, 1):
    images.append({"id": i, "file_name": n, "width": 640, "height": 480})
    for k in range(350):
        anns.append({"id": len(anns) + 1, "image_id": i, "category_id": 1 + k % 3, "iscrowd": 0,
                     "bbox": [k % 25 * 25, k // 25 * 30, 20, 25], "area": 500})
json.dump({"images": images, "annotations": anns,
           "categories": [{"id": 1, "name": "RBC"}, {"id": 2, "name": "WBC"}, {"id": 3, "name": "Platelets"}]},
          open(sys.argv[2], "w"))
PY
n_images=$(ls "$bccd/JPEGImages" | grep -c '\.jpg$')
declare -A expect # dataset -> "images annotations" of the whole import
expect_of() { case $1 in images) echo "$n_images 0";; voc) echo "$n_images 3941";; coco) echo "$n_images $((n_images * 350))";; esac; }

# one untimed run of each kind on a scratch workspace: how long a whole import takes here
declare -A duration
for kind in images voc coco; do
  start=$(date +%s%N)
  case $kind in
    images) "$focal" dataset create t --task detection --workspace "$work/scratch" >/dev/null 2>&1
            "$focal" dataset import t "$bccd/JPEGImages" --workspace "$work/scratch" >/dev/null 2>&1;;
    voc) "$focal" annotations import v --create --format voc "$bccd" --workspace "$work/scratch" >/dev/null 2>&1;;
    coco) "$focal" annotations import c --create --format coco "$work/boxes.json" --workspace "$work/scratch" >/dev/null 2>&1;;
  esac
  duration[$kind]=$(( ($(date +%s%N) - start) / 1000000 ))
  echo "whole $kind import: ${duration[$kind]} ms (CLI start included)"
done

failures=0; max_open=0
for ((t = 0; t < trials; t++)); do
  case $((t % 3)) in 0) kind=images;; 1) kind=voc;; 2) kind=coco;; esac
  name="$kind$t"
  after=$(( RANDOM % 4 == 0 )) # a quarter of the kills come right after the success line
  delay=$(( 1000 + RANDOM % (duration[$kind] > 1000 ? duration[$kind] : 1001) ))
  if [ "$kind" = images ]; then
    "$focal" dataset create "$name" --task detection --workspace "$ws" >/dev/null 2>&1 \
      || { echo "trial $t: cannot create $name"; failures=$((failures + 1)); continue; }
    args=(dataset import "$name" "$bccd/JPEGImages" --workspace "$ws")
  elif [ "$kind" = voc ]; then
    args=(annotations import "$name" --create --format voc "$bccd" --workspace "$ws")
  else
    args=(annotations import "$name" --create --format coco "$work/boxes.json" --workspace "$ws")
  fi
  expect[$name]=$(expect_of $kind)
  : > "$work/out"
  setsid "$focal" "${args[@]}" >"$work/out" 2>"$work/err" &
  pid=$!
  start=$(date +%s%N)
  if [ "$after" = 1 ]; then
    while kill -0 $pid 2>/dev/null && ! grep -q '^imported' "$work/out"; do sleep 0.01; done
    point="after success"
  else
    while kill -0 $pid 2>/dev/null && [ $(( ($(date +%s%N) - start) / 1000000 )) -lt $delay ]; do sleep 0.02; done
    point="at ${delay} ms"
  fi
  kill -9 -- -$pid 2>/dev/null; wait $pid 2>/dev/null
  printed=$(grep -c '^imported' "$work/out")
  check=$("$JAVA_HOME/bin/java" -cp "$cp" "$root/releng/kill-loop/Check.java" "$ws" 2>&1)
  open_ms=$(sed -n 's/^OPEN_MS //p' <<<"$check")
  verdict=ok
  if [ -z "$open_ms" ]; then
    verdict="FAIL (does not open: $(head -c 300 <<<"$check" | tr '\n' ' '))"
  else
    [ "$open_ms" -gt "$max_open" ] && max_open=$open_ms
    [ "$open_ms" -gt 5000 ] && verdict="FAIL (open took $open_ms ms)"
    for d in "${!expect[@]}"; do
      got=$(awk -v d="$d" '$1 == "DATASET" && $2 == d {print $3, $4}' <<<"$check")
      [ -z "$got" ] && got="0 0" # a dataset created by --create may be absent
      if [ "$got" != "${expect[$d]}" ] && [ "$got" != "0 0" ]; then verdict="FAIL ($d has $got, whole is ${expect[$d]})"; fi
      if [ "$d" = "$name" ] && [ "$printed" -gt 0 ] && [ "$got" != "${expect[$d]}" ]; then
        verdict="FAIL ($d: success printed, then $got after the kill)"
      fi
    done
  fi
  [ "$verdict" = ok ] || failures=$((failures + 1))
  got=$(awk -v d="$name" '$1 == "DATASET" && $2 == d {print $3 "/" $4}' <<<"$check")
  echo "trial $t: $kind killed $point (success printed: $printed) -> ${got:-absent}, reopen ${open_ms:-?} ms: $verdict"
done
echo "trials $trials, failures $failures, max reopen ms $max_open"
[ "$failures" = 0 ]
