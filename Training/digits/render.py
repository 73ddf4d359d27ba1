"""Synthesises scanner crops of the inside of a comb box from MNIST digits.

A crop is what the form reader hands the recogniser: dark ink on white paper,
the inside of a 5.5 x 7 mm printed box at 200-600 dpi, with every degradation
we expect (see README.md). Everything is numpy, every draw comes from the
generator passed in, so a seed reproduces a data set exactly. Blur, noise,
stroke width, JPEG and fax come from the degradations shared with SampleScans
(python/avbrott_degrade.py at the repository root).
"""
import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir, "python"))

from avbrott_degrade import binarise, gaussian_blur, jpeg_like, morph, sensor_noise  # noqa: E402

TRAIN = "train"
EVAL = "eval"
ELASTIC_SHARE = 0.7  # of training digits


# ---------------------------------------------------------------- strokes

def draw_segment(canvas, p0, p1, width):
    """Adds an antialiased straight stroke (max-combined) to a float canvas."""
    h, w = canvas.shape
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float64)
    (x0, y0), (x1, y1) = p0, p1
    dx, dy = x1 - x0, y1 - y0
    length2 = max(dx * dx + dy * dy, 1e-9)
    t = np.clip(((xs - x0) * dx + (ys - y0) * dy) / length2, 0, 1)
    dist = np.hypot(xs - (x0 + t * dx), ys - (y0 + t * dy))
    np.maximum(canvas, np.clip(width / 2 + 0.5 - dist, 0, 1), out=canvas)


def ink_box(img, level=0.3):
    ys, xs = np.nonzero(img > level)
    return xs.min(), ys.min(), xs.max(), ys.max()


def swedish_one(digit, rng):
    """Adds the flag at the top of a 1 (and sometimes a foot)."""
    out = digit.copy()
    x0, y0, x1, y1 = ink_box(out)
    height = y1 - y0 + 1
    top_x = float(np.nonzero(out[y0] > 0.3)[0].mean())
    angle = math.radians(rng.uniform(20, 55))
    length = rng.uniform(0.25, 0.42) * height
    width = rng.uniform(1.8, 2.8)
    draw_segment(out, (top_x, y0 + 0.5), (top_x - length * math.cos(angle), y0 + 0.5 + length * math.sin(angle)), width)
    if rng.random() < 0.3:
        bottom_x = float(np.nonzero(out[y1] > 0.3)[0].mean())
        half = rng.uniform(0.18, 0.32) * height
        draw_segment(out, (bottom_x - half, y1), (bottom_x + half, y1), width)
    return out


def swedish_seven(digit, rng):
    """Adds the bar across the stem of a 7."""
    out = digit.copy()
    x0, y0, x1, y1 = ink_box(out)
    y = int(round(y0 + rng.uniform(0.45, 0.62) * (y1 - y0)))
    row = np.nonzero(out[y] > 0.3)[0]
    centre = float(row.mean()) if row.size else (x0 + x1) / 2
    half = rng.uniform(0.18, 0.3) * (y1 - y0 + 1)
    tilt = math.tan(math.radians(rng.uniform(-8, 8))) * half
    centre += rng.uniform(-1, 1)
    draw_segment(out, (centre - half, y + tilt), (centre + half, y - tilt), rng.uniform(1.8, 2.8))
    return out


# ---------------------------------------------------------------- geometry

def elastic(digit, rng, alpha=None, sigma=4.0):
    """Elastic distortion (Simard et al. 2003): the digit resampled along a
    smoothed random displacement field, the way one hand differs from another."""
    h, w = digit.shape
    alpha = rng.uniform(12, 30) if alpha is None else alpha
    dx = gaussian_blur(rng.uniform(-1, 1, (h, w)), sigma) * alpha
    dy = gaussian_blur(rng.uniform(-1, 1, (h, w)), sigma) * alpha
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float64)
    return bilinear(digit, xs + dx, ys + dy)


