#!/usr/bin/python3
"""Independent scorer for nucleus instance segmentation against MoNuSeg ground truth.

Usage:
  score.py [--json] GT_DIR PRED_DIR [NAME ...]

GT_DIR holds NAME.xml (Aperio ImageScope XML, one <Region> per nucleus, float <Vertex X Y>) and
NAME.tif (only its size is read). PRED_DIR holds NAME.geojson (a GeoJSON FeatureCollection of
Polygon / MultiPolygon features in level-0 pixel coordinates, as written by `focal nuclei`).
Without NAMEs every NAME.geojson in PRED_DIR that has a NAME.xml is scored.

Both sides are rasterised with skimage.draw.polygon into instance label images (later polygons
overwrite earlier ones where they overlap). Conventions:
  * Aperio vertices are taken as pixel-centre coordinates, as the MoNuSeg tooling does
    (pixel (c, r) is the point X=c, Y=r).
  * GeoJSON coordinates follow QuPath: pixel (c, r) is the unit square [c, c+1] x [r, r+1], so
    polygons are shifted by -0.5 before rasterising at pixel centres.

Metrics per image:
  AJI   aggregated Jaccard index (Kumar et al., IEEE TMI 2017): each ground-truth nucleus is paired
        with the predicted nucleus of highest IoU with it (predictions may be reused, as in the
        original definition); C += |G & S|, U += |G | S|; finally U += area of every predicted
        nucleus never paired. AJI = C / U.
  Dice  pixel-level Dice of the binary foreground masks.
  F1    detection F1 where a prediction matches a ground-truth nucleus at IoU > 0.5 (such a
        match is unique), with precision and recall.
This file deliberately shares no code with Focal; it needs numpy, scipy and scikit-image only.
"""
import json
import os
import sys
import xml.etree.ElementTree as ET

import numpy as np
from skimage.draw import polygon as draw_polygon


def image_size(tif_path):
    """(height, width) of the ground-truth image, read from the TIFF header without decoding."""
    from PIL import Image  # Pillow is a dependency of scikit-image
    with Image.open(tif_path) as im:
        return im.size[1], im.size[0]


def read_aperio(xml_path):
    polys = []
    root = ET.parse(xml_path).getroot()
    for region in root.iter('Region'):
        xs, ys = [], []
        for v in region.iter('Vertex'):
            xs.append(float(v.get('X')))
            ys.append(float(v.get('Y')))
        if len(xs) >= 3:
            polys.append((np.array(xs), np.array(ys)))
    return polys


def read_geojson(path):
    with open(path) as f:
        doc = json.load(f)
    features = doc['features'] if doc.get('type') == 'FeatureCollection' else [doc]
    polys = []
    for feat in features:
        geom = feat['geometry']
        parts = [geom['coordinates']] if geom['type'] == 'Polygon' else geom['coordinates'] if geom['type'] == 'MultiPolygon' else []
        for part in parts:
            shell = np.asarray(part[0], dtype=float)  # holes are ignored: nuclei have none
            polys.append((shell[:, 0] - 0.5, shell[:, 1] - 0.5))
    return polys


def rasterise(polys, shape):
    labels = np.zeros(shape, dtype=np.int32)
    for i, (xs, ys) in enumerate(polys, start=1):
        rr, cc = draw_polygon(ys, xs, shape=shape)
        labels[rr, cc] = i
    return labels


def pair_table(gt, pred):
    """Intersections between every ground-truth and predicted label (sparse), and label areas."""
    ng, npred = gt.max(), pred.max()
    g_area = np.bincount(gt.ravel(), minlength=ng + 1)
    p_area = np.bincount(pred.ravel(), minlength=npred + 1)
    both = (gt > 0) & (pred > 0)
    key = gt[both].astype(np.int64) * (npred + 1) + pred[both]
    keys, inter = np.unique(key, return_counts=True)
    return keys // (npred + 1), keys % (npred + 1), inter, g_area, p_area


def score(gt, pred):
    gi, pi, inter, g_area, p_area = pair_table(gt, pred)
    union = g_area[gi] + p_area[pi] - inter
    iou = inter / union
    ng = int(gt.max())
    npred = int(pred.max())
    present_g = np.nonzero(g_area[1:])[0] + 1
    present_p = np.nonzero(p_area[1:])[0] + 1
    # AJI
    best_iou = np.full(ng + 1, -1.0)
    best_k = np.full(ng + 1, -1)
    for k in range(len(gi)):
        if iou[k] > best_iou[gi[k]]:
            best_iou[gi[k]] = iou[k]
            best_k[gi[k]] = k
    c = 0
    u = 0
    used = np.zeros(npred + 1, dtype=bool)
    for g in present_g:
        k = best_k[g]
        if k < 0:
            u += g_area[g]
        else:
            c += inter[k]
            u += union[k]
            used[pi[k]] = True
    u += p_area[present_p][~used[present_p]].sum()
    aji = c / u if u else 1.0
    # Dice
    a = gt > 0
    b = pred > 0
    s = a.sum() + b.sum()
    dice = 2.0 * (a & b).sum() / s if s else 1.0
    # detection F1 at IoU > 0.5
    tp = int((iou > 0.5).sum())
    precision = tp / len(present_p) if len(present_p) else 0.0
    recall = tp / len(present_g) if len(present_g) else 0.0
    f1 = 2 * tp / (len(present_p) + len(present_g)) if (len(present_p) + len(present_g)) else 1.0
    return dict(aji=aji, dice=dice, f1=f1, precision=precision, recall=recall,
                gt=len(present_g), pred=len(present_p), tp=tp)


def main(argv):
    as_json = '--json' in argv
    argv = [a for a in argv if a != '--json']
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    gt_dir, pred_dir, names = argv[0], argv[1], argv[2:]
    if not names:
        names = sorted(f[:-8] for f in os.listdir(pred_dir)
                       if f.endswith('.geojson') and os.path.exists(os.path.join(gt_dir, f[:-8] + '.xml')))
    if not names:
        print('score.py: nothing to score in ' + pred_dir, file=sys.stderr)
        return 2
    rows = []
    for name in names:
        shape = image_size(os.path.join(gt_dir, name + '.tif'))
        gt = rasterise(read_aperio(os.path.join(gt_dir, name + '.xml')), shape)
        pred = rasterise(read_geojson(os.path.join(pred_dir, name + '.geojson')), shape)
        r = score(gt, pred)
        r['image'] = name
        rows.append(r)
    mean = {k: float(np.mean([r[k] for r in rows])) for k in ('aji', 'dice', 'f1', 'precision', 'recall')}
    if as_json:
        print(json.dumps({'images': rows, 'mean': mean}, default=float, indent=1))
        return 0
    print('%-26s %6s %6s %6s %6s %6s %6s %6s' % ('image', 'AJI', 'Dice', 'F1', 'prec', 'recall', 'GT', 'pred'))
    for r in rows:
        print('%-26s %6.4f %6.4f %6.4f %6.4f %6.4f %6d %6d' % (r['image'], r['aji'], r['dice'], r['f1'],
                                                              r['precision'], r['recall'], r['gt'], r['pred']))
    print('%-26s %6.4f %6.4f %6.4f %6.4f %6.4f' % ('mean (%d images)' % len(rows), mean['aji'], mean['dice'],
                                                   mean['f1'], mean['precision'], mean['recall']))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
