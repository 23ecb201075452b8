#!/usr/bin/env bash
# Store benchmark: insert N nucleus polygons (default 200 000) into one image, then 2000 x 2000
# region queries; prints per-run figures and medians. Needs the bundles built (./mvnw verify).
# Usage: releng/bench-store/run.sh [N] [RUNS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=../select-jdk.sh
. "$root/releng/select-jdk.sh"
focal_select_jdk
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
plugins="$root/product/target/products/org.focal.product/linux/gtk/x86_64/focal/plugins"
jar() { # jar BUNDLE-SYMBOLIC-NAME-PREFIX: the product's jar, else the module's build output
  local j; j=$(ls "$plugins/$1"_*.jar 2>/dev/null | head -n 1 || true)
  if [ -z "$j" ] && [ -d "$root/bundles/$1/target/classes" ]; then j="$root/bundles/$1/target/classes"; fi
  [ -n "$j" ] || { echo "bench-store: $1 not built; run ./mvnw verify first" >&2; exit 1; }
  echo "$j"
}
cp="$(jar org.focal.store):$(jar org.focal.core):$(jar com.h2database):$(jar org.locationtech.jts.jts-core)"
cp="$cp:$(jar com.fasterxml.jackson.core.jackson-databind):$(jar com.fasterxml.jackson.core.jackson-core):$(jar com.fasterxml.jackson.core.jackson-annotations)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$java" -Xmx2g -cp "$cp" "$root/releng/bench-store/StoreBench.java" "$work" "${1:-200000}" "${2:-5}"
