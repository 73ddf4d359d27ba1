"""The digit network as a list of layers, and its reference forward pass in numpy.

A member is a list of layer dicts, as in the model file's header:
  {"kind": "conv3x3", "in": C, "out": K}        3x3, zero padding 1, bias, ReLU
  {"kind": "maxpool2"}                           2x2, stride 2, odd edge dropped
  {"kind": "dense", "in": N, "out": M, "relu": bool}
Activations are NHWC, conv kernels HWIO [3, 3, C, K], dense matrices [N, M]
over the flattened (y, x, c) activations; batch normalisation is folded into
the weights when a model is written. Sources/Recognition/Digits/DigitNetwork.swift
computes the same thing; the parity fixtures check that they agree.
"""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

SIDE = 28


def parse_spec(spec):
    """'c16,p,c32,p,c48,p,d128' -> the member's layers (without weights), ending
    in dense(10). c = conv3x3 with that many channels, p = max-pool, d = dense+ReLU."""
    layers, channels, side, flat = [], 1, SIDE, None
    for token in spec.split(","):
        kind, size = token[0], int(token[1:]) if len(token) > 1 else 0
        if kind == "c" and flat is None:
            layers.append({"kind": "conv3x3", "in": channels, "out": size})
            channels = size
        elif kind == "p" and flat is None:
            layers.append({"kind": "maxpool2"})
            side //= 2
        elif kind == "d":
            width = flat if flat is not None else side * side * channels
            layers.append({"kind": "dense", "in": width, "out": size, "relu": True})
            flat = size
        else:
            raise ValueError(f"bad layer {token!r} in {spec!r}")
    width = flat if flat is not None else side * side * channels
    layers.append({"kind": "dense", "in": width, "out": 10, "relu": False})
    return layers


def multiply_adds(layers):
    side, total = SIDE, 0
    for layer in layers:
        if layer["kind"] == "conv3x3":
            total += side * side * 9 * layer["in"] * layer["out"]
        elif layer["kind"] == "maxpool2":
            side //= 2
        else:
            total += layer["in"] * layer["out"]
    return total


def forward(layers, weights, x):
    """x [n, 28, 28] float -> logits [n, 10] (float64 accumulation).
    weights: per layer (w, b) or None for a max-pool."""
    a = x.astype(np.float64)[..., None]
    for layer, params in zip(layers, weights):
        if layer["kind"] == "conv3x3":
            w, b = params
            padded = np.pad(a, ((0, 0), (1, 1), (1, 1), (0, 0)))
            windows = sliding_window_view(padded, (3, 3), axis=(1, 2))  # n, h, w, c, 3, 3
            a = np.maximum(np.einsum("nhwcij,ijck->nhwk", windows, w.astype(np.float64), optimize=True) + b, 0)
        elif layer["kind"] == "maxpool2":
            n, h, w_, c = a.shape
            h2, w2 = h // 2, w_ // 2
            a = a[:, :2 * h2, :2 * w2].reshape(n, h2, 2, w2, 2, c).max(axis=(2, 4))
        else:
            w, b = params
            a = a.reshape(len(a), -1) @ w.astype(np.float64) + b
            if layer["relu"]:
                a = np.maximum(a, 0)
    return a
