#!/usr/bin/env bash
# End-to-end checks of the materialized product through bin/focal, as a user runs it.
# Needs the product built (./mvnw verify). Prints "N passed, N failed" and fails if any failed.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
focal="$root/bin/focal"
install="$root/product/target/products/org.focal.product/linux/gtk/x86_64/focal"
work=$(mktemp -d)
trap 'rm -rf "$work"; rm -f "$install/extensions/hello-test.jar"' EXIT
export FOCAL_CONFIGURATION="$work/configuration"
passed=0; failed=0; skipped=0

check() { # check NAME CONDITION-COMMAND...
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $name"; else failed=$((failed + 1)); echo "FAIL $name"; fi
}
have() { # have PATH: true when the test data is there; otherwise counts a skip (a failure when FOCAL_CI is set)
  if [ -e "$1" ]; then return 0; fi
  skipped=$((skipped + 1)); echo "SKIP missing test data $1"
  if [ -n "${FOCAL_CI:-}" ]; then failed=$((failed + 1)); fi
  return 1
}
run() { # run ARGS...: sets $code, $out, $err
  "$focal" "$@" >"$work/out" 2>"$work/err"; code=$?
  out=$(cat "$work/out"); err=$(cat "$work/err")
}

# The JVM AOT cache (bin/focal, docs/startup.md): made by the first run (here before it exits), used by
# the next ones; a damaged or foreign file must not break or change a run.
export FOCAL_JVM_CACHE_DIR="$work/jvm"
FOCAL_JVM_CACHE=sync run --version
check "--version exits 0 and names the version" test "$code" = 0 -a "${out%% *}" = focal
check "--version prints 0.1.0" grep -q '^focal 0\.1\.0' "$work/out"
version_out="$out"
if [ "$(. "$root/releng/select-jdk.sh"; focal_select_jdk; focal_java_major "$JAVA_HOME")" -ge 24 ]; then
  cache=$(ls "$work"/jvm/focal-*.aot 2>/dev/null | head -n 1)
  check "the first run made the JVM AOT cache" test -s "$cache"
  run --version
  check "a run with the JVM AOT cache prints the same, nothing on stderr" test "$code" = 0 -a "$out" = "$version_out" -a -z "$err"
  cp "$cache" "$work/good.aot"
  head -c 100000 "$work/good.aot" > "$cache"
  run --version
  check "a truncated JVM AOT cache file does not break a run" test "$code" = 0 -a "$out" = "$version_out" -a -z "$err"
  head -c 100000 /dev/urandom > "$cache"
  run info "$root/../shared/data/pathology/wsi/CMU-1-Small-Region.svs"
  check "a corrupt JVM AOT cache file does not break a run" test "$code" = 0 -a -z "$err"
  check "a corrupt JVM AOT cache file adds nothing to the output" grep -q '^size  *2220 x 2967' "$work/out"
  mv "$work/good.aot" "$cache" # the rest runs with the cache, as users do
fi

run plugins --json
check "plugins --json exits 0" test "$code" = 0
check "plugins --json is one JSON document" python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$work/out"
check "plugins --json lists the plugins command of org.focal.cli" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))["plugins"]
assert any(c["id"]=="plugins" and c["bundle"]=="org.focal.cli" for c in d["commands"])
assert all(k in d for k in ["imageReaders","scenarios","annotationTools","featureExtractors","trainers","predictors","exporters","importers"])
' "$work/out"
check "plugins --json lists the slide-learning plugins of org.focal.learn" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))["plugins"]
ids=lambda k: {c["id"] for c in d[k] if c["bundle"]=="org.focal.learn"}
assert ids("fusions")=={"histogram","mean","max","pnorm","kmeans"}, ids("fusions")
assert ids("featureSelectors")=={"ks","mwu","ttest","anova"}, ids("featureSelectors")
assert "logistic" in ids("trainers") and "logistic" in ids("predictors")
' "$work/out"

run frobnicate
check "unknown command exits 2" test "$code" = 2
check "unknown command prints one line, no stack trace" test "$(wc -l < "$work/err")" = 1
check "unknown command names the command" grep -q "^focal: unknown command 'frobnicate'" "$work/err"

run --extensions "$work/missing" plugins
check "missing extensions folder exits 2 with one line" test "$code" = 2 -a "$(wc -l < "$work/err")" = 1

