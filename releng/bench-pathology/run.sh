#!/usr/bin/env bash
# Benchmark of the per-tile pathology pipeline (colour deconvolution, nucleus segmentation, tile /
# nucleus / spatial features) against the same stages in scikit-image/SciPy, on 512 x 512 tiles cut from the MoNuSeg test images.
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
features=""
for b in tile nucleus spatial; do
  features="$features:$(ls "$root"/bundles/org.focal.features.$b/target/org.focal.features.$b-*.jar | head -n 1)"
done
jts=$(ls ~/.m2/repository/org/locationtech/jts/jts-core/1.20.0/jts-core-1.20.0.jar)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp="$core:$patho:$ij:$jts$features"
"$JAVA_HOME/bin/javac" -nowarn -d "$work" -cp "$cp" "$root/releng/bench-pathology/BenchPathology.java"
echo "# $(nproc) processors, $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1), ${#images[@]} images x 4 tiles, $rounds rounds"
"$JAVA_HOME/bin/java" -Xmx2g -Djava.awt.headless=true -cp "$work:$cp" BenchPathology "$rounds" "${images[@]}" | tee "$work/focal.txt"
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$root/releng/bench-pathology/bench_skimage.py" "$rounds" "${images[@]}" | tee "$work/skimage.txt"
# per-stage and whole-pipeline ratios, per core (scikit-image runs one tile per process and core)
/usr/bin/python3 - "$work/focal.txt" "$work/skimage.txt" <<'PY'
import re, sys
def read(path, side):
    stages, rates = {}, {}
    for line in open(path):
        m = re.match(side + r' stage (\S+)\s+([\d.]+) ms/tile', line)
        if m:
            stages[m.group(1)] = float(m.group(2))
        m = re.match(side + r' (1 thread|2 threads|2 processes)\s+([\d.]+) tiles/s \(([\d.]+) per core\)', line)
        if m:
            rates[m.group(1)[0]] = float(m.group(3))
    return stages, rates
fs, fr = read(sys.argv[1], 'focal')
ss, sr = read(sys.argv[2], 'skimage')
print('%-20s %10s %10s %7s' % ('stage (ms/tile)', 'focal', 'skimage', 'ratio'))
for k in fs:
    print('%-20s %10.2f %10.2f %6.1fx' % (k, fs[k], ss[k], ss[k] / fs[k]))
print('tiles/s per core: focal %.2f (1 thread), %.2f (2 threads); scikit-image %.2f (1 process), %.2f (2 processes)'
      % (fr['1'], fr['2'], sr['1'], sr['2']))
print('ratio (tiles/s per core, focal / scikit-image): %.1fx single thread, %.1fx with 2 threads' % (fr['1'] / sr['1'], fr['2'] / sr['2']))
PY
