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


def held_out_boxes():
    images, labels, _ = data.load()
    _, _, reserved = data.split_indices()
    rng = np.random.default_rng(SEED)
    boxes = []  # (label or None, dpi, crop)
    for i in reserved:
        for dpi in (200, 300):
            boxes.append((int(labels[i]), dpi, render.render_box(images[i], labels[i], rng, render.EVAL, dpi)))
    for k in range(BLANKS):
        dpi = (200, 300)[k % 2]
        boxes.append((None, dpi, render.render_box(None, None, rng, render.EVAL, dpi)))
    return boxes


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
    args = parser.parse_args()
    header, nets = avbnet.read(args.model)
    boxes = held_out_boxes()
    if args.export:
        export(args.export, boxes)
        print(f"exported {len(boxes)} crops to {args.export}")
    results = avbnet.read_boxes(header, nets, [crop for _, _, crop in boxes])
    digit = np.array([label is not None for label, _, _ in boxes])
    labels = np.array([-1 if label is None else label for label, _, _ in boxes])
    dpis = np.array([dpi for _, dpi, _ in boxes])
    probs = np.stack([r[0] for r in results])
    blank = np.array([r[1] for r in results])
    pred = probs.argmax(1)
    conf = probs.max(1)
    right = pred == labels

    d = digit
    print(f"model: {header['scriptVersion']}, {len(nets)} members, data sha256 {header['trainingData']['sha256'][:16]}…")
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
    print(f"blank crops read as blank (P > 0.5): {(blank[~d] > 0.5).mean():.3f}; "
          f"digits read as blank: {(blank[d] > 0.5).mean():.4f}")


if __name__ == "__main__":
    main()
