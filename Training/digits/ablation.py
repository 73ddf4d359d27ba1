"""What each scan degradation costs the recogniser, on the validation digits.

    cd Training/digits && OPENBLAS_NUM_THREADS=1 python3 ablation.py [--model FILE]

Renders the validation digits (rows 360-399 of each label) four times at 200
and at 300 dpi with the evaluation profile, and again with one degradation
switched off, every other random draw the same (each switchable degradation
takes its randomness from a generator of its own, seeded from the main
stream whether it is switched on or not). Prints the accuracy of each
variant; the difference to "all" is what that degradation costs. The last
line renders as many training digits the same way: hands the model has
learned, in scans it has not seen; its difference to "all" is what new
handwriting costs. Never touches the reserved rows.
"""
import argparse

import numpy as np

import avbnet
import data
import render
from evaluate import MODEL

COPIES = 4
SWITCHES = {
    "box-line remnants": ("border_remnants",),
    "blur": ("gaussian_blur",),
    "JPEG": ("jpeg_like",),
    "Swedish 1 and 7": ("swedish_one", "swedish_seven"),
}


def switchable(original, name, off):
    """`original` with its randomness from a generator of its own; a no-op when `name` is in `off`."""
    def call(target, *rest):
        rng_args = [a for a in rest if isinstance(a, np.random.Generator)]
        own = np.random.default_rng(int(rng_args[0].integers(2 ** 62))) if rng_args else None
        if name in off:
            return target  # unchanged (border_remnants works in place; its result is not used)
        args = [own if isinstance(a, np.random.Generator) else a for a in rest]
        return original(target, *args)
    return call


def render_all(off, indices):
    originals = {name: getattr(render, name) for names in SWITCHES.values() for name in names}
    try:
        for name, fn in originals.items():
            setattr(render, name, switchable(fn, name, off))
        images, labels, _ = data.load()
        rng = np.random.default_rng(2027)
        boxes = []
        for _ in range(COPIES):
            for i in indices:
                for dpi in (200, 300):
                    boxes.append((int(labels[i]), dpi, render.render_box(images[i], labels[i], rng, render.EVAL, dpi)))
        return boxes
    finally:
        for name, fn in originals.items():
            setattr(render, name, fn)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=MODEL)
    args = parser.parse_args()
    header, members = avbnet.read(args.model)
    validation = data.split_indices()[1]
    variants = [("all", set(), validation)]
    variants += [(f"without {title}", set(names), validation) for title, names in SWITCHES.items()]
    variants.append(("without all four", {n for names in SWITCHES.values() for n in names}, validation))
    # As many training digits (rows 0-39 of each label), rendered afresh with
    # every degradation: hands the model has learned, in scans it has not seen.
    seen = [i for i in data.split_indices()[0] if i % data.ROWS_PER_LABEL < data.VALIDATION_PER_LABEL]
    variants.append(("training digits, all degradations", set(), seen))
    for title, off, indices in variants:
        boxes = render_all(off, indices)
        results = avbnet.read_boxes(header, members, [crop for _, _, crop in boxes])
        right = np.array([r[0].argmax() == label for (label, _, _), r in zip(boxes, results)])
        dpis = np.array([dpi for _, dpi, _ in boxes])
        print(f"{title:34s} {right.mean():.4f}  (200 dpi {right[dpis == 200].mean():.4f}, "
              f"300 dpi {right[dpis == 300].mean():.4f}; {len(boxes)} crops)", flush=True)


if __name__ == "__main__":
    main()