jar=$(ls "$root"/bundles/org.focal.examples.hello/target/org.focal.examples.hello-*.jar | grep -v sources | head -n 1)
mkdir -p "$work/ext"
cp "$jar" "$work/ext/hello.jar"
run --extensions "$work/ext" plugins --json
check "extension from --extensions appears in plugins" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))["plugins"]["commands"]
assert any(c["id"]=="hello" and c["bundle"]=="org.focal.examples.hello" for c in d)' "$work/out"
run --extensions "$work/ext" hello -- -clean
check "extension command runs and gets launcher-like arguments untouched" test "$code" = 0 -a "$out" = "Hello, -clean, from an extension bundle."
rm "$work/ext/hello.jar"
run --extensions "$work/ext" plugins
check "removed extension is gone on the next launch" test "$code" = 0
check "removed extension is not listed" bash -c "! grep -q org.focal.examples.hello '$work/out'"

mkdir -p "$install/extensions"
cp "$jar" "$install/extensions/hello-test.jar"
run hello Ada
check "extension in <installation>/extensions is loaded" test "$code" = 0 -a "$out" = "Hello, Ada, from an extension bundle."
rm "$install/extensions/hello-test.jar"
run hello
check "extension removed from the installation is gone" test "$code" = 2

# datasets and annotations (workspace from FOCAL_WORKSPACE)
export FOCAL_WORKSPACE="$work/workspace"
data="$root/../shared/data"
run dataset create blood --task detection --labels RBC,WBC,Platelets
check "dataset create exits 0" test "$code" = 0
run dataset create x --task detection --scenario nope
check "dataset create with an unknown scenario exits 2 with one line naming it" test "$code" = 2 -a "$(wc -l < "$work/err")" = 1 -a -n "$(grep "unknown scenario 'nope'" "$work/err")"
run dataset list --json
check "dataset create with an unknown scenario created nothing" python3 -c 'import json,sys; assert [d["name"] for d in json.load(open(sys.argv[1]))["datasets"]]==["blood"]' "$work/out"
run scenario list --json
check "scenario list --json lists the 18 installed scenarios" python3 -c '
import json,sys
s=json.load(open(sys.argv[1]))["scenarios"]
assert len([x for x in s if x["origin"]=="installed"])==18, len(s)
assert any(x["id"]=="liver-ct" and x["tasks"][0]["dimensions"]==3 for x in s)' "$work/out"
run plugins --json
check "plugins --json names the scenario bundles" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))["plugins"]["scenarios"]
assert any(c["id"]=="lung-histology" and c["bundle"]=="org.focal.scenario.lung" for c in d), d' "$work/out"
run dataset create cells --task detection --scenario blood-smear
check "dataset create --scenario takes the scenario's labels" test "$code" = 0 -a -n "$(grep '3 labels' "$work/out")"
run dataset create y --task classification --scenario blood-smear
check "dataset create with a task the scenario lacks exits 2 with one line" test "$code" = 2 -a "$(wc -l < "$work/err")" = 1 -a -n "$(grep 'has no classification task' "$work/err")"
run scenario create thyroid-cyto --modality microscopy --task detection --labels follicular,papillary
check "scenario create exits 0" test "$code" = 0
run dataset create thy --task detection --scenario thyroid-cyto
check "a workspace scenario serves dataset create" test "$code" = 0 -a -n "$(grep '2 labels' "$work/out")"
run scenario create blood-smear --modality microscopy --task detection --labels a
check "scenario create refuses an installed id with one line" test "$code" = 2 -a "$(wc -l < "$work/err")" = 1
run scenario show nope
check "scenario show of an unknown id exits 2 listing the ids" test "$code" = 2 -a -n "$(grep 'blood-smear' "$work/err")"
run dataset delete cells --yes
run dataset delete thy --yes
run dataset list --json
check "dataset list --json lists it" python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["datasets"][0]["name"]=="blood"' "$work/out"
if have "$data/microscopy/bccd-voc"; then
  run annotations import blood --format voc "$data/microscopy/bccd-voc"
  check "VOC import exits 0" test "$code" = 0
  check "VOC import warns about the two degenerate boxes with file:line" test "$(grep -c 'warning: .*\.xml:[0-9]*: degenerate box' "$work/err")" = 2
  run export blood --format coco --out "$work/blood.json"
  check "COCO export exits 0" test "$code" = 0
  check "COCO export has 292 images" python3 -c 'import json,sys; assert len(json.load(open(sys.argv[1]))["images"])==292' "$work/blood.json"
  check "progress bar went to stderr, stdout is one line" test "$(wc -l < "$work/out")" = 1
  # shared workspace (issue 17): an import and two readers in three processes at once
  "$focal" annotations import shared --create --format voc "$data/microscopy/bccd-voc" >"$work/w.out" 2>"$work/w.err" & writer=$!
  "$focal" dataset show blood >"$work/r1.out" 2>"$work/r1.err" & r1=$!
  "$focal" dataset show blood >"$work/r2.out" 2>"$work/r2.err"; c2=$?
  wait $r1; c1=$?; wait $writer; cw=$?
  check "two dataset show and an import run together on one workspace" test "$c1$c2$cw" = 000
  check "readers of a shared workspace see the dataset" test -n "$(grep -E '^annotations +3941' "$work/r2.out")"
  # durable success (issue 17): kill -9 right after the "imported" line keeps the whole import
  setsid "$focal" annotations import durable --create --format voc "$data/microscopy/bccd-voc" >"$work/k.out" 2>/dev/null & victim=$!
  while kill -0 $victim 2>/dev/null && ! grep -q '^imported' "$work/k.out"; do sleep 0.01; done
  kill -9 -- -$victim 2>/dev/null; wait $victim 2>/dev/null
  run dataset show durable
  check "an import killed right after its success line is whole after reopening" test -n "$(grep -E '^annotations +3941' "$work/out")"
