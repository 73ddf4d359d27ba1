"""Handwriting on a sheet: real MNIST digits in the comb boxes, handwriting
fonts for text, ticks and crosses, scribbled signatures, and the typed foreign
letter. Everything is drawn at MASTER_DPI into an ink layer over the printed
blank; every random draw comes from the generator passed in.
"""
import math
import os
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageDraw, ImageFont

import avbrott_mnist

MASTER_DPI = 300  # the blanks are rasterised, written on and kept at this resolution until the scan

# Debian packages: fonts-dkg-handwriting, fonts-breip, fonts-comic-neue (handwriting),
# fonts-dejavu-core (the typed foreign letter).
HAND_FONTS = [
    "/usr/share/fonts/truetype/fifthhorseman/dkg.ttf",
    "/usr/share/fonts/truetype/fifthhorseman/dkgIt.ttf",
    "/usr/share/fonts/truetype/breip/Breip.ttf",
    "/usr/share/fonts/truetype/breip/breipfont.ttf",
    "/usr/share/fonts/opentype/comic-neue/ComicNeue-Italic.otf",
]
LETTER_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
LETTER_FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"

# Ink strength (1 - luminance of the pen on white paper).
PENS = {"black": 0.90, "blue-black": 0.80, "blue": 0.68, "light": 0.48}


def px(mm):
    """Millimetres on the sheet in pixels at MASTER_DPI."""
    return mm * MASTER_DPI / 25.4


# ------------------------------------------------------------------ digits

class Digits:
    """Handwritten digits from the shared MNIST file, only from the rows samples may use."""

    def __init__(self):
        images, _, self.sha256 = avbrott_mnist.load()
        self.images = images.astype(np.float32)  # a page is drawn in float32
        self.pools = [avbrott_mnist.pool_rows(d) for d in range(10)]
        self.used_rows = set()

    def sample(self, rng, d):
        row = int(rng.choice(self.pools[d]))
        assert not avbrott_mnist.is_reserved(row)
        self.used_rows.add(row)
        img = self.images[row]
        ys, xs = np.nonzero(img > 0.12)
        return img[ys.min():ys.max() + 1, xs.min():xs.max() + 1]

    def truth(self):
        """The digits block of truth.json: the source, the rule and how much of it was used."""
        return {
            "source": avbrott_mnist.SOURCE,
            "sha256": self.sha256,
            "rule": avbrott_mnist.RESERVED_RULE,
            "rows_used": len(self.used_rows),
            "max_row_within_label": (max(r % avbrott_mnist.ROWS_PER_LABEL for r in self.used_rows)
                                     if self.used_rows else None),
        }


# ------------------------------------------------------------------ writers and drawing

@dataclass
class Writer:
    font: str
    pen: str
    slant: float        # degrees, positive leans right
    size: float         # relative letter size
    thin: float         # digit stroke crispness threshold (higher = thinner strokes)
    width: float        # digit width factor
    stroke: float       # pen width in mm for ticks and signatures
    text_stroke: int = None
    _fonts: dict = field(default_factory=dict)

    @property
    def strength(self):
        return PENS[self.pen]

    def font_at(self, size):
        size = max(8, int(round(size)))
        if size not in self._fonts:
            self._fonts[size] = ImageFont.truetype(self.font, size)
        return self._fonts[size]


def usable_fonts():
    """Handwriting fonts that are installed and have å, ä, ö, Å, Ä, Ö."""
    ok = []
    for path in HAND_FONTS:
        if not os.path.exists(path):
            continue
        f = ImageFont.truetype(path, 40)
        good = True
        for ch, base in [("å", "a"), ("ä", "a"), ("ö", "o"), ("Å", "A"), ("Ä", "A"), ("Ö", "O")]:
            m, b = f.getmask(ch), f.getmask(base)
            if f.getbbox(ch) is None or m.size == (0, 0) or bytes(m) == bytes(b) or f.getbbox(ch)[3] <= f.getbbox(ch)[1]:
                good = False
        if good:
            ok.append(path)
    if len(ok) < 2:
        raise SystemExit("handwriting fonts missing: apt-get install fonts-dkg-handwriting fonts-breip fonts-comic-neue")
    return ok


