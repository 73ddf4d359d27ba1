"""Reading and writing the .avbnet model file, and the reference recogniser.

Layout (all little-endian):
  bytes 0-3   magic "AVBN"
  UInt32      format version (2)
  UInt32      header length N
  N bytes     UTF-8 JSON header (see README.md)
  padding     zero bytes up to a multiple of 4
  Float32[]   the tensors listed in header["tensors"], in that order
"""
import json
import struct

import numpy as np

import network
import preprocess

MAGIC = b"AVBN"
FORMAT_VERSION = 2


def write(path, members, header):
    """members: [(layers, weights)] as in network.py; weights per layer (w, b) or None."""
    tensors, blobs = [], []
    for i, (layers, weights) in enumerate(members):
        for j, params in enumerate(weights):
            if params is None:
                continue
            for suffix, value in zip(("w", "b"), params):
                value = np.ascontiguousarray(value, dtype="<f4")
                tensors.append({"name": f"m{i}.l{j}.{suffix}", "shape": list(value.shape)})
                blobs.append(value.tobytes())
    header = dict(header, tensors=tensors, members=[{"layers": layers} for layers, _ in members])
    text = json.dumps(header, indent=1, sort_keys=True).encode()
    out = MAGIC + struct.pack("<II", FORMAT_VERSION, len(text)) + text
    out += b"\0" * (-len(out) % 4)
    out += b"".join(blobs)
    with open(path, "wb") as f:
        f.write(out)
    return len(out)


def read(path):
    """-> (header, [(layers, weights)])"""
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
    members = []
    for i, member in enumerate(header["members"]):
        layers = member["layers"]
        weights = [None if layer["kind"] == "maxpool2" else (values[f"m{i}.l{j}.w"], values[f"m{i}.l{j}.b"])
                   for j, layer in enumerate(layers)]
        members.append((layers, weights))
    return header, members


def blank_probability(ink_fraction, blank):
    if ink_fraction <= 0:
        return 1.0
    z = blank["bias"] + blank["slope"] * np.log(ink_fraction)
    return float(1 / (1 + np.exp(-z)))


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def ensemble_logits(members, inputs, batch=500):
    """inputs [n, 28, 28] float -> mean member logits [n, 10]."""
    total = 0
    for layers, weights in members:
        total = total + np.concatenate([network.forward(layers, weights, inputs[i:i + batch])
                                        for i in range(0, len(inputs), batch)])
    return total / len(members)


def ensemble_probabilities(members, temperature, inputs):
    """inputs [n, 28, 28] float -> [n, 10] probabilities (mean logits / T, softmax)."""
    return softmax(ensemble_logits(members, inputs) / temperature)


def first_opinion(first_logits, escalation):
    """Member 0's probabilities softmax(logits / firstTemperature), and which
    boxes go on to every member (top probability below escalation["below"])."""
    first = softmax(first_logits / escalation["firstTemperature"])
    return first, first.max(axis=1) < escalation["below"]


def cascade_probabilities(first_logits, ensemble_logits_, escalation, temperature):
    """The second opinion: member 0's probabilities where it is sure enough,
    elsewhere the ensemble's, softmax(mean logits of all members / temperature)
    (see first_opinion). -> (probabilities, escalated mask)."""
    first, escalated = first_opinion(first_logits, escalation)
    return np.where(escalated[:, None], softmax(ensemble_logits_ / temperature), first), escalated


def model_probabilities(header, members, inputs):
    """What the model file's recogniser computes: the plain ensemble, or the
    cascade when the header has "escalation" (only escalated boxes run the
    other members in Swift; here every member runs, the result is the same)."""
    escalation = header.get("escalation")
    if escalation is None:
        return ensemble_probabilities(members, header["temperature"], inputs)
    first = ensemble_logits(members[:1], inputs)
    return cascade_probabilities(first, ensemble_logits(members, inputs), escalation, header["temperature"])[0]


def read_boxes(header, members, crops):
    """The reference recogniser: [(probabilities[10], blank, prepared)] per crop."""
    prepared = [preprocess.prepare(c) for c in crops]
    digits = [i for i, p in enumerate(prepared) if p.status == "digit"]
    probs = np.full((len(crops), 10), 0.1)
    if digits:
        probs[digits] = model_probabilities(header, members, np.stack([prepared[i].pixels for i in digits]))
    out = []
    for i, p in enumerate(prepared):
        blank = 0.0 if p.status == "dense" else blank_probability(p.ink_fraction, header["blank"])
        out.append((probs[i], blank, p))
    return out
