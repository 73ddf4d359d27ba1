"""The scanner (and the photocopier) in front of avbrott ingest: a filled
MASTER_DPI page as a scanner or a fax delivers it, and the files it is saved
in. The page-level steps live here (skew, print scale, the sheet on the
glass, uneven light, white point, dust, TIFF/PDF/JPEG/PNG files); blur,
noise and binarisation are the degradations shared with Training's box
renders (python/avbrott_degrade.py).
"""
import math
import time
from dataclasses import dataclass

import numpy as np
from PIL import Image

from avbrott_degrade import binarise, fax_line_defects, gaussian_blur, sensor_noise
from drawing import MASTER_DPI, px

# Blur kernels end at 3 sigmas here, as when the committed scans were made
# (Training's boxes use 2.5).
BLUR_TRUNCATE = 3


# ------------------------------------------------------------------ scanning

@dataclass
class ScanSpec:
    dpi: int = 300
    mode: str = "grey"        # grey | bw | fax
    skew: float = 0.0         # degrees, positive = content turned counter-clockwise as seen
    print_scale: float = 1.0  # the printer's fit-to-page shrink
    rotation: int = 0         # 0 or 180: how the sheet lay on the glass
    blur: float = 0.7         # Gaussian sigma in output pixels
    noise: float = 0.012
    shading: float = 0.06     # depth of uneven brightness
    threshold: float = 0.55   # bw and fax only
    specks: int = 0           # dust / toner specks