def make_writer(rng, fonts, pen=None):
    if pen is None:
        pen = str(rng.choice(["black", "blue-black", "blue-black", "blue", "black"]))
    return Writer(font=str(rng.choice(fonts)), pen=pen, slant=float(rng.uniform(-4, 12)),
                  size=float(rng.uniform(0.9, 1.1)), thin=float(rng.uniform(0.25, 0.5)),
                  width=float(rng.uniform(0.85, 1.1)), stroke=float(rng.uniform(0.3, 0.55)))


class Sheet:
    """A blank sheet being filled: grey paper (0..1) plus an ink density layer."""

    def __init__(self, blank, warp=None):
        self.paper = blank
        self.ink = np.zeros_like(blank)
        # mm on the form -> px on this sheet; a photocopied blank is slightly shifted and rotated.
        self.warp = warp or (1.0, 0.0, 0.0, 0.0)  # scale, angle (deg), dx mm, dy mm
        h, w = blank.shape
        self.centre_mm = (w / 2 * 25.4 / MASTER_DPI, h / 2 * 25.4 / MASTER_DPI)

    def to_px(self, x_mm, y_mm):
        s, a, dx, dy = self.warp
        cx, cy = self.centre_mm
        ca, sa = math.cos(math.radians(a)), math.sin(math.radians(a))
        x, y = x_mm - cx, y_mm - cy
        return px(cx + s * (ca * x - sa * y) + dx), px(cy + s * (sa * x + ca * y) + dy)

    def rect_px(self, r):
        x0, y0 = self.to_px(r["x"], r["y"])
        scale = self.warp[0]
        return x0, y0, x0 + px(r["width"]) * scale, y0 + px(r["height"]) * scale

    def blend(self, alpha, left, top, strength):
        """Adds ink (alpha 0..1 array) with its top-left at integer pixel (left, top)."""
        h, w = alpha.shape
        H, W = self.ink.shape
        x0, y0 = max(0, left), max(0, top)
        x1, y1 = min(W, left + w), min(H, top + h)
        if x1 <= x0 or y1 <= y0:
            return
        a = alpha[y0 - top:y1 - top, x0 - left:x1 - left] * strength
        region = self.ink[y0:y1, x0:x1]
        np.maximum(region, a, out=region)

    def result(self):
        return self.paper * (1.0 - self.ink)


def draw_polyline(sheet, pts, width_px, strength, rng=None):
    """Antialiased pen stroke through points (px), drawn 4x supersampled."""
    pts = np.asarray(pts, dtype=np.float64)
    ss = 4
    pad = width_px + 3
    x0, y0 = int(math.floor(pts[:, 0].min() - pad)), int(math.floor(pts[:, 1].min() - pad))
    x1, y1 = int(math.ceil(pts[:, 0].max() + pad)), int(math.ceil(pts[:, 1].max() + pad))
    w, h = x1 - x0, y1 - y0
    im = Image.new("L", (w * ss, h * ss), 0)
    d = ImageDraw.Draw(im)
    local = [((x - x0) * ss, (y - y0) * ss) for x, y in pts]
    # Pressure: the width varies slowly along the stroke.
    n = len(local)
    chunk = 6
    for i in range(0, n - 1, chunk):
        seg = local[i:min(n, i + chunk + 1)]
        f = 1.0 if rng is None else float(rng.uniform(0.8, 1.15))
        wpx = max(1, int(round(width_px * ss * f)))
        d.line(seg, fill=255, width=wpx, joint="curve")
        for (sx, sy) in (seg[0], seg[-1]):
            r = wpx / 2
            d.ellipse([sx - r, sy - r, sx + r, sy + r], fill=255)
    im = im.reduce(ss)
    sheet.blend(np.asarray(im, dtype=np.float32) / 255.0, x0, y0, strength)