fi

# hostile input (issue 17): exit 2, exactly one line on stderr, nothing created or unpacked
one_line() { test "$code" = 2 -a "$(wc -l < "$work/err")" = 1 && ! grep -q 'Exception\|^\s*at ' "$work/err"; }
no_dataset() { "$focal" dataset list --json | python3 -c 'import json,sys; sys.exit(any(d["name"]==sys.argv[1] for d in json.load(sys.stdin)["datasets"]))' "$1"; }
mkdir -p "$work/hostile"
python3 - "$work/hostile" <<'PY'
import sys, zipfile, os
d = sys.argv[1]
with zipfile.ZipFile(os.path.join(d, "nested.zip"), "w") as z:
    z.writestr("x.jpg", b"\xff\xd8\xff\xd9"); z.writestr("x.jpg/y.jpg", b"\xff\xd8\xff\xd9")
with zipfile.ZipFile(os.path.join(d, "link.zip"), "w") as z:
    i = zipfile.ZipInfo("link"); i.create_system = 3; i.external_attr = 0o120777 << 16; z.writestr(i, "/etc")
    z.writestr("link/passwd.png", b"x")
with zipfile.ZipFile(os.path.join(d, "long.zip"), "w") as z:
    z.writestr("n" * 300 + ".png", b"x")
img = '{"id": 1, "file_name": "a.png", "width": 640, "height": 480}'
open(os.path.join(d, "deep.json"), "w").write('{"images": ' + "[" * 100000 + "]" * 100000 + ', "annotations": [], "categories": []}')
open(os.path.join(d, "rle.json"), "w").write('{"images": [' + img + '], "categories": [{"id": 1, "name": "c"}], "annotations": '
    '[{"id": 5, "image_id": 1, "category_id": 1, "segmentation": {"size": [46340, 46340], "counts": [0, 2147395600]}}]}')
open(os.path.join(d, "climb.json"), "w").write('{"images": [{"id": 1, "file_name": "../../../../etc/passwd"}], "categories": [], "annotations": []}')
open(os.path.join(d, "huge.json"), "w").write('{"images": [' + img + '], "categories": [{"id": 1, "name": "c"}], "annotations": '
    '[{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1e300, 1e300, 1e300, 1e300]}, {"id": 2, "image_id": 1, "category_id": 1, "bbox": [1, 1, 5, 5]}]}')
