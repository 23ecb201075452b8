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
