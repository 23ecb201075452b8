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