open(os.path.join(d, "notxml.xml"), "wb").write(bytes(range(256)))
open(os.path.join(d, "notutf8.xml"), "wb").write(bytes([0x80, 0xff]) + b"hello")
open(os.path.join(d, "empty.png"), "wb").close()
PY
run dataset create h --task detection
for z in nested link long; do
  run dataset import h "$work/hostile/$z.zip" --no-progress
  check "hostile zip $z.zip: exit 2 and one line naming it" one_line
  check "hostile zip $z.zip: nothing unpacked" test -z "$(find "$work/workspace/files" -type f 2>/dev/null)"
done
run dataset import h "$work/hostile/empty.png"
check "a named 0-byte image: exit 2 and one line" one_line
for f in deep rle climb; do
  run annotations import new-$f --create --format coco "$work/hostile/$f.json" --no-progress
  check "hostile COCO $f.json: exit 2 and one line" one_line
  check "hostile COCO $f.json: the line names the file" grep -q "$f.json" "$work/err"
  check "hostile COCO $f.json: --create made no dataset" no_dataset new-$f
done
run annotations import new-voc --create --format voc "$work/hostile/notxml.xml" --no-progress
check "non-XML VOC: exit 2 and one line (no [Fatal Error])" one_line
check "non-XML VOC: the line has no control characters (with --no-progress)" python3 -c 'import sys; t=open(sys.argv[1],"rb").read(); sys.exit(any(b < 32 and b != 10 for b in t))' "$work/err"
run annotations import new-voc --create --format voc "$work/hostile/notutf8.xml" --no-progress
check "VOC of invalid UTF-8: exit 2 and one line (no [Fatal Error])" one_line
run annotations import huge --create --format coco "$work/hostile/huge.json" --no-progress
check "a 1e300 COCO box is a warning, the rest imported" test "$code" = 0 -a "$(wc -l < "$work/err")" = 1 -a -n "$(grep 'imported 1 annotations' "$work/out")"
run dataset delete h --yes
run dataset delete huge --yes

