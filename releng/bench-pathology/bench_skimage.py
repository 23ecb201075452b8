#!/usr/bin/python3
"""The same per-tile pipeline as Focal's -- classical nucleus segmentation and the three feature
groups (tile texture, nucleus morphology, spatial) -- written as a scikit-image / SciPy user would,
on the same 512 x 512 tiles (the four corners of each image). Single thread (OMP_NUM_THREADS=1);
then the whole pipeline in 2 worker processes.
Usage: bench_skimage.py ROUNDS IMAGE.tif...   Prints per-stage median ms/tile and tiles/s."""
import sys
import time
from multiprocessing import Pool

import numpy as np
from PIL import Image
import warnings

from scipy import ndimage as ndi
from scipy.spatial import Delaunay, Voronoi, cKDTree
from skimage.color import rgb2hed
from skimage.feature import graycomatrix, graycoprops, local_binary_pattern, peak_local_max
from skimage.filters import gaussian, sobel, threshold_otsu
from skimage.measure import find_contours, label, regionprops
from skimage.segmentation import watershed

UM = 0.2527  # MoNuSeg pixel size; the same micrometre settings as Focal's defaults
SIGMA = 0.4 / UM
LOCAL_SIGMA = 3.0 / UM
MIN_AREA = 8 / UM ** 2
MAX_AREA = 400 / UM ** 2
MIN_DISTANCE = max(1, int(round(0.75 / UM)))
ANGLES = [0, np.pi / 4, np.pi / 2, 3 * np.pi / 4]
LEVELS, MAX_OD = 32, 1.5

STAGES = ['deconvolution', 'segmentation', 'tile-texture', 'nucleus-morphology', 'spatial']
SEGMENTATION = ['smoothing', 'threshold+fill', 'distance', 'markers', 'watershed+sizes', 'outlines']


def segment(tile, t):
    c = time.perf_counter
    t0 = c()
    hed = rgb2hed(tile)
    h, e = hed[..., 0], hed[..., 1]
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
    t[0] += t1 - t0
    for k, dt in enumerate((t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5, t7 - t6)):
        t[1] += dt
        t[5 + k] += dt
    return h, e, labels, kept


def summary(v):
    v = np.asarray(v, dtype=np.float64)
    v = v[~np.isnan(v)]
    if v.size == 0:
        return [np.nan] * 5
    return [v.mean(), v.std(), *np.percentile(v, [10, 50, 90])]


def tile_features(h, e):
    f = summary(h.ravel()) + summary(e.ravel())
    q = np.clip(h * (LEVELS / MAX_OD), 0, LEVELS - 1).astype(np.uint8)
    glcm = graycomatrix(q, [1], ANGLES, levels=LEVELS, symmetric=True, normed=True)
    f += [graycoprops(glcm, p).mean() for p in ('contrast', 'correlation', 'energy', 'ASM', 'homogeneity')]
    p = glcm[:, :, 0, :]
    f.append(-np.sum(np.where(p > 0, p * np.log(np.where(p > 0, p, 1)), 0)) / len(ANGLES))
    lbp = local_binary_pattern(h, 8, 1, 'uniform')
    f += list(np.bincount(lbp.astype(int).ravel(), minlength=10) / lbp.size)
    g = sobel(h)
    f += [g.mean(), g.std(), np.percentile(g, 90)]
    hp = h >= 0.4
    regions = label(hp, connectivity=2)
    n = regions.max()
    f += [hp.mean(), (e >= 0.2).mean(), n / (h.size * UM * UM * 1e-6), hp.sum() * UM * UM / n if n else np.nan]
    return f, q


def pair_contrast(labels, q, n):
    """Intra-nucleus GLCM contrast of every label at once: squared level differences of the pixel
    pairs inside one nucleus (distance 1, four angles), per angle, averaged over the angles."""
    q = q.astype(np.float64)
    hh, ww = labels.shape
    per_angle = []
    for dy, dx in ((0, 1), (1, 1), (1, 0), (1, -1)):
        xa, xb = (slice(0, ww - dx), slice(dx, ww)) if dx >= 0 else (slice(-dx, ww), slice(0, ww + dx))
        a, b = labels[0:hh - dy, xa], labels[dy:hh, xb]
        same = (a == b) & (a > 0)
        d2 = (q[0:hh - dy, xa][same] - q[dy:hh, xb][same]) ** 2
        counts = np.bincount(a[same], minlength=n)
        with np.errstate(invalid='ignore', divide='ignore'):
            per_angle.append(np.bincount(a[same], weights=d2, minlength=n) / counts)
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', RuntimeWarning)  # nuclei without pairs: NaN
        return np.nanmean(np.array(per_angle), axis=0)


