#!/usr/bin/env bash
# Benchmark of the per-tile pathology pipeline (colour deconvolution + nucleus segmentation) against
# the same stages in scikit-image/SciPy, on 512 x 512 tiles cut from the MoNuSeg test images.
# Needs the build (./mvnw -B -DskipTests verify). Usage: releng/bench-pathology/run.sh [ROUNDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$root/releng/select-jdk.sh"
focal_select_jdk || exit 1
rounds="${1:-5}"
data="${FOCAL_DATA:-$root/../shared/data}/pathology/monuseg"
images=("$data"/*.tif)
core=$(ls "$root"/bundles/org.focal.core/target/org.focal.core-*.jar | head -n 1)
patho=$(ls "$root"/bundles/org.focal.pathology/target/org.focal.pathology-*.jar | head -n 1)
ij="$root/bundles/org.focal.pathology/lib/ij.jar"
jts=$(ls ~/.m2/repository/org/locationtech/jts/jts-core/1.20.0/jts-core-1.20.0.jar)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp="$core:$patho:$ij:$jts"
"$JAVA_HOME/bin/javac" -nowarn -d "$work" -cp "$cp" "$root/releng/bench-pathology/BenchPathology.java"
echo "# $(nproc) processors, $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1), ${#images[@]} images x 4 tiles, $rounds rounds"
"$JAVA_HOME/bin/java" -Xmx2g -Djava.awt.headless=true -cp "$work:$cp" BenchPathology "$rounds" "${images[@]}" | tee "$work/focal.txt"
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$root/releng/bench-pathology/bench_skimage.py" "$rounds" "${images[@]}" | tee "$work/skimage.txt"
focal=$(awk '/^focal 1 thread/ {print $4}' "$work/focal.txt")
focal2=$(awk '/^focal 2 threads/ {print $6}' "$work/focal.txt" | tr -d '(')
sk=$(awk '/^skimage 1 thread/ {print $4}' "$work/skimage.txt")
python3 -c "import sys; f,f2,s=map(float,sys.argv[1:]); print('ratio (tiles/s per core, focal / scikit-image): %.1fx single thread, %.1fx with 2 threads' % (f/s, f2/s))" "$focal" "$focal2" "$sk"