ct="$data/radiology/ct-abdomen-series/dicom_uncompressed"
if have "$ct"; then
  run dataset create ct --task segmentation --scenario liver-ct
  run dataset import ct "$ct"
  check "a DICOM series folder imports as one volume" test "$code" = 0 -a -n "$(grep 'imported 1 images' "$work/out")"
  run dataset show ct --json
  # reference: the slice count and the z step of ImagePositionPatient, read with dcmdump (dcmtk), not Focal
  expect_z=$(ls "$ct" | wc -l)
  expect_dz=$(for f in "$ct"/*; do dcmdump +P 0020,0032 "$f" | sed 's/.*\[\(.*\)\].*/\1/' | cut -d'\' -f3; done | sort -g | python3 -c 'import sys; z=[float(l) for l in sys.stdin]; print(round(z[1]-z[0],3))')
  check "the volume has the series' depth and slice spacing (dcmdump: $expect_z slices, $expect_dz mm)" python3 -c '
import json,sys
d=json.load(open(sys.argv[1])); im=d["imageList"]
assert len(im)==1 and im[0]["sizeZ"]==int(sys.argv[2]), im
assert abs(float(im[0]["metadata"]["spacing"].split(",")[2].split()[0])-abs(float(sys.argv[3])))<1e-6, im' "$work/out" "$expect_z" "$expect_dz"
  run dataset delete ct --yes
fi
run dataset delete blood
check "dataset delete without --yes exits 2" test "$code" = 2
run dataset delete blood --yes
check "dataset delete --yes exits 0" test "$code" = 0
unset FOCAL_WORKSPACE

# whole-slide pathology: a quick model on 16 LC25000 images, then an explained prediction
lc="$data/pathology/lc25000-lung"
if have "$lc"; then
  { echo "path,label"; grep ',lung_n,' "$lc/labels.csv" | head -n 8 | sed "s#^\([^,]*\),.*#$lc/\1,normal#";
    grep ',lung_aca,' "$lc/labels.csv" | head -n 8 | sed "s#^\([^,]*\),.*#$lc/\1,tumour#"; } > "$work/lung.csv"
  run pathology train --slides "$work/lung.csv" --tile 112 --folds 2 --classifier logistic --out "$work/lung.json" --no-progress
  check "pathology train exits 0 and reports the cross-validated AUC" test "$code" = 0 -a -n "$(grep 'cross-validated AUC' "$work/out")"
  run pathology predict "$lc/lung_n/lungn100.jpeg" --model "$work/lung.json" --report "$work/report"
  check "pathology predict exits 0" test "$code" = 0
  check "pathology predict writes result.json with a probability and key tiles" python3 -c '
import json,sys
r=json.load(open(sys.argv[1]))
assert 0 <= r["probability"] <= 1 and r["keyTiles"] and r["topFeatures"]' "$work/report/result.json"
  check "pathology predict writes the report files" test -s "$work/report/report.html" -a -s "$work/report/thumbnail.png" -a -s "$work/report/importance.png"
  printf '{"format": "focal-pathology-model", "tiling"' > "$work/broken.json"
  run pathology predict "$lc/lung_n/lungn100.jpeg" --model "$work/broken.json" --report "$work/report2"
  check "a broken model file exits 2 with one line naming it" test "$code" = 2 -a "$(wc -l < "$work/err")" = 1 -a -n "$(grep broken.json "$work/err")"
  # tampered models (issue 17 #11): refused whole before the slide is opened, one line naming file and field
  python3 - "$work/lung.json" "$work/tampered-means.json" "$work/tampered-kept.json" <<'PY'
import base64,json,sys
m=json.load(open(sys.argv[1])); c=m["models"][0]["classifier"]
l=json.loads(base64.b64decode(c["model"])); l["means"][0]=1e308
c["model"]=base64.b64encode(json.dumps(l).encode()).decode(); json.dump(m,open(sys.argv[2],"w"))
m=json.load(open(sys.argv[1])); m["models"][0]["selection"]["kept"][0]=99999; json.dump(m,open(sys.argv[3],"w"))
PY
  svs="$data/pathology/wsi/CMU-1-Small-Region.svs"
  start=$(date +%s); run --version; startup=$(( $(date +%s) - start ))
  # with progress on: had the slide been tiled, its progress line would be on stderr too
  start=$(date +%s)
  run pathology predict "$svs" --model "$work/tampered-means.json" --report "$work/report3"
  seconds=$(( $(date +%s) - start ))
  check "a tampered model (logistic means 1e308) exits 2 with one line naming the file and field" test "$code" = 2 \
    -a "$(wc -l < "$work/err")" = 1 -a -n "$(grep -F "focal: $work/tampered-means.json: " "$work/err" | grep -F '(models[0].classifier.model)')"
  check "a tampered model is refused before the slide is tiled (${seconds} s; startup ${startup} s)" \
    test "$seconds" -le $(( startup + 12 )) -a ! -e "$work/report3"
  run pathology predict "$work/no-such-slide.svs" --model "$work/tampered-kept.json" --report "$work/report4" --no-progress
  check "an out-of-range selection.kept is refused before the slide is opened" test "$code" = 2 \
    -a "$(wc -l < "$work/err")" = 1 -a -n "$(grep -F "focal: $work/tampered-kept.json: " "$work/err" | grep -F '(models[0].selection.kept[0])')"
fi

# issue 17: huge, hostile and truncated images (made here); the heap is small on purpose
img="$work/img"; mkdir -p "$img"
python3 - "$img" "$data" <<'EOF'
import struct, sys, zlib
out, data = sys.argv[1], sys.argv[2]
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
def png(name, w, h, ctype, idat):
    with open(f'{out}/{name}', 'wb') as f:
        f.write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, ctype, 0, 0, 0)) + chunk(b'IDAT', idat) + chunk(b'IEND', b''))