def nucleus_features(kept, labels, q, e, shape):
    contrast = pair_contrast(labels, q, labels.max() + 1)
    rows = []
    for r in kept:
        pix = r.intensity_image[r.image]
        e_mean = e[r.slice][r.image].mean()
        area = r.area * UM * UM
        perimeter = r.perimeter * UM
        rows.append([area, perimeter, r.eccentricity, r.major_axis_length * UM, r.minor_axis_length * UM, r.solidity,
                     4 * np.pi * area / perimeter ** 2 if perimeter > 0 else np.nan, pix.mean(), pix.std(), e_mean,
                     contrast[r.label]])
    f = [len(kept), len(kept) / (shape[0] * shape[1] * UM * UM * 1e-6)]
    table = np.array(rows) if rows else np.full((0, 11), np.nan)
    for k in range(11):
        f += summary(table[:, k])
    return f


def spatial_features(kept, shape):
    if len(kept) < 3:
        return [np.nan] * 11
    pts = np.array([r.centroid for r in kept])[:, ::-1] * UM  # (x, y) in um
    w, h = shape[1] * UM, shape[0] * UM
    # Voronoi clipped to the tile: mirror the points across the four sides, keep the original cells
    mirrored = np.vstack([pts, pts * [-1, 1], pts * [1, -1], [2 * w, 0] - pts * [1, -1], [0, 2 * h] - pts * [-1, 1]])
    vor = Voronoi(mirrored)
    areas = []
    for i in range(len(pts)):
        poly = vor.vertices[vor.regions[vor.point_region[i]]]
        x, y = poly[:, 0], poly[:, 1]
        areas.append(0.5 * abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))))
    areas = np.array(areas)
    f = [areas.mean(), areas.std(), areas.min() / areas.max(), areas.std() / (areas.mean() + areas.std())]
    tri = Delaunay(pts)
    edges = np.vstack([tri.simplices[:, [0, 1]], tri.simplices[:, [1, 2]], tri.simplices[:, [2, 0]]])
    edges = np.unique(np.sort(edges, axis=1), axis=0)
    lengths = np.linalg.norm(pts[edges[:, 0]] - pts[edges[:, 1]], axis=1)
    degree = np.bincount(edges.ravel(), minlength=len(pts))
    f += [lengths.mean(), lengths.std(), degree.mean(), degree.std()]
    tree = cKDTree(pts)
    d, _ = tree.query(pts, k=2)
    within = tree.query_ball_point(pts, r=20.0, return_length=True) - 1
    f += [d[:, 1].mean(), d[:, 1].std(), within.mean()]
    return f


def process(tile, t):
    c = time.perf_counter
    h, e, labels, kept = segment(tile, t)
    t0 = c()
    tf, q = tile_features(h, e)
    t1 = c()
    nf = nucleus_features(kept, labels, q, e, h.shape)
    t2 = c()
    sf = spatial_features(kept, h.shape)
    t3 = c()
    t[2] += t1 - t0
    t[3] += t2 - t1
    t[4] += t3 - t2
    return len(kept), len(tf) + len(nf) + len(sf)


def process_untimed(tile):
    return process(tile, [0.0] * 11)[0]


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
        process(tile, [0.0] * 11)
    per_stage = [[] for _ in STAGES + SEGMENTATION]
    rate, rate2 = [], []
    nuclei = 0
    features = 0
    with Pool(2) as pool:
        pool.map(process_untimed, tiles[:4])
        for _ in range(rounds):
            t = [0.0] * 11
            start = time.perf_counter()
            results = [process(tile, t) for tile in tiles]
            rate.append(len(tiles) / (time.perf_counter() - start))
            nuclei = sum(r[0] for r in results)
            features = results[0][1]
            for k in range(11):
                per_stage[k].append(1000 * t[k] / len(tiles))
            start = time.perf_counter()
            pool.map(process_untimed, tiles, chunksize=1)
            rate2.append(len(tiles) / (time.perf_counter() - start))
    print('skimage tiles=%d nuclei_per_tile=%.1f features=%d rounds=%d' % (len(tiles), nuclei / len(tiles), features, rounds))
    total = 0
    for k, name in enumerate(STAGES):
        m = float(np.median(per_stage[k]))
        total += m
        print('skimage stage %-18s %8.2f ms/tile (rounds: %.2f..%.2f)' % (name, m, min(per_stage[k]), max(per_stage[k])))
        if k == 1:
            for j, sub in enumerate(SEGMENTATION):
                print('skimage   segmentation %-16s %8.2f ms/tile' % (sub, float(np.median(per_stage[5 + j]))))
    print('skimage stage %-18s %8.2f ms/tile' % ('total', total))
    print('skimage 1 thread  %8.2f tiles/s (%.2f per core) rounds: %.2f..%.2f' % (np.median(rate), np.median(rate), min(rate), max(rate)))
    print('skimage 2 processes %8.2f tiles/s (%.2f per core) rounds: %.2f..%.2f' % (np.median(rate2), np.median(rate2) / 2, min(rate2), max(rate2)))


if __name__ == '__main__':
    main()
