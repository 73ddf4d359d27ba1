"""Independent evaluation on the reserved digits (rows 400-499 of each label).

    cd Training/digits && python3 evaluate.py [--export /tmp/digits-heldout.avbx]

Renders each reserved digit as a scan-like box crop at 200 and at 300 dpi
(blur, noise, light pens, border remnants, JPEG, fax; render.EVAL), plus 200
blank crops, reads them with the reference recogniser from the model file and
reports per-digit accuracy, accuracy at 90/95/99 % coverage, and the effect of
the model's review threshold (chosen on the validation split). --export writes
the same crops for DigitBenchmark.run(exportFile:) in Swift.
"""
import argparse
import os
import struct

import numpy as np

import avbnet
import data
import render

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL = os.path.normpath(os.path.join(HERE, "..", "..", "Sources/Recognition/Resources/digits.avbnet"))
SEED = 4242
BLANKS = 200


def rendered_boxes(indices, copies, seed):
    """Each digit of `indices` rendered `copies` times at 200 and at 300 dpi
    with the evaluation degradations, then BLANKS blank boxes:
    [(label or None, dpi, crop)]."""
    images, labels, _ = data.load()
    rng = np.random.default_rng(seed)
    boxes = []
    for _ in range(copies):
        for i in indices:
            for dpi in (200, 300):
                boxes.append((int(labels[i]), dpi, render.render_box(images[i], labels[i], rng, render.EVAL, dpi)))
    for k in range(BLANKS):
        dpi = (200, 300)[k % 2]
        boxes.append((None, dpi, render.render_box(None, None, rng, render.EVAL, dpi)))
    return boxes


def held_out_boxes():
    """The reserved digits (rows 400-499), once each at 200 and 300 dpi."""
    return rendered_boxes(data.split_indices()[2], 1, SEED)


def validation_boxes():
    """The validation digits (rows 360-399) as the same kind of export: for
    choosing review thresholds with `avbrott benchmark recognition` without
    touching the reserved rows."""
    return rendered_boxes(data.split_indices()[1], 3, 77)


def clean_boxes():
    """The reserved digits as clean scans (300 dpi, black pen, white paper, no
    degradation): the setting closest to plain MNIST, for comparison."""
    images, labels, _ = data.load()
    _, _, reserved = data.split_indices()
    crops = []
    for i in reserved:
        # Upright, unslanted, 80 % of the box height, centred: a plain scaling of the MNIST image.
        x0, y0, x1, y1 = render.ink_box(images[i], 0.1)
        k = 0.8 * 50 / (y1 - y0 + 1)
        vs, us = np.mgrid[0:50, 0:40].astype(np.float64)
        field = render.bilinear(images[i], (us + 0.5 - 20) / k + (x0 + x1 + 1) / 2 - 0.5,
                                (vs + 0.5 - 25) / k + (y0 + y1 + 1) / 2 - 0.5)
        ink = np.clip((field - 0.45) / 0.15 + 0.5, 0, 1)
        crops.append(np.round(255 - 235 * ink).astype(np.uint8))
    return crops, labels[reserved]


def export(path, boxes):
    out = bytearray(b"AVBX" + struct.pack("<II", 1, len(boxes)))
    for label, dpi, crop in boxes:
        h, w = crop.shape
        out += struct.pack("<BBHH", 255 if label is None else label, dpi // 10, w, h) + crop.tobytes()
    with open(path, "wb") as f:
        f.write(bytes(out))


def coverage_table(conf, right, shares=(0.90, 0.95, 0.99, 1.0)):
    order = np.argsort(-conf)
    rows = []
    for share in shares:
        n = max(1, int(round(share * len(order))))
        top = order[:n]
        rows.append((share, right[top].mean(), conf[top].min()))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=MODEL)
    parser.add_argument("--export", help="write the held-out crops here (not committed)")
    parser.add_argument("--export-validation", metavar="PATH",
                        help="only write the validation crops (rows 360-399) here, for choosing thresholds, and stop")
    args = parser.parse_args()
    if args.export_validation:
        boxes = validation_boxes()
        export(args.export_validation, boxes)
        print(f"exported {len(boxes)} validation crops to {args.export_validation}")
        return
    header, members = avbnet.read(args.model)
    boxes = held_out_boxes()
    if args.export:
        export(args.export, boxes)
        print(f"exported {len(boxes)} crops to {args.export}")
    results = avbnet.read_boxes(header, members, [crop for _, _, crop in boxes])
    digit = np.array([label is not None for label, _, _ in boxes])
    labels = np.array([-1 if label is None else label for label, _, _ in boxes])
    dpis = np.array([dpi for _, dpi, _ in boxes])
    probs = np.stack([r[0] for r in results])
    blank = np.array([r[1] for r in results])
    pred = probs.argmax(1)
    conf = probs.max(1)
    right = pred == labels

    d = digit
    escalation = header.get("escalation")
    asked = (f"; every member asked below {escalation['below']} from the first" if escalation else "")
    print(f"model: {header['scriptVersion']}, {len(members)} members{asked}, "
          f"data sha256 {header['trainingData']['sha256'][:16]}…")
    print(f"held-out digit crops: {d.sum()} (reserved rows 400-499 of each label, 200 and 300 dpi)")
    print(f"accuracy: {right[d].mean():.4f}  (200 dpi {right[d & (dpis == 200)].mean():.4f}, "
          f"300 dpi {right[d & (dpis == 300)].mean():.4f})")
    print("per digit: " + ", ".join(f"{k}: {right[d & (labels == k)].mean():.3f}" for k in range(10)))
    for share, acc, thr in coverage_table(conf[d], right[d]):
        print(f"coverage {share:.0%}: accuracy {acc:.4f} (top probability >= {thr:.4f})")
    t = header["suggestedThreshold"]
    kept = d & (conf >= t)
    print(f"review threshold {t:.4f} (chosen on validation): flags {1 - kept.sum() / d.sum():.2%} of digits, "
          f"error among unflagged {1 - right[kept].mean():.4%}")
    order = np.argsort(-conf[d])
    errors = np.cumsum(~right[d][order]) / np.arange(1, d.sum() + 1)
    ok = np.nonzero(errors <= 0.005)[0]
    if len(ok):
        n = ok[-1] + 1
        print(f"threshold for <= 0.5 % errors on these crops (reported, not used by the model): "
              f"{conf[d][order][n - 1]:.4f}, flags {1 - n / d.sum():.2%}")
    crops, clean_labels = clean_boxes()
    clean = np.array([r[0].argmax() for r in avbnet.read_boxes(header, members, crops)])
    print(f"clean scans of the same 1 000 reserved digits: accuracy {(clean == clean_labels).mean():.4f}")
    print(f"blank crops read as blank (P > 0.5): {(blank[~d] > 0.5).mean():.3f}; "
          f"digits read as blank: {(blank[d] > 0.5).mean():.4f}")


if __name__ == "__main__":
    main()