def bilinear(src, xs, ys):
    h, w = src.shape
    padded = np.pad(src, 1)
    xs, ys = xs + 1, ys + 1
    x0 = np.floor(xs).astype(int)
    y0 = np.floor(ys).astype(int)
    fx, fy = xs - x0, ys - y0
    inside = (x0 >= 0) & (y0 >= 0) & (x0 < w + 1) & (y0 < h + 1)
    x0c, y0c = np.clip(x0, 0, w), np.clip(y0, 0, h)
    x1c, y1c = np.clip(x0 + 1, 0, w + 1), np.clip(y0 + 1, 0, h + 1)
    v = (padded[y0c, x0c] * (1 - fx) * (1 - fy) + padded[y0c, x1c] * fx * (1 - fy)
         + padded[y1c, x0c] * (1 - fx) * fy + padded[y1c, x1c] * fx * fy)
    return np.where(inside, v, 0.0)


def place_digit(digit, w, h, rng, profile):
    """Maps the digit into a w x h crop with random size, slant, rotation, shift."""
    x0, y0, x1, y1 = ink_box(digit, 0.1)
    sx, sy = (x0 + x1 + 1) / 2, (y0 + y1 + 1) / 2
    src_h = y1 - y0 + 1
    if profile == TRAIN:
        size = rng.uniform(0.55, 1.02)
        aspect = rng.uniform(0.8, 1.2)
        angle = math.radians(np.clip(rng.normal(0, 6), -15, 15))
        shear = rng.uniform(-0.35, 0.35)
        jitter = 0.07
    else:
        size = rng.uniform(0.6, 0.95)
        aspect = rng.uniform(0.88, 1.12)
        angle = math.radians(np.clip(rng.normal(0, 4), -10, 10))
        shear = rng.uniform(-0.25, 0.25)
        jitter = 0.06
    k = size * h / src_h
    half_w = k * aspect * (x1 - x0 + 1) / 2
    half_h = k * src_h / 2
    slack_x = max(0.0, w / 2 - half_w) + 0.04 * w  # digits may touch or just cross the edges
    slack_y = max(0.0, h / 2 - half_h) + 0.04 * h
    cx = w / 2 + np.clip(rng.normal(0, jitter * w), -slack_x, slack_x)
    cy = h / 2 + np.clip(rng.normal(0, jitter * h), -slack_y, slack_y)
    # forward: source offset -> scale (x by aspect) -> shear -> rotate -> translate
    a = np.array([[k * aspect, 0.0], [0.0, k]])
    a = np.array([[1.0, -shear], [0.0, 1.0]]) @ a
    c, s = math.cos(angle), math.sin(angle)
    a = np.array([[c, -s], [s, c]]) @ a
    inverse = np.linalg.inv(a)
    vs, us = np.mgrid[0:h, 0:w].astype(np.float64)
    du, dv = us + 0.5 - cx, vs + 0.5 - cy
    src_x = inverse[0, 0] * du + inverse[0, 1] * dv + sx - 0.5
    src_y = inverse[1, 0] * du + inverse[1, 1] * dv + sy - 0.5
    return bilinear(digit, src_x, src_y)


# ---------------------------------------------------------------- scanning

def border_remnants(img, rng, chance):
    """Grey box-line leftovers, 1-3 px, possibly skewed, at the crop edges."""
    h, w = img.shape
    for edge in range(4):
        if rng.random() >= chance:
            continue
        length = w if edge < 2 else h
        level = 255 * (1 - rng.uniform(0.25, 0.5))
        thick = rng.choice([1, 1.5, 2, 2.5, 3])
        start, end = rng.uniform(-1.5, 1.0), rng.uniform(-1.5, 1.0)
        along = np.arange(length) + 0.5
        offset = start + (end - start) * along / length  # depth where the line's inner side begins
        depth = np.arange(6)[:, None]
        cover = np.clip(np.minimum(depth + 1, offset + thick) - np.maximum(depth, np.maximum(offset, -10)), 0, 1)
        cover = np.where(depth < offset + thick, cover, 0)
        cover[0] = np.maximum(cover[0], np.clip(offset + thick, 0, 1) * (offset < 0))
        if rng.random() < 0.15:  # only part of the edge
            a = int(rng.uniform(0, 0.6) * length)
            cover[:, :a] = 0
        line = 255 - cover * (255 - level)  # [6, length]
        n = min(6, h if edge < 2 else w)
        if edge == 0:
            img[:n] = np.minimum(img[:n], line[:n])
        elif edge == 1:
            img[h - n:] = np.minimum(img[h - n:], line[:n][::-1])
        elif edge == 2:
            img[:, :n] = np.minimum(img[:, :n], line[:n].T)
        else:
            img[:, w - n:] = np.minimum(img[:, w - n:], line[:n].T[:, ::-1])


