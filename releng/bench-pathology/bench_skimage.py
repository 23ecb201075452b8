#!/usr/bin/python3
"""The same per-tile stages as Focal's classical nucleus segmenter, written as a scikit-image / SciPy
user would, on the same 512 x 512 tiles (the four corners of each image). Single thread.
Usage: bench_skimage.py ROUNDS IMAGE.tif...   Prints per-stage median ms/tile and tiles/s."""
import sys
import time

import numpy as np
from PIL import Image
from scipy import ndimage as ndi
from skimage.color import rgb2hed
from skimage.feature import peak_local_max
from skimage.filters import gaussian, threshold_otsu
from skimage.measure import find_contours, label, regionprops
from skimage.segmentation import watershed

UM = 0.2527  # MoNuSeg pixel size; the same micrometre settings as Focal's defaults
SIGMA = 0.4 / UM
LOCAL_SIGMA = 3.0 / UM
MIN_AREA = 8 / UM ** 2
MAX_AREA = 400 / UM ** 2
MIN_DISTANCE = max(1, int(round(0.75 / UM)))

STAGES = ['deconvolution', 'smoothing', 'threshold+fill', 'distance', 'markers', 'watershed+sizes', 'outlines']


def segment(tile, t):
    c = time.perf_counter
    t0 = c()
    h = rgb2hed(tile)[..., 0]
    t1 = c()
    hs = gaussian(h, sigma=SIGMA)
    t2 = c()
    tissue = (-np.log10((tile.astype(np.float32) + 1) / 256)).sum(axis=2) >= 0.25
    thr = threshold_otsu(hs[tissue]) * 0.85 if tissue.sum() > 64 else hs.max() + 1
    mask = (hs > thr) & (hs >= gaussian(h, sigma=LOCAL_SIGMA))
    mask = ndi.binary_fill_holes(mask)
    t3 = c()
    dist = ndi.distance_transform_edt(mask)
    t4 = c()
    coords = peak_local_max(dist, min_distance=MIN_DISTANCE, labels=label(mask))
    markers = np.zeros(dist.shape, dtype=np.int32)
    markers[tuple(coords.T)] = np.arange(1, len(coords) + 1)
    t5 = c()
    labels = watershed(-dist, markers, mask=mask)
    props = regionprops(labels, intensity_image=h)
    kept = [p for p in props if MIN_AREA <= p.area <= MAX_AREA]
    measures = [(p.area, p.centroid, p.mean_intensity, p.perimeter) for p in kept]
    t6 = c()
    outlines = []
    for p in kept:
        r0, c0, _, _ = p.bbox
        contour = find_contours(np.pad(p.image, 1).astype(np.uint8), 0.5)
        outlines.append(max(contour, key=len) + (r0 - 1, c0 - 1))
    t7 = c()
    for k, dt in enumerate((t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5, t7 - t6)):
        t[k] += dt
    return len(kept)


def main():
    rounds = int(sys.argv[1])
    tiles = []
    for path in sys.argv[2:]:
        img = np.asarray(Image.open(path).convert('RGB'))
        hh, ww = img.shape[:2]
        for y in (0, hh - 512):
            for x in (0, ww - 512):
                tiles.append(np.ascontiguousarray(img[y:y + 512, x:x + 512]))
    for tile in tiles[:4]:  # warm-up (imports, caches)
        segment(tile, [0.0] * 7)
    per_stage = [[] for _ in STAGES]
    rate = []
    nuclei = 0
    for _ in range(rounds):
        t = [0.0] * 7
        start = time.perf_counter()
        nuclei = sum(segment(tile, t) for tile in tiles)
        rate.append(len(tiles) / (time.perf_counter() - start))
        for k in range(7):
            per_stage[k].append(1000 * t[k] / len(tiles))
    print('skimage tiles=%d nuclei_per_tile=%.1f rounds=%d' % (len(tiles), nuclei / len(tiles), rounds))
    total = 0
    for name, v in zip(STAGES, per_stage):
        m = float(np.median(v))
        total += m
        print('skimage stage %-16s %8.2f ms/tile' % (name, m))
    print('skimage stage %-16s %8.2f ms/tile' % ('total', total))
    print('skimage 1 thread  %8.2f tiles/s (%.2f per core)' % (np.median(rate), np.median(rate)))


if __name__ == '__main__':
    main()
