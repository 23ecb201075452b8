#!/usr/bin/env bash
# Start-up time of bin/focal: median wall time of N runs (default 5) of `focal --version` and
# `focal info SLIDE`, each after one warm-up run, plus the first (cold) run: a new configuration
# area and no JVM AOT cache, the state right after installing. OpenSlide's
# `openslide-show-properties` on the same slide is the peer, timed in the same run.
#   releng/bench-startup/run.sh [-n N] [SLIDE]
# The product must be built (./mvnw -B verify -DskipTests). FOCAL_BIN=PATH times another bin/focal
# (e.g. of an older checkout). Prints the machine load and the CPU time (user + system) of each run as
# well: on a shared machine the wall times follow the load; compare figures of one run with each other.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
n=5
if [ "${1:-}" = -n ]; then n="$2"; shift 2; fi
slide="${1:-$root/../shared/data/pathology/wsi/CMU-1-Small-Region.svs}"
[ -f "$slide" ] || { echo "bench-startup: $slide: no such slide" >&2; exit 2; }
focal="${FOCAL_BIN:-$root/bin/focal}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# a fresh configuration area and cache folder: the first run is a real first run
export FOCAL_CONFIGURATION="$work/configuration" FOCAL_JVM_CACHE_DIR="$work/jvm"

seconds() { # seconds COMMAND...: prints "WALL CPU" of one run in seconds; fails when the command fails
  local TIMEFORMAT='%R %U %S' t
  t=$( { time "$@" >/dev/null 2>"$work/err"; } 2>&1 ) || { echo "bench-startup: failed: $* ($(head -n 3 "$work/err"))" >&2; return 1; }
  echo "$t" | awk '{printf "%.3f %.3f\n", $1, $2 + $3}'
}
median() { # median of the arguments
  printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {if (NR % 2) print v[(NR+1)/2]; else printf "%.3f\n", (v[NR/2]+v[NR/2+1])/2}'
}
series() { # series LABEL COMMAND...: one warm-up, then N timed runs
  local label="$1"; shift
  local walls=() cpus=() i t
  seconds "$@" >/dev/null
  for ((i = 0; i < n; i++)); do
    t=$(seconds "$@"); walls+=("${t% *}"); cpus+=("${t#* }")
  done
  printf '%-40s median %6.3f s wall, %6.3f s CPU   wall runs: %s\n' "$label" "$(median "${walls[@]}")" \
    "$(median "${cpus[@]}")" "${walls[*]}"
}

echo "bench-startup: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $(. "$root/releng/select-jdk.sh"; focal_select_jdk; "$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
# The first run ever makes the configuration area and then (normally in the background, here with
# FOCAL_JVM_CACHE=sync before it exits) the JVM AOT cache; the cold run is timed without that step.
printf '%-40s %6.3f s wall, %6.3f s CPU\n' "first run: focal --version (cold)" $(FOCAL_JVM_CACHE=off seconds "$focal" --version)
printf '%-40s %6.3f s wall, %6.3f s CPU\n' "  a run that also makes the AOT cache" $(FOCAL_JVM_CACHE=sync seconds "$focal" --version)
series "focal --version" "$focal" --version
series "focal info SLIDE" "$focal" info "$slide"
FOCAL_JVM_CACHE=off series "focal --version, no AOT cache" "$focal" --version
if command -v openslide-show-properties >/dev/null; then
  series "openslide-show-properties SLIDE (peer)" openslide-show-properties "$slide"
else
  echo "openslide-show-properties not installed (Debian package openslide-tools): no peer figure"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