def scan(page, spec, rng):
    """Renders a filled 300 dpi page (0..1 grey) as a scanner would deliver it."""
    H, W = page.shape
    s_out = spec.dpi / MASTER_DPI
    Wo, Ho = int(round(W * s_out)), int(round(H * s_out))
    cx, cy = W / 2, H / 2
    a = math.radians(spec.skew)
    # output px -> master px: undo the dpi change, the skew and the print scale.
    ca, sa = math.cos(a), math.sin(a)
    k = 1.0 / s_out

    def affine(scale):
        # out (u,v) -> master (x,y): m = k*(u,v) - c; rotate by -a (screen rotation by +a is
        # counter-clockwise with y down, i.e. x' = x cos a + y sin a, y' = -x sin a + y cos a), / scale.
        # Forward: p_out = c + R(a) * scale * (p - c), R(a) = [[ca, sa], [-sa, ca]].
        # Inverse: p = c + R(-a) (p_out - c) / scale, R(-a) = [[ca, -sa], [sa, ca]].
        A = np.array([[ca, -sa], [sa, ca]]) / scale
        M = A * k
        off = np.array([cx, cy]) - A @ np.array([cx, cy])
        return (M[0, 0], M[0, 1], off[0], M[1, 0], M[1, 1], off[1])

    src = Image.fromarray(page.astype(np.float32))
    content = src.transform((Wo, Ho), Image.AFFINE, affine(spec.print_scale), resample=Image.BICUBIC,
                            fillcolor=1.0)
    # The sheet itself (only skewed), against the scanner lid.
    ones = Image.fromarray(np.ones_like(page, dtype=np.float32))
    sheet_mask = np.asarray(ones.transform((Wo, Ho), Image.AFFINE, affine(1.0), resample=Image.BILINEAR,
                                           fillcolor=0.0), dtype=np.float32)
    img = np.asarray(content, dtype=np.float32).copy()
    # Where the print scale shrank the content, the paper margin is plain paper.
    lid = 0.92
    # The shadow along the sheet's edge, blurred at a quarter of the resolution (cheap).
    small = np.asarray(Image.fromarray(sheet_mask).resize((Wo // 4, Ho // 4), Image.BOX), dtype=np.float32)
    edge = np.asarray(Image.fromarray(gaussian_blur(small, 1.0, BLUR_TRUNCATE)).resize((Wo, Ho), Image.BILINEAR),
                      dtype=np.float32)
    shadow = np.clip(1.0 - np.abs(edge - 0.5) * 2, 0, 1) * 0.35
    img = img * sheet_mask + lid * (1 - sheet_mask)
    img = img * (1 - shadow)
    if spec.rotation == 180:
        img = img[::-1, ::-1].copy()
    darkness = 1.0 - img  # where there is print or ink, before the lighting
    # Uneven brightness: a slow gradient plus a soft darker corner.
    # Computed on a coarse grid and scaled up: it varies slowly anyway.
    gh, gw = (Ho + 7) // 8, (Wo + 7) // 8
    yy, xx = np.mgrid[0:gh, 0:gw].astype(np.float32)
    yy, xx = yy * (Ho / gh), xx * (Wo / gw)
    gx, gy = rng.uniform(-1, 1), rng.uniform(-1, 1)
    grad = (gx * (xx / Wo - 0.5) + gy * (yy / Ho - 0.5))
    corner = np.exp(-(((xx - rng.uniform(0, Wo)) / (0.6 * Wo)) ** 2 + ((yy - rng.uniform(0, Ho)) / (0.6 * Ho)) ** 2))
    light = 1.0 - spec.shading * (0.5 + 0.5 * grad) - spec.shading * 0.6 * corner
    light = np.asarray(Image.fromarray(light.astype(np.float32)).resize((Wo, Ho), Image.BILINEAR), dtype=np.float32)
    paper_level = rng.uniform(0.93, 0.98)
    img = img * light * paper_level
    img = gaussian_blur(img, spec.blur, BLUR_TRUNCATE)
    # Ink never scans fully black.
    black = rng.uniform(0.06, 0.14)
    img = black + (1 - black) * img
    # Sensor noise, stronger in the dark parts than on the bare paper.
    img = sensor_noise(img, rng, spec.noise * (0.05 + 0.95 * darkness))
    for _ in range(spec.specks):
        x, y = int(rng.integers(0, Wo)), int(rng.integers(0, Ho))
        r = int(rng.integers(1, 3 if spec.dpi < 300 else 4))
        img[max(0, y - r):y + r, max(0, x - r):x + r] *= rng.uniform(0.2, 0.7)
    if spec.mode == "grey":
        # The scanner's automatic white point: the paper comes out near white.
        white = paper_level * 0.97
        img = np.clip(img / white, 0, 1)
        return Image.fromarray((img * 255 + 0.5).astype(np.uint8))
    bits = binarise(img, spec.threshold * paper_level)
    if spec.mode == "fax":
        bits = fax_line_defects(bits, rng)
    return Image.fromarray((bits * 255).astype(np.uint8)).convert("1", dither=Image.Dither.NONE)


def photocopy_blank(blank, warp, rng):
    """The blank after a trip through a photocopier: slightly scaled, turned and shifted, greyer, specks."""
    s, a, dx, dy = warp
    H, W = blank.shape
    cx, cy = W / 2, H / 2
    r = math.radians(a)
    ca, sa = math.cos(r), math.sin(r)
    # forward (matches Sheet.to_px): p' = c + s R p + d with R = [[ca, -sa], [sa, ca]]
    A = np.array([[ca, sa], [-sa, ca]]) / s
    off = np.array([cx, cy]) - A @ np.array([cx + px(dx), cy + px(dy)])
    img = Image.fromarray(blank.astype(np.float32)).transform(
        (W, H), Image.AFFINE, (A[0, 0], A[0, 1], off[0], A[1, 0], A[1, 1], off[1]),
        resample=Image.BICUBIC, fillcolor=1.0)
    out = np.asarray(img, dtype=np.float32).copy()
    out = np.clip(out * 0.97 + 0.01, 0, 1)
    out = np.where(out < 0.5, out * 0.7, out)  # toner: dark parts darker
    for _ in range(60):
        x, y = int(rng.integers(0, W)), int(rng.integers(0, H))
        out[y:y + 2, x:x + 2] *= 0.4
    return out


# ------------------------------------------------------------------ writing files

def save(path, images, fmt, dpi):
    if fmt == "jpeg":
        assert len(images) == 1
        images[0].save(path, "JPEG", quality=80, optimize=True, dpi=(dpi, dpi))
    elif fmt == "png":
        assert len(images) == 1
        images[0].save(path, "PNG", optimize=True, dpi=(dpi, dpi))
    elif fmt == "tiff":
        comp = "group4" if all(im.mode == "1" for im in images) else "tiff_lzw"
        images[0].save(path, "TIFF", compression=comp, dpi=(dpi, dpi), save_all=True,
                       append_images=images[1:])
    elif fmt == "pdf":
        fixed = time.struct_time((2026, 10, 19, 8, 0, 0, 0, 292, 0))
        images[0].save(path, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:],
                       title="Skannade blad", producer="SampleScans/generate.py",
                       creationDate=fixed, modDate=fixed)
    else:
        raise ValueError(fmt)
