"""Preprocessing contract v3: box crop -> ink decision -> 28x28 model input.

Mirrored exactly by Sources/Recognition/Digits/DigitPreprocessor.swift; the
parity fixtures in Tests/RecognitionTests/Fixtures/digits-parity.bin check it.
See README.md, section "Preprocessing contract", for the prose version.
"""
import math

import numpy as np

VERSION = 3
MIN_SIDE = 4             # smaller crops are blank
INK_THRESHOLD = 0.2      # darkness (255 - p) / 255 at or above which a pixel is ink
SEGMENTS = 4             # each edge is examined in this many segments
LINE_FULL = 0.6          # a segment line at least this inked is a border remnant
LINE_RUN = 0.75         # an unbroken run of ink this long along an edge is a box line, however dark
LINE_EMPTY = 0.15        # below this the walk inwards stops
KEEP_DARK = 0.6          # in a cleared line, pixels at least this dark stay (pen, not box line)
KEEP_RATIO = 0.08        # components smaller than this share of the largest are dropped
DENSE_RAW = 0.85         # crops with more ink than this share (before any cleaning)
DENSE_KEPT = 0.7         # or this share of kept ink are unreadable (e.g. blacked out)
FIT = 20                 # the ink is scaled to fit FIT x FIT
SIDE = 28                # inside a SIDE x SIDE input
TARGET_CENTRE = 13.5     # where the centre of mass lands