def smooth_curve(ctrl, per_segment=12):
    """Catmull-Rom spline through control points."""
    ctrl = np.asarray(ctrl, dtype=np.float64)
    p = np.vstack([ctrl[0], ctrl, ctrl[-1]])
    out = []
    t = np.linspace(0, 1, per_segment, endpoint=False)[:, None]
    for i in range(1, len(p) - 2):
        p0, p1, p2, p3 = p[i - 1], p[i], p[i + 1], p[i + 2]
        out.append(0.5 * ((2 * p1) + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t ** 2
                          + (-p0 + 3 * p1 - 3 * p2 + p3) * t ** 3))
    out.append(p[-2][None, :])
    return np.vstack(out)


def draw_digit(sheet, rng, digits, d, box, writer, touch=False):
    x0, y0, x1, y1 = box
    bw, bh = x1 - x0, y1 - y0
    crop = digits.sample(rng, d)
    ch, cw = crop.shape
    target_h = bh * rng.uniform(0.70, 0.90)
    scale = target_h / ch
    width = cw * scale * writer.width * rng.uniform(0.92, 1.08)
    if width > bw * 0.76:
        width = bw * 0.76
    height = target_h
    im = Image.fromarray((crop * 255).astype(np.uint8)).resize(
        (max(2, int(round(width))), max(2, int(round(height)))), Image.BICUBIC)
    angle = -writer.slant * 0.6 + rng.normal(0, 2.5)
    im = im.rotate(float(np.clip(angle, -10, 10)), resample=Image.BICUBIC, expand=True)
    a = np.asarray(im, dtype=np.float32) / 255.0
    lo = writer.thin + rng.uniform(-0.05, 0.05)
    a = np.clip((a - lo) / 0.35, 0, 1)
    ys, xs = np.nonzero(a > 0.3)
    if len(ys) == 0:
        return
    ih, iw = a.shape
    cx = x0 + bw / 2 + rng.uniform(-0.08, 0.08) * bw
    cy = y0 + bh / 2 + rng.uniform(-0.07, 0.07) * bh
    left, top = cx - iw / 2, cy - ih / 2
    if touch:
        # The digit runs into the box's edge (a common slip).
        side = rng.choice(["bottom", "top", "right"])
        if side == "bottom":
            top = y1 + 2 - ys.max()
        elif side == "top":
            top = y0 - 2 - ys.min()
        else:
            left = x1 + 2 - xs.max()
    sheet.blend(a, int(round(left)), int(round(top)), writer.strength)