def crop_size(rng, dpi):
    h = max(12, int(round(dpi * 0.167 * rng.uniform(0.9, 1.2))))
    w = max(10, int(round(h * rng.uniform(0.75, 0.9))))
    return w, h


def render_box(digit, label, rng, profile=TRAIN, dpi=None):
    """digit: [28, 28] float 0..1 (white on black) or None for a blank box.
    Returns a [h, w] uint8 crop, dark ink on white paper."""
    train = profile == TRAIN
    if dpi is None:
        dpi = rng.uniform(200, 320) if rng.random() < 0.65 else rng.uniform(320, 600)
    w, h = crop_size(rng, dpi)
    paper = rng.uniform(225, 255) if train else rng.uniform(232, 255)
    img = np.full((h, w), paper)
    if digit is not None:
        swedish = 0.5 if train else 0.3
        if label == 1 and rng.random() < swedish:
            digit = swedish_one(digit, rng)
        elif label == 7 and rng.random() < swedish:
            digit = swedish_seven(digit, rng)
        if train and rng.random() < ELASTIC_SHARE:
            digit = elastic(digit, rng)
        field = place_digit(digit, w, h, rng, profile)
        t = rng.uniform(0.25, 0.65) if train else rng.uniform(0.3, 0.6)
        soft = rng.uniform(0.05, min(0.3, 2 * (t - 0.15)))  # edge sharpness, no wide grey halo
        ink = np.clip((field - t) / soft + 0.5, 0, 1)
        r = rng.random()
        if train and r < 0.15:
            ink = morph(ink, True)
        elif train and r < 0.25:
            ink = morph(ink, False)
        light = rng.random() < 0.3
        pen = rng.uniform(100, 180) if light else rng.uniform(0, 70)
        img = paper - ink * (paper - pen)
    elif rng.random() < 0.3:  # stray specks on an otherwise blank box
        for _ in range(rng.integers(1, 4)):
            size = rng.integers(1, 3)
            y, x = rng.integers(0, h - size), rng.integers(0, w - size)
            img[y:y + size, x:x + size] = rng.uniform(0, 150)
    border_remnants(img, rng, 0.45 if train else 0.5)
    if rng.random() < 0.75:
        sigma = (rng.uniform(0.2, 1.1) if train else rng.uniform(0.3, 0.9)) * max(1.0, dpi / 300)
        img = gaussian_blur(img, sigma)
    pen = pen if digit is not None else rng.uniform(0, 70)
    if pen < 100 and rng.random() < 0.2:  # a faint scan of a dark pen
        factor = rng.uniform(0.55, 0.9)
        img = 255 - (255 - img) * factor
        pen = 255 - (255 - pen) * factor
    fax = rng.random() < (0.12 if train else 0.1)
    if fax:  # binarised at a threshold somewhere between the pen and the paper
        img = sensor_noise(img, rng, 6)
        img = np.where(binarise(img, pen + rng.uniform(0.3, 0.7) * (paper - pen)), 255.0, 0.0)
    else:
        img = sensor_noise(img, rng, rng.uniform(0, 8) if train else rng.uniform(1, 5))
        if rng.random() < (0.3 if train else 0.2):
            img = jpeg_like(np.clip(img, 0, 255), rng)
    return np.clip(np.round(img), 0, 255).astype(np.uint8)
