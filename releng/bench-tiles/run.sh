#!/usr/bin/env bash
# Tile read benchmark of the TIFF reader against OpenSlide (python3-openslide) on the same files
# and the same seeded random 512 x 512 regions, single-threaded and with 2 threads, Focal under
# -Xmx256m; then reads every 512 x 512 tile of a >= 20000 x 20000 pyramid under -Xmx256m.
#
#   releng/bench-tiles/run.sh            (REPS=5 REGIONS=300 by default)
#
# Focal runs with libjpeg-turbo (org.focal.io.turbojpeg + libturbojpeg0) and, as a second column, with
# the JDK's JPEG decoder (DECODERS="default jdk"; DECODERS=default for the first only).
#
# Needs: libvips-tools (vips), python3-openslide, a JDK 21+. Pyramids are cached in target/bench-tiles.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/releng/bench-tiles"
. "$ROOT/releng/select-jdk.sh"
focal_select_jdk
JAVA="$JAVA_HOME/bin/java"
DATA=${FOCAL_DATA:-$ROOT/../shared/data}
SVS="$DATA/pathology/wsi/CMU-1-Small-Region.svs"
CACHE=${BENCH_CACHE:-$ROOT/target/bench-tiles}
REPS=${REPS:-5}
REGIONS=${REGIONS:-300}
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
mkdir -p "$CACHE"

jar() { ls "$ROOT"/bundles/$1/target/$1-*[0-9T].jar 2>/dev/null | head -n 1; }
if [ -z "$(jar org.focal.io.tiff)" ] || [ -n "${REBUILD:-}" ]; then
  (cd "$ROOT" && ./mvnw -B -q verify -DskipTests)
fi
CP="$(jar org.focal.core):$(jar org.focal.io):$(jar org.focal.io.codecs):$(jar org.focal.io.tiff)"
# libjpeg-turbo through the FFM API (Java 22+); without it, or without libturbojpeg.so.0, the JDK's decoder
TURBO=$(jar org.focal.io.turbojpeg)
[ -n "$TURBO" ] && CP="$CP:$TURBO"
export JAVA_FLAGS="--enable-native-access=ALL-UNNAMED ${JAVA_FLAGS:-}"
for j in "$ROOT"/bundles/org.focal.io.codecs/lib/*.jar; do CP="$CP:$j"; done
mkdir -p "$CACHE/classes"
"$JAVA_HOME/bin/javac" -nowarn -d "$CACHE/classes" -cp "$CP" "$HERE/Bench.java"
CP="$CP:$CACHE/classes"

# pyramids from the real SVS tissue: 6 x 6 copies (13320 x 17802) and 10 x 7 copies (22200 x 20769, BigTIFF)
if [ ! -f "$CACHE/p13320.tif" ] || [ ! -f "$CACHE/p22200.tif" ]; then
  vips extract_band "$SVS" "$CACHE/rgb.v" 0 --n 3
  vips replicate "$CACHE/rgb.v" "$CACHE/p13320.tif[tile,pyramid,compression=jpeg,tile-width=512,tile-height=512]" 6 6
  vips replicate "$CACHE/rgb.v" "$CACHE/p22200.tif[tile,pyramid,compression=jpeg,tile-width=512,tile-height=512,bigtiff]" 10 7
  rm -f "$CACHE/rgb.v"
fi

echo "JDK: $("$JAVA" -version 2>&1 | head -n 1); CPUs: $(nproc); $REPS reps of $REGIONS regions"
"$PY" "$HERE/bench.py" "$JAVA" "$CP" "$CACHE" "$REPS" "$REGIONS" "$SVS" "$CACHE/p13320.tif" "$CACHE/p22200.tif"
echo
echo "Every 512 x 512 tile of the 22200 x 20769 pyramid under -Xmx256m:"
"$JAVA" -Xmx256m $JAVA_FLAGS -cp "$CP" Bench alltiles "$CACHE/p22200.tif"