def glyph_stroke(font):
    """The stroke width (px) of a font at its size, measured across an 'l'."""
    m = np.asarray(font.getmask("l"), dtype=np.uint8).reshape(font.getmask("l").size[::-1])
    if m.size == 0:
        return 1.0
    mid = m[m.shape[0] // 3: 2 * m.shape[0] // 3]
    return float(np.median((mid > 127).sum(axis=1))) if len(mid) else 1.0


def render_text(writer, text, cap_px, rng):
    """Renders one line of handwriting; returns (alpha array, baseline y, width)."""
    base_font = writer.font_at(100)
    bbox = base_font.getbbox("H", anchor="ls")
    cap100 = -bbox[1]
    size = cap_px * 100.0 / cap100
    font = writer.font_at(size)
    # Fonts draw thinner lines than a ballpoint: thicken to the writer's pen width.
    # One thickening per writer (set on first use), so a page's lines look alike.
    if writer.text_stroke is None:
        ratio = glyph_stroke(writer.font_at(100)) / 100.0
        writer.text_stroke = max(0, int(round((px(writer.stroke * 0.8) - ratio * size) / 2)))
    stroke = writer.text_stroke
    asc = int(size * 1.3)
    desc = int(size * 0.6)
    width_est = int(font.getlength(text) * 1.15 + size * 2)
    im = Image.new("L", (width_est, asc + desc), 0)
    d = ImageDraw.Draw(im)
    x = size * 0.3
    drift = rng.normal(0, 0.015)
    for i, ch in enumerate(text):
        if ch == " ":
            x += font.getlength(" ") * rng.uniform(0.8, 1.3)
            continue
        s = size * rng.uniform(0.94, 1.06)
        f = writer.font_at(s)
        y = asc + rng.normal(0, size * 0.025) + drift * x
        d.text((x, y), ch, font=f, fill=255, anchor="ls", stroke_width=stroke, stroke_fill=255)
        x += f.getlength(ch) * rng.uniform(0.95, 1.06)
    right = int(min(width_est, x + size * 0.3))
    im = im.crop((0, 0, right, asc + desc))
    shear = math.tan(math.radians(writer.slant * 0.5 + rng.normal(0, 1.5)))
    w, h = im.size
    extra = int(abs(shear) * h) + 2
    # Slant: x_in = x_out + shear * (y - h) + off keeps every row inside the wider image.
    off = 0.0 if shear > 0 else shear * h
    im = im.transform((w + extra, h), Image.AFFINE, (1, shear, -shear * h + off, 0, 1, 0),
                      resample=Image.BICUBIC)
    a = np.asarray(im, dtype=np.float32) / 255.0
    return a, asc, x


def draw_text_line(sheet, rng, writer, text, x_left, baseline, max_width, cap_px):
    for _ in range(8):
        a, asc, wdt = render_text(writer, text, cap_px, rng)
        if wdt <= max_width:
            break
        cap_px *= max(0.7, max_width / wdt * 0.97)
    sheet.blend(a, int(round(x_left)), int(round(baseline - asc)), writer.strength)


def draw_text_field(sheet, rng, writer, text, rect):
    x0, y0, x1, y1 = sheet.rect_px(rect)
    h = y1 - y0
    cap = min(h * rng.uniform(0.36, 0.46) * writer.size, px(3.6))
    baseline = y0 + h * rng.uniform(0.68, 0.78)
    left = x0 + px(rng.uniform(0.8, 2.2))
    draw_text_line(sheet, rng, writer, text, left, baseline, (x1 - left) - px(1.0), cap)


def ruled_lines(sheet, rect):
    """Baselines (px) of the printed writing lines inside a lines block."""
    x0, y0, x1, y1 = [int(round(v)) for v in sheet.rect_px(rect)]
    band = sheet.paper[y0:y1, x0 + (x1 - x0) // 4: x1 - (x1 - x0) // 4]
    dark = (band < 0.8).mean(axis=1) > 0.9
    rows = np.nonzero(dark)[0]
    lines = []
    for r in rows:
        if not lines or r - lines[-1][-1] > 2:
            lines.append([r])
        else:
            lines[-1].append(r)
    return [y0 + float(np.mean(g)) for g in lines], x0, x1


def draw_lines_field(sheet, rng, writer, lines_text, rect):
    baselines, x0, x1 = ruled_lines(sheet, rect)
    if len(baselines) < len(lines_text):
        raise SystemExit(f"only {len(baselines)} ruled lines for {len(lines_text)} lines of text")
    gap = baselines[1] - baselines[0] if len(baselines) > 1 else px(8)
    for text, base in zip(lines_text, baselines):
        cap = gap * rng.uniform(0.30, 0.36) * writer.size
        left = x0 + px(rng.uniform(0.5, 3.0))
        draw_text_line(sheet, rng, writer, text, left, base - px(rng.uniform(0.6, 1.4)),
                       (x1 - left) - px(2), cap)


def draw_checkmark(sheet, rng, writer, rect, style):
    x0, y0, x1, y1 = sheet.rect_px(rect)
    w, h = x1 - x0, y1 - y0
    sw = px(writer.stroke)
    j = lambda s=0.06: rng.normal(0, s)
    if style == "tick":
        pts = [(x0 + w * (0.15 + j()), y0 + h * (0.5 + j())), (x0 + w * (0.42 + j()), y0 + h * (0.85 + j())),
               (x0 + w * (0.95 + j(0.1)), y0 + h * (-0.15 + j(0.1)))]
        draw_polyline(sheet, smooth_curve(pts, 6), sw, writer.strength, rng)
    elif style == "cross":
        for a, b in [((0.1, 0.1), (0.9, 0.9)), ((0.9, 0.1), (0.1, 0.9))]:
            pts = [(x0 + w * (a[0] + j()), y0 + h * (a[1] + j())), (x0 + w * (b[0] + j()), y0 + h * (b[1] + j()))]
            draw_polyline(sheet, pts, sw, writer.strength, rng)
    else:  # filled: a dense scribble inside the box
        pts = []
        n = 7
        for i in range(n):
            yy = y0 + h * (0.12 + 0.76 * i / (n - 1))
            pts.append((x0 + w * (0.12 + j(0.03)) if i % 2 == 0 else x0 + w * (0.88 + j(0.03)), yy + j(1)))
        draw_polyline(sheet, smooth_curve(pts, 5), max(sw, px(0.6)), writer.strength, rng)


def draw_signature(sheet, rng, writer, rect):
    """A scribbled signature: a capital, a run of loops or waves, sometimes a flourish."""
    x0, y0, x1, y1 = sheet.rect_px(rect)
    w, h = x1 - x0, y1 - y0
    strokes = []
    cx = x0 + w * rng.uniform(0.06, 0.18)
    top, bottom = y0 + h * rng.uniform(0.05, 0.25), y0 + h * rng.uniform(0.72, 0.95)
    kind = int(rng.integers(0, 3))
    if kind == 0:    # a tall loop with a bowl
        cap = [(cx, bottom), (cx - w * 0.03, (top + bottom) / 2), (cx + w * 0.02, top),
               (cx + w * 0.08, top + h * 0.15), (cx + w * 0.02, (top + bottom) / 2), (cx + w * 0.09, bottom - h * 0.1)]
    elif kind == 1:  # an open oval
        t = np.linspace(0.3, 2 * np.pi + 0.6, 14)
        rx, ry = w * rng.uniform(0.04, 0.08), (bottom - top) / 2
        cap = [(cx + rx * math.cos(a), (top + bottom) / 2 + ry * math.sin(a)) for a in t]
    else:            # a tall down-stroke with a cross-bar
        cap = [(cx + w * 0.02, top), (cx - w * 0.01, bottom)]
        strokes.append([(cx - w * 0.05, top + h * 0.2), (cx + w * 0.09, top + h * 0.1)])
    strokes.append(cap)
    # The rest of the name: a prolate cycloid gives loops when r > v, waves when r < v.
    start = cx + w * rng.uniform(0.06, 0.12)
    end = x0 + w * rng.uniform(0.6, 0.97)
    n = int(rng.integers(3, 9))
    tt = np.linspace(0, n * 2 * np.pi, n * 14)
    v = (end - start) / (n * 2 * np.pi)
    r = v * rng.uniform(0.4, 1.8)
    amp = h * rng.uniform(0.10, 0.25)
    env = 1 + 0.35 * np.sin(tt / (n * 2) * rng.uniform(1, 4) + rng.uniform(0, 6))
    mid = y0 + h * rng.uniform(0.5, 0.7)
    slope = rng.normal(0, 0.08) * h
    xs = start + v * tt - r * np.sin(tt)
    ys = mid - amp * env * (1 - np.cos(tt)) / 2 + slope * tt / tt[-1] + rng.normal(0, h * 0.01, tt.size)
    strokes.append(np.stack([xs, ys], axis=1))
    if rng.random() < 0.45:  # a flourish underneath
        yy = y0 + h * rng.uniform(0.8, 0.95)
        strokes.append(smooth_curve([(start - w * 0.05, yy), ((start + end) / 2, yy + h * rng.normal(0, 0.05)),
                                     (end + w * 0.02, yy - h * 0.1)], 10))
    elif rng.random() < 0.3:  # a dot
        dx, dy = end - w * 0.1, mid - amp * 1.6
        strokes.append([(dx, dy), (dx + 2, dy + 1)])
    sw = px(writer.stroke * rng.uniform(0.8, 1.1))
    for st in strokes:
        st = np.asarray(st, dtype=np.float64)
        draw_polyline(sheet, smooth_curve(st, 4) if len(st) < 20 else st, sw, writer.strength, rng)


# ------------------------------------------------------------------ filling a form

def fill_sheet(sheet, rng, layout, content, digits, page_writer):
    """Draws the written values of a content.FormContent onto the sheet."""
    for f in layout["fields"]:
        value = content.values.get(f["id"])
        if value is None or value is False:
            continue
        w = content.writers.get(f["id"], page_writer)
        kind = f["kind"]
        if kind == "digits":
            boxes = f["boxes"]
            assert len(value) == len(boxes), (f["id"], value)
            for ch, box in zip(value, boxes):
                if ch == " ":
                    continue
                draw_digit(sheet, rng, digits, int(ch), sheet.rect_px(box), w, touch=rng.random() < 0.05)
        elif kind == "text":
            if isinstance(value, list):
                draw_lines_field(sheet, rng, w, value, f["rect"])
            else:
                draw_text_field(sheet, rng, w, value, f["rect"])
        elif kind == "choice":
            options = {o["value"]: o for o in f["options"]}
            for v in value["values"]:
                draw_checkmark(sheet, rng, w, options[v]["rect"], value.get("style", "cross"))
        elif kind == "signature":
            draw_signature(sheet, rng, w, f["rect"])


# ------------------------------------------------------------------ the foreign page

def foreign_letter(rng, fonts, letter):
    """content.LETTER typed on A4 portrait (300 dpi) and signed in blue."""
    W, H = int(round(px(210))), int(round(px(297)))
    im = Image.new("L", (W, H), 255)
    d = ImageDraw.Draw(im)
    big = ImageFont.truetype(LETTER_FONT_BOLD, int(px(6)))
    body = ImageFont.truetype(LETTER_FONT, int(px(3.6)))
    small = ImageFont.truetype(LETTER_FONT, int(px(3.0)))
    x = px(25)
    d.text((x, px(20)), letter["sender"], font=big, fill=0)
    d.text((x, px(30)), letter["sender_address"], font=small, fill=60)
    d.line([(x, px(36)), (W - x, px(36))], fill=0, width=4)
    y = px(50)
    for line in letter["recipient"]:
        d.text((px(115), y), line, font=body, fill=0)
        y += px(5.5)
    d.text((x, px(80)), letter["dateline"], font=body, fill=0)
    d.text((x, px(95)), letter["subject"], font=ImageFont.truetype(LETTER_FONT_BOLD, int(px(4.2))), fill=0)
    words, line, y = letter["body"].split(), "", px(110)
    for w in words:
        t = (line + " " + w).strip()
        if d.textlength(t, font=body) > W - 2 * x:
            d.text((x, y), line, font=body, fill=0)
            y += px(6)
            line = w
        else:
            line = t
    d.text((x, y), line, font=body, fill=0)
    y += px(16)
    d.text((x, y), letter["closing"], font=body, fill=0)
    d.text((x, y + px(25)), letter["signatory"], font=body, fill=0)
    arr = np.asarray(im, dtype=np.float32) / 255.0
    sheet = Sheet(arr)
    w = make_writer(rng, fonts, pen="blue")
    draw_signature(sheet, rng, w, {"x": 25, "y": (y + px(8)) * 25.4 / MASTER_DPI, "width": 55, "height": 14})
    return sheet.result()

