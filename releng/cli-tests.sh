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
passed=0; failed=0

check() { # check NAME CONDITION-COMMAND...
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $name"; else failed=$((failed + 1)); echo "FAIL $name"; fi
}
run() { # run ARGS...: sets $code, $out, $err
  "$focal" "$@" >"$work/out" 2>"$work/err"; code=$?
  out=$(cat "$work/out"); err=$(cat "$work/err")
}

run --version
check "--version exits 0 and names the version" test "$code" = 0 -a "${out%% *}" = focal
check "--version prints 0.1.0" grep -q '^focal 0\.1\.0' "$work/out"

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
run dataset list --json
check "dataset list --json lists it" python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["datasets"][0]["name"]=="blood"' "$work/out"
if [ -d "$data/microscopy/bccd-voc" ]; then
  run annotations import blood --format voc "$data/microscopy/bccd-voc"
  check "VOC import exits 0" test "$code" = 0
  check "VOC import warns about the two degenerate boxes with file:line" test "$(grep -c 'warning: .*\.xml:[0-9]*: degenerate box' "$work/err")" = 2
  run export blood --format coco --out "$work/blood.json"
  check "COCO export exits 0" test "$code" = 0
  check "COCO export has 292 images" python3 -c 'import json,sys; assert len(json.load(open(sys.argv[1]))["images"])==292' "$work/blood.json"
  check "progress bar went to stderr, stdout is one line" test "$(wc -l < "$work/out")" = 1
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

run dataset delete blood
check "dataset delete without --yes exits 2" test "$code" = 2
run dataset delete blood --yes
check "dataset delete --yes exits 0" test "$code" = 0
unset FOCAL_WORKSPACE

# whole-slide pathology: a quick model on 16 LC25000 images, then an explained prediction
lc="$data/pathology/lc25000-lung"
if [ -d "$lc" ]; then
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
fi

echo "cli-tests: $passed passed, $failed failed"
[ "$failed" = 0 ]
