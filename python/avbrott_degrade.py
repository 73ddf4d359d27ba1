"""What a scanner or a fax does to ink on paper: the degradations shared by
Training's comb-box renders (Training/digits/render.py) and SampleScans'
scanner (SampleScans/scanning.py).

Images are grey numpy arrays, dark ink on light paper, in whatever scale the
caller works in (0..255 or 0..1); float32 images stay float32 (a page at 300
dpi has 8.7 million pixels), float64 ones float64. Every random draw comes
from the generator passed in, so a seed reproduces the result.
"""
import math

import numpy as np


def gaussian_blur(img, sigma, truncate=2.5):
    """Separable Gaussian blur with the edges extended. The kernel ends at
    `truncate` sigmas: the box renders were made with 2.5, the page scans with 3."""
    radius = max(1, int(math.ceil(truncate * sigma)))
    x = np.arange(-radius, radius + 1)
    kernel = np.exp(-x * x / (2 * sigma * sigma))
    kernel /= kernel.sum()
    kernel = kernel.astype(img.dtype, copy=False)
    h, w = img.shape
    padded = np.pad(img, radius, mode="edge")
    rows = np.zeros((h + 2 * radius, w), dtype=img.dtype)
    for i, k in enumerate(kernel):
        rows += k * padded[:, i:i + w]
    out = np.zeros_like(img)
    for i, k in enumerate(kernel):
        out += k * rows[i:i + h]
    return out


def sensor_noise(img, rng, sigma):
    """Adds Gaussian noise; sigma is one figure, or an array of one per pixel
    (noise that is stronger in the ink than on the paper)."""
    return img + rng.standard_normal(img.shape).astype(img.dtype, copy=False) * sigma


def morph(img, grow):
    """3 x 3 grey dilation (grow) or erosion of an ink layer (ink high): a
    thicker or a thinner pen."""
    padded = np.pad(img, 1, mode="edge")
    stack = [padded[dy:dy + img.shape[0], dx:dx + img.shape[1]] for dy in range(3) for dx in range(3)]
    return np.max(stack, axis=0) if grow else np.min(stack, axis=0)


def jpeg_like(img, rng):
    """8x8 block DCT quantisation of a 0..255 image, like a low-quality JPEG."""
    h, w = img.shape
    ph, pw = -h % 8, -w % 8
    padded = np.pad(img, ((0, ph), (0, pw)), mode="edge") - 128
    n = np.arange(8)
    basis = np.cos((2 * n[None, :] + 1) * n[:, None] * math.pi / 16) * np.sqrt(2 / 8)
    basis[0] /= math.sqrt(2)
    step = rng.uniform(6, 30) * (1 + 0.5 * (n[:, None] + n[None, :]))
    blocks = padded.reshape(padded.shape[0] // 8, 8, padded.shape[1] // 8, 8).transpose(0, 2, 1, 3)
    coeff = basis @ blocks @ basis.T
    coeff = np.round(coeff / step) * step
    back = basis.T @ coeff @ basis
    return (back.transpose(0, 2, 1, 3).reshape(padded.shape) + 128)[:h, :w]


def binarise(img, level):
    """One bit per pixel, as a fax or a bi-level scan keeps it: True (paper)
    where the image is brighter than level."""
    return img > level


def fax_line_defects(paper, rng):
    """A fax line's damage to a binarised page (True = paper): single bits
    flipped, and a few scan lines repeated from the line above, half of them
    then mostly lost to white."""
    paper = paper ^ (rng.random(paper.shape) < 0.003)
    h, w = paper.shape
    for _ in range(int(rng.integers(4, 9))):
        y = int(rng.integers(0, h - 2))
        if y > 0:
            paper[y] = paper[y - 1]
        if rng.random() < 0.5:
            paper[y] |= rng.random(w) < 0.7
    return paper
