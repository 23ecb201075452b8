#!/usr/bin/env bash
# Installs the independent reference tools the tests compare against (Debian packages):
# dcmtk (dcmdump, dcmj2pnm, dcmcjpeg...), openslide-tools + python3-openslide, libvips-tools,
# libtiff-tools, Debian's python3 with numpy, Pillow, pydicom, scipy, scikit-learn and scikit-image, python3-xgboost (reads our XGBoost models
# independently), libgomp1 (OpenMP runtime that xgboost4j's native library links against) and
# libturbojpeg0 (libjpeg-turbo's TurboJPEG API: org.focal.io.turbojpeg decodes JPEG tiles with it).
# Skips what is already there.
set -euo pipefail
packages=(dcmtk openslide-tools python3-openslide libvips-tools libtiff-tools python3-numpy python3-pil python3-tifffile python3-pydicom python3-scipy python3-sklearn python3-skimage python3-xgboost libgomp1 libturbojpeg0)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-test-tools: all present"
  exit 0
fi
echo "install-test-tools: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
