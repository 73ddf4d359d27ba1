"""Out-of-fold readings of the whole training pool, for choosing field review rules.

    cd Training/digits && python3 crossval.py --out DIR

The validation split (rows 360-399) holds 400 digits, a few dozen hands: too
little new handwriting to choose a rule that must keep wrong time fields
under 0.5 %. This script splits the whole training pool (rows 0-399 of each
label) into folds by row (fold k: rows 80k to 80k+79 of each label), trains
train.py's first network (same layers, epochs, renders per digit, seed) on
the other folds, and writes for each fold

  DIR/fold-K.avbnet  that network as a model file, with the committed model's
                     first-network temperature, blank model and threshold;
  DIR/fold-K.avbx    the fold's digits rendered as evaluation crops at 200
                     and 300 dpi (3 renders each, plus 200 blank crops), as
                     evaluate.py --export-validation writes them.

`avbrott benchmark out-of-fold DIR` reads each fold's crops with the network
that never saw them and composes whole fields from all folds. Every reading
is of new handwriting, as on the reserved rows, but there are ten times as
many. The reserved rows (400-499) are never touched. Each fold is written as
soon as it is trained; a fold already in DIR is skipped. About 15 minutes
per fold on two cores.
"""
import argparse
import json
import os
import time
from types import SimpleNamespace

import numpy as np
import torch

import avbnet
import data
import evaluate
import network
import preprocess
import render
import torchnet
import train

FOLDS = 5
EXPORT_COPIES = 3


def fold_rows(fold, folds):
    """The training-pool rows (indices into the data file) of one fold."""
    per_fold = data.TRAIN_POOL // folds
    rows = []
    for d in range(10):
        start = d * data.ROWS_PER_LABEL + fold * per_fold
        rows.extend(range(start, start + per_fold))
    return np.array(rows)


def fold_model_header(committed, settings, fold, folds, images_sha):
    """The committed model's calibration with one network of this fold: its
    first-network temperature (the cascade's first reading), blank model and
    review threshold, so that fields are reviewed as ingest reviews them."""
    temperature = committed.get("escalation", {}).get("firstTemperature", committed["temperature"])
    return {
        "format": "avbnet", "formatVersion": avbnet.FORMAT_VERSION,
        "scriptVersion": f"{train.SCRIPT_VERSION} cross-validation fold {fold + 1} of {folds}",
        "architecture": f"members {settings['spec']}: " + committed["architecture"].split(": ", 1)[1],
        "preprocessingVersion": preprocess.VERSION,
        "trainingData": {"file": committed["trainingData"]["file"], "sha256": images_sha,
                         "rows": f"per label rows 0-399 except fold {fold + 1} "
                                 f"({fold * data.TRAIN_POOL // folds}-{(fold + 1) * data.TRAIN_POOL // folds - 1}); "
                                 "400-499 never used"},
        "training": {"members": [settings], "torch": torch.__version__},
        "temperature": temperature, "blank": committed["blank"],
        "suggestedThreshold": committed["suggestedThreshold"],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="directory for the folds' models and crops (not committed)")
    parser.add_argument("--folds", type=int, default=FOLDS)
    parser.add_argument("--model", default=os.path.join(train.ROOT, "Sources/Recognition/Resources/digits.avbnet"),
                        help="the model whose calibration the fold networks take")
    parser.add_argument("--copies", type=int, default=100, help="renders of each training digit")
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    if data.TRAIN_POOL % args.folds:
        raise SystemExit(f"{data.TRAIN_POOL} rows per label do not split into {args.folds} equal folds")
    os.makedirs(args.out, mode=0o700, exist_ok=True)
    committed, _ = avbnet.read(args.model)
    images_sha = data.file_sha256(data.data_path())
    # train.py's training settings, its first network's layers and seed
    options = SimpleNamespace(batch=128, learning_rate=2e-3, weight_decay=1e-4, smoothing=0.05)
    settings = {"spec": train.SPEC, "epochs": args.epochs, "dropout": 0.0, "seed": 101, "copies": args.copies}
    layers = network.parse_spec(train.SPEC)
    torch.set_num_threads(args.threads)

    def stem(fold):
        return os.path.join(args.out, f"fold-{fold + 1}")

    missing = [f for f in range(args.folds)
               if not (os.path.exists(stem(f) + ".avbnet") and os.path.exists(stem(f) + ".avbx"))]
    train.log(f"folds already in {args.out}: {args.folds - len(missing)} of {args.folds}")
    # every missing fold trains on all the others: render each fold once, and only when something is missing
    renders = {}  # fold -> (network inputs, labels) of its training renders
    for fold in range(args.folds) if missing else []:
        x, y, _, _ = train.render_set(fold_rows(fold, args.folds), args.copies, 100 + fold, render.TRAIN,
                                      jobs=args.jobs)
        renders[fold] = (x, y)
        train.log(f"rendered fold {fold + 1}: {len(x)} training boxes")
    for fold in missing:
        started = time.time()
        boxes = evaluate.rendered_boxes(fold_rows(fold, args.folds), EXPORT_COPIES, 500 + fold)
        digits = [(label, crop) for label, _, crop in boxes if label is not None]
        prepared = [(label, preprocess.prepare(crop)) for label, crop in digits]
        vx = np.stack([p.pixels.astype(np.float32) for _, p in prepared if p.status == "digit"])
        vy = np.array([label for label, p in prepared if p.status == "digit"])
        others = [f for f in range(args.folds) if f != fold]
        x = np.concatenate([renders[f][0] for f in others])
        y = np.concatenate([renders[f][1] for f in others])
        train.log(f"fold {fold + 1}: training on {len(x)} boxes of the other folds")
        model = train.train_member(layers, x, y, vx, vy, settings["seed"], args.epochs, 0.0, options)
        weights = torchnet.export(model, layers)
        logits = avbnet.ensemble_logits([(layers, weights)], vx)
        accuracy = float((logits.argmax(1) == vy).mean())
        header = fold_model_header(committed, settings | {"foldAccuracy": accuracy}, fold, args.folds, images_sha)
        # crops first, model last: a fold counts as written when both files exist
        evaluate.export(stem(fold) + ".avbx", boxes)
        avbnet.write(stem(fold) + ".avbnet.partial", [(layers, weights)], header)
        os.replace(stem(fold) + ".avbnet.partial", stem(fold) + ".avbnet")
        train.log(f"fold {fold + 1}: {accuracy:.4f} of its {len(vy)} crops read right by the network that never "
                  f"saw them; wrote {stem(fold)}.avbnet and .avbx in {time.time() - started:.0f} s")
    with open(os.path.join(args.out, "folds.json"), "w") as f:
        json.dump({"folds": args.folds, "settings": settings, "exportCopies": EXPORT_COPIES}, f, indent=1)


if __name__ == "__main__":
    main()