png('header-100k.png', 100000, 100000, 0, zlib.compress(bytes(100001)))
png('header-2g.png', 2**31 - 1, 2**31 - 1, 2, zlib.compress(bytes(1000)))
c = zlib.compressobj(9); row = bytes(30001)  # a real 30000 x 30000 grey PNG of zeros, 875 KB
png('grey30k.png', 30000, 30000, 0, b''.join(c.compress(row) for _ in range(30000)) + c.flush())
jpeg = bytearray(open(f'{data}/pathology/lc25000-lung/lung_n/lungn100.jpeg', 'rb').read())
open(f'{out}/truncated.jpg', 'wb').write(jpeg[:len(jpeg) // 3])
i = 2
while jpeg[i + 1] not in (0xC0, 0xC2): i += 2 + struct.unpack('>H', jpeg[i + 2:i + 4])[0]
jpeg[i + 5:i + 9] = struct.pack('>HH', 65500, 65500)
open(f'{out}/sof-65500.jpg', 'wb').write(jpeg)
svs = bytearray(open(f'{data}/pathology/wsi/CMU-1-Small-Region.svs', 'rb').read())  # classic little-endian TIFF
ifd = struct.unpack('<I', svs[4:8])[0]
while ifd:
    n = struct.unpack('<H', svs[ifd:ifd + 2])[0]
    for e in range(ifd + 2, ifd + 2 + 12 * n, 12):
        if struct.unpack('<H', svs[e:e + 2])[0] == 322:  # TileWidth
            svs[e + 8:e + 12] = struct.pack('<I', 0xFFFF) if struct.unpack('<H', svs[e + 2:e + 4])[0] == 4 else struct.pack('<HH', 0xFFFF, 0)
    ifd = struct.unpack('<I', svs[ifd + 2 + 12 * n:ifd + 6 + 12 * n])[0]
open(f'{out}/tile-ffff.svs', 'wb').write(svs)
with open(f'{out}/vol.nrrd', 'wb') as f:  # 4096 x 4096 x 8 uint16 of zeros, gzip: 256 MB of pixels in 255 KB
    f.write(b'NRRD0004\ntype: uint16\ndimension: 3\nsizes: 4096 4096 8\nendian: little\nencoding: gzip\n\n')
    c = zlib.compressobj(6, zlib.DEFLATED, 31)
    f.write(b''.join(c.compress(bytes(4096 * 4096 * 2)) for _ in range(8)) + c.flush())
EOF
png_size() { python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print("%dx%d" % struct.unpack(">II", d[16:24]))' "$1" 2>/dev/null; }
one_line_naming() { test "$code" = 2 -a "$(wc -l < "$work/err")" = 1 && grep -q "^focal: $1" "$work/err"; }
svs="$data/pathology/wsi/CMU-1-Small-Region.svs"
export FOCAL_JAVA_OPTS=-Xmx512m
# the NRRD reader holds the whole volume: a real out-of-memory (if it ever streams, pick a larger volume)
run thumbnail "$img/vol.nrrd" --out "$work/t.png"
check "out of memory exits 1 with one line saying what ran out and what to do" \
  test "$code" = 1 -a "$(wc -l < "$work/err")" = 1 -a -n "$(grep "^focal: out of memory while running 'thumbnail' (heap 512 MB.*FOCAL_JAVA_OPTS=-Xmx" "$work/err")"
run region "$svs" --x 0 --y 0 --w 10000 --h 10000 --out "$work/r.png"
check "region of 10000 x 10000 streams to the PNG within a 512 MB heap" test "$code" = 0 -a "$(png_size "$work/r.png")" = 10000x10000
run region "$svs" --x 0 --y 0 --w 30000 --h 30000 --downsample 8 --out "$work/r.png"
check "region of 30000 x 30000 (more samples than one buffer) is read shrunk" test "$code" = 0 -a "$(png_size "$work/r.png")" = 3750x3750
run thumbnail "$img/grey30k.png" --out "$work/t.png"
check "thumbnail of a 30000 x 30000 PNG reads it subsampled within a 512 MB heap" test "$code" = 0 -a "$(png_size "$work/t.png")" = 512x512
rm -f "$work/t.png"
for f in header-100k.png header-2g.png sof-65500.jpg; do
  run thumbnail "$img/$f" --out "$work/t.png"
  check "$f: header declaring a huge size is refused with one line naming the file" one_line_naming "$img/$f: "
done
check "the refusal names the declared size" grep -q "65500 x 65500" "$work/err"
run thumbnail "$img/tile-ffff.svs" --out "$work/t.png"
check "SVS with TileWidth 0xFFFF is refused with one line" one_line_naming "$img/tile-ffff.svs: "
run thumbnail "$img/truncated.jpg" --out "$work/t.png"
check "truncated JPEG fails clearly instead of a grey thumbnail" one_line_naming "$img/truncated.jpg: truncated JPEG data"
check "failed thumbnails leave no PNG behind" test ! -e "$work/t.png" -a ! -e "$work/t.png.part"
unset FOCAL_JAVA_OPTS

echo "cli-tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
