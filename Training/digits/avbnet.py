"""Reading and writing the .avbnet model file, and the reference recogniser.

Layout (all little-endian):
  bytes 0-3   magic "AVBN"
  UInt32      format version (1)
  UInt32      header length N
  N bytes     UTF-8 JSON header (see README.md)
  padding     zero bytes up to a multiple of 4
  Float32[]   the tensors listed in header["tensors"], in that order
"""
import json
import struct

import numpy as np

import cnn
import preprocess

MAGIC = b"AVBN"
FORMAT_VERSION = 1
LAYERS = ("conv1.w", "conv1.b", "conv2.w", "conv2.b", "dense1.w", "dense1.b", "dense2.w", "dense2.b")


def write(path, nets, header):
    tensors, blobs = [], []
    for i, net in enumerate(nets):
        for name in LAYERS:
            value = np.ascontiguousarray(net.params[name], dtype="<f4")
            tensors.append({"name": f"m{i}.{name}", "shape": list(value.shape)})
            blobs.append(value.tobytes())
    header = dict(header, tensors=tensors,
                  members=[{"conv1": n.shape[0], "conv2": n.shape[1], "hidden": n.shape[2]} for n in nets])
    text = json.dumps(header, indent=1, sort_keys=True).encode()
    out = MAGIC + struct.pack("<II", FORMAT_VERSION, len(text)) + text
    out += b"\0" * (-len(out) % 4)
    out += b"".join(blobs)
    with open(path, "wb") as f:
        f.write(out)
    return len(out)


def read(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != MAGIC:
        raise ValueError("not an avbnet file")
    version, length = struct.unpack("<II", data[4:12])
    if version != FORMAT_VERSION:
        raise ValueError(f"unsupported avbnet version {version}")
    header = json.loads(data[12:12 + length])
    offset = 12 + length
    offset += -offset % 4
    values = {}
    for t in header["tensors"]:
        count = int(np.prod(t["shape"]))
        values[t["name"]] = np.frombuffer(data, "<f4", count, offset).reshape(t["shape"]).copy()
        offset += 4 * count
    nets = []
    for i, m in enumerate(header["members"]):
        net = cnn.Net(m["conv1"], m["conv2"], m["hidden"], np.random.default_rng(0))
        net.params = {name: values[f"m{i}.{name}"] for name in LAYERS}
        nets.append(net)
    return header, nets


def blank_probability(ink_fraction, blank):
    if ink_fraction <= 0:
        return 1.0
    z = blank["bias"] + blank["slope"] * np.log(ink_fraction)
    return float(1 / (1 + np.exp(-z)))


def ensemble_probabilities(nets, temperature, inputs):
    """inputs [n, 28, 28] float -> [n, 10] probabilities (mean logits / T, softmax)."""
    x = inputs.astype(np.float32)[..., None]
    logits = sum(cnn.predict_logits(net, x) for net in nets) / len(nets)
    return cnn.softmax(logits.astype(np.float64) / temperature)


def read_boxes(header, nets, crops):
    """The reference recogniser: [(probabilities[10], blank, prepared)] per crop."""
    prepared = [preprocess.prepare(c) for c in crops]
    digits = [i for i, p in enumerate(prepared) if p.status == "digit"]
    probs = np.full((len(crops), 10), 0.1)
    if digits:
        probs[digits] = ensemble_probabilities(nets, header["temperature"],
                                               np.stack([prepared[i].pixels for i in digits]))
    out = []
    for i, p in enumerate(prepared):
        blank = 0.0 if p.status == "dense" else blank_probability(p.ink_fraction, header["blank"])
        out.append((probs[i], blank, p))
    return out