def band_width(w: int, h: int) -> int:
    m = min(w, h)
    return min(max(3, int(math.floor(0.08 * m + 0.5))), m // 4)


def min_component_area(w: int, h: int) -> int:
    return max(6, (w * h) // 300)


def is_edge_sliver(x0, y0, x1, y1, w, h, band):
    """A thin component lying along an edge: what is left of a box line."""
    bw, bh = x1 - x0 + 1, y1 - y0 + 1
    along_top = y0 < band or y1 >= h - band
    along_side = x0 < band or x1 >= w - band
    return ((along_top and bh <= band and bw >= 2 * bh)
            or (along_side and bw <= band and bh >= 2 * bw))


def longest_run(mask: np.ndarray):
    """(length, start, end_exclusive) of the first longest run of True."""
    best, start = (0, 0, 0), None
    for i, value in enumerate(mask.tolist() + [False]):
        if value and start is None:
            start = i
        elif not value and start is not None:
            if i - start > best[0]:
                best = (i - start, start, i)
            start = None
    return best


def edge_lines(h: int, w: int):
    """The four edges in order top, bottom, left, right: (length, line) where
    line(j, a, b) indexes positions a..b-1 along the edge at depth j inwards."""
    return [
        (w, lambda j, a, b: (j, slice(a, b))),
        (w, lambda j, a, b: (h - 1 - j, slice(a, b))),
        (h, lambda j, a, b: (slice(a, b), j)),
        (h, lambda j, a, b: (slice(a, b), w - 1 - j)),
    ]


def suppress_solid_lines(dark: np.ndarray, ink: np.ndarray) -> None:
    """Clears box lines that the scan made as dark as the pen (binarised or
    fax scans): along each edge, walking inwards over the band, the first
    longest unbroken run of ink is cleared, whatever its darkness, when it
    covers LINE_RUN of the edge."""
    h, w = ink.shape
    band = band_width(w, h)
    for length, line in edge_lines(h, w):
        for j in range(band):
            whole = ink[line(j, 0, length)]
            run, a, b = longest_run(whole)
            if run >= LINE_RUN * length:
                ink[line(j, a, b)] = False
                dark[line(j, a, b)] = 0.0
            elif np.count_nonzero(whole) < LINE_EMPTY * length:
                break


def suppress_border_lines(dark: np.ndarray, ink: np.ndarray) -> None:
    """Clears box-line remnants along the four edges, in place: solid runs
    first, then grey segments."""
    suppress_solid_lines(dark, ink)
    h, w = ink.shape
    band = band_width(w, h)
    for length, line in edge_lines(h, w):
        for k in range(SEGMENTS):
            a, b = (k * length) // SEGMENTS, ((k + 1) * length) // SEGMENTS
            if b <= a:
                continue
            for j in range(band):
                index = line(j, a, b)
                share = np.count_nonzero(ink[index]) / (b - a)
                if share >= LINE_FULL:
                    grey = dark[index] < KEEP_DARK
                    ink[index] = ink[index] & ~grey
                    dark[index] = np.where(grey, 0.0, dark[index])
                elif share < LINE_EMPTY:
                    break


def label_components(ink: np.ndarray):
    """8-connected components of the ink mask. Returns (labels, areas, boxes)."""
    h, w = ink.shape
    parent = []

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    runs_by_row = []
    runs = []  # (row, start, end_exclusive)
    for y in range(h):
        row = ink[y].astype(np.int8)
        change = np.diff(np.concatenate(([0], row, [0])))
        starts = np.flatnonzero(change == 1)
        ends = np.flatnonzero(change == -1)
        current = []
        for s, e in zip(starts.tolist(), ends.tolist()):
            idx = len(runs)
            runs.append((y, s, e))
            parent.append(idx)
            current.append(idx)
        if y > 0:
            prev = runs_by_row[y - 1]
            p = 0
            for idx in current:
                _, s, e = runs[idx]
                for pidx in prev:
                    _, ps, pe = runs[pidx]
                    if ps <= e and pe >= s:  # 8-connectivity: touching diagonally counts
                        ra, rb = find(idx), find(pidx)
                        if ra != rb:
                            parent[max(ra, rb)] = min(ra, rb)
        runs_by_row.append(current)
    labels = np.full((h, w), -1, dtype=np.int64)
    roots = {}
    areas, boxes = [], []
    for idx, (y, s, e) in enumerate(runs):
        r = find(idx)
        if r not in roots:
            roots[r] = len(areas)
            areas.append(0)
            boxes.append([s, y, e - 1, y])
        c = roots[r]
        labels[y, s:e] = c
        areas[c] += e - s
        box = boxes[c]
        box[0] = min(box[0], s)
        box[2] = max(box[2], e - 1)
        box[3] = y
    return labels, areas, boxes


def kept_ink(dark: np.ndarray, ink: np.ndarray) -> np.ndarray:
    """The ink mask without specks, edge slivers and small satellite blobs."""
    h, w = ink.shape
    band = band_width(w, h)
    labels, areas, boxes = label_components(ink)
    minimum = min_component_area(w, h)
    candidates = []
    for c, (area, (x0, y0, x1, y1)) in enumerate(zip(areas, boxes)):
        if area < minimum:
            continue
        if not is_edge_sliver(x0, y0, x1, y1, w, h, band):
            candidates.append(c)
    if not candidates:
        return np.zeros_like(ink)
    largest = max(areas[c] for c in candidates)
    keep = [c for c in candidates if areas[c] >= KEEP_RATIO * largest]
    lookup = np.zeros(len(areas) + 1, dtype=bool)
    lookup[np.array(keep)] = True
    return lookup[labels]  # label -1 maps to the extra False entry


def area_weights(source: int, target: int) -> np.ndarray:
    """[target, source] box-filter weights: overlap of each source pixel with
    each target pixel's footprint, divided by the footprint length."""
    step = source / target
    weights = np.zeros((target, source))
    for t in range(target):
        a, b = t * step, (t + 1) * step
        for s in range(int(math.floor(a)), min(source, int(math.ceil(b)))):
            overlap = min(b, s + 1) - max(a, s)
            if overlap > 0:
                weights[t, s] = overlap / step
    return weights


class Prepared:
    """The outcome of preprocessing one crop."""

    def __init__(self, ink_fraction: float, status: str, pixels):
        self.ink_fraction = ink_fraction   # kept ink pixels / crop area
        self.status = status               # "blank", "dense" or "digit"
        self.pixels = pixels               # [28, 28] float64 0..1 when status == "digit"


def prepare(crop: np.ndarray) -> Prepared:
    """crop: [h, w] uint8, 0 = black ink, 255 = white paper."""
    h, w = crop.shape
    if w < MIN_SIDE or h < MIN_SIDE:
        return Prepared(0.0, "blank", None)
    dark = (255.0 - crop.astype(np.float64)) / 255.0
    ink = dark >= INK_THRESHOLD
    if np.count_nonzero(ink) > DENSE_RAW * w * h:
        return Prepared(np.count_nonzero(ink) / (w * h), "dense", None)
    suppress_border_lines(dark, ink)
    keep = kept_ink(dark, ink)
    count = int(np.count_nonzero(keep))
    fraction = count / (w * h)
    if count == 0:
        return Prepared(0.0, "blank", None)
    if fraction > DENSE_KEPT:
        return Prepared(fraction, "dense", None)
    level = max(float(dark[keep].sum()) / count, 0.1)
    values = np.where(keep, np.minimum(1.0, dark / level), 0.0)
    ys, xs = np.nonzero(keep)
    x0, x1, y0, y1 = xs.min(), xs.max(), ys.min(), ys.max()
    box = values[y0:y1 + 1, x0:x1 + 1]
    bh, bw = box.shape
    scale = FIT / max(bw, bh)
    ow = min(FIT, max(1, int(math.floor(bw * scale + 0.5))))
    oh = min(FIT, max(1, int(math.floor(bh * scale + 0.5))))
    patch = area_weights(bh, oh) @ box @ area_weights(bw, ow).T
    total = patch.sum()
    cy = float((patch.sum(axis=1) * np.arange(oh)).sum() / total)
    cx = float((patch.sum(axis=0) * np.arange(ow)).sum() / total)
    ox = min(max(int(math.floor(TARGET_CENTRE - cx + 0.5)), 0), SIDE - ow)
    oy = min(max(int(math.floor(TARGET_CENTRE - cy + 0.5)), 0), SIDE - oh)
    out = np.zeros((SIDE, SIDE))
    out[oy:oy + oh, ox:ox + ow] = patch
    return Prepared(fraction, "digit", out)
