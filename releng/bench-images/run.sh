#!/usr/bin/env bash
# Wall time and peak RSS of `focal thumbnail` / `focal region` on images without a pyramid (issue 17).
# Usage: releng/bench-images/run.sh [FOCAL_BIN]   (default: bin/focal of this checkout)
# Prints one line per command: heap, command, exit code, seconds, peak RSS. Makes a 30000 x 30000
# grey PNG of zeros (875 KB) in a temporary folder first.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
focal="${1:-$root/bin/focal}"
svs="$root/../shared/data/pathology/wsi/CMU-1-Small-Region.svs"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export FOCAL_CONFIGURATION="$work/configuration"
python3 - "$work/grey30k.png" <<'PY'
import struct, sys, zlib
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
c = zlib.compressobj(9); row = bytes(30001)
idat = b''.join(c.compress(row) for _ in range(30000)) + c.flush()
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 30000, 30000, 8, 0, 0, 0, 0))
                              + chunk(b'IDAT', idat) + chunk(b'IEND', b''))
PY
"$focal" --version > /dev/null 2>&1 # first start unpacks the configuration; not measured
while read -r heap args; do
  args=${args//SVS/$svs}; args=${args//PNG30K/$work/grey30k.png}
  rm -f "$work/out.png"
  /usr/bin/time -f "%e %M" -o "$work/time" env FOCAL_JAVA_OPTS="$heap" timeout 900 "$focal" $args --out "$work/out.png" \
    > "$work/log" 2>&1
  code=$?
  read -r secs kb < <(tail -n 1 "$work/time")
  printf '%-9s %-72s exit %s  %7.1f s  %6d MB  %s\n' "$heap" "${args//$root\/..\/shared\/data\//}" "$code" "$secs" \
    $((kb / 1024)) "$(head -n 1 "$work/log" | cut -c1-80)"
done <<'LIST'
-Xmx2g thumbnail PNG30K
-Xmx512m thumbnail PNG30K
-Xmx2g region SVS --x 0 --y 0 --w 20000 --h 20000
-Xmx512m region SVS --x 0 --y 0 --w 10000 --h 10000
-Xmx2g region SVS --x 0 --y 0 --w 30000 --h 30000 --downsample 2
-Xmx2g region SVS --x 0 --y 0 --w 2220 --h 2967
-Xmx2g thumbnail SVS
LIST
