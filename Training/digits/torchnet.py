"""The trainable (PyTorch) form of a digit network, and its export to the
model file's layers (network.py) with batch normalisation folded in."""
import numpy as np
import torch
from torch import nn

import network


def build(layers, dropout=0.0):
    """layers as from network.parse_spec -> nn.Sequential. Every convolution and
    hidden dense layer is followed by batch normalisation and ReLU."""
    modules, flat = [], False
    for layer in layers:
        if layer["kind"] == "conv3x3":
            modules += [nn.Conv2d(layer["in"], layer["out"], 3, padding=1, bias=False),
                        nn.BatchNorm2d(layer["out"]), nn.ReLU()]
        elif layer["kind"] == "maxpool2":
            modules.append(nn.MaxPool2d(2))
        else:
            if not flat:
                modules.append(nn.Flatten())
                flat = True
            if layer["relu"]:
                modules += [nn.Linear(layer["in"], layer["out"], bias=False), nn.BatchNorm1d(layer["out"]), nn.ReLU()]
                if dropout:
                    modules.append(nn.Dropout(dropout))
            else:
                modules.append(nn.Linear(layer["in"], layer["out"]))
    return nn.Sequential(*modules)


def export(model, layers):
    """The trained model's weights in network.py's form: per layer (w, b) as
    float32, or None for a max-pool; batch normalisation folded into w and b,
    dense inputs reordered from PyTorch's (c, y, x) to (y, x, c)."""
    modules = list(model)
    weights, k, side, channels = [], 0, network.SIDE, 1
    for layer in layers:
        if layer["kind"] == "maxpool2":
            weights.append(None)
            side //= 2
            k = next(i for i in range(k, len(modules)) if isinstance(modules[i], nn.MaxPool2d)) + 1
            continue
        k = next(i for i in range(k, len(modules)) if isinstance(modules[i], (nn.Conv2d, nn.Linear)))
        linear = modules[k]
        k += 1
        w = linear.weight.detach().double().numpy()
        b = linear.bias.detach().double().numpy() if linear.bias is not None else np.zeros(w.shape[0])
        if k < len(modules) and isinstance(modules[k], (nn.BatchNorm1d, nn.BatchNorm2d)):
            norm = modules[k]
            k += 1
            scale = (norm.weight / torch.sqrt(norm.running_var + norm.eps)).detach().double().numpy()
            shift = norm.bias.detach().double().numpy() - norm.running_mean.detach().double().numpy() * scale
            w = w * scale.reshape(-1, *([1] * (w.ndim - 1)))
            b = b * scale + shift
        if layer["kind"] == "conv3x3":
            weights.append((w.transpose(2, 3, 1, 0).astype(np.float32), b.astype(np.float32)))  # OIHW -> HWIO
            channels = layer["out"]
        else:
            if side > 1:  # the first dense layer after the convolutions
                w = w.reshape(len(w), channels, side, side).transpose(0, 2, 3, 1).reshape(len(w), -1)
                side = 1
            weights.append((np.ascontiguousarray(w.T, dtype=np.float32), b.astype(np.float32)))
    return weights

