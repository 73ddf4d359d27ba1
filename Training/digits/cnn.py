"""A small CNN in plain numpy (NHWC, float32), with Adam and backprop.

Architecture (one ensemble member):
  input 28x28x1
  conv 5x5, C1 filters, valid -> 24x24xC1, ReLU, max-pool 2 -> 12x12xC1
  conv 3x3, C2 filters, valid -> 10x10xC2, ReLU, max-pool 2 -> 5x5xC2
  flatten (y, x, c) -> dense H, ReLU -> dense 10 (logits)
Weights are kept in the layout of the model file: conv kernels HWIO
([kh, kw, cin, cout]), dense matrices [in, out].
"""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


class Net:
    def __init__(self, c1, c2, hidden, rng):
        def he(shape, fan_in):
            return (rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)).astype(np.float32)
        self.shape = (c1, c2, hidden)
        self.params = {
            "conv1.w": he((5, 5, 1, c1), 25), "conv1.b": np.zeros(c1, np.float32),
            "conv2.w": he((3, 3, c1, c2), 9 * c1), "conv2.b": np.zeros(c2, np.float32),
            "dense1.w": he((25 * c2, hidden), 25 * c2), "dense1.b": np.zeros(hidden, np.float32),
            "dense2.w": he((hidden, 10), hidden) * 0.5, "dense2.b": np.zeros(10, np.float32),
        }
        self.moments = {k: (np.zeros_like(v), np.zeros_like(v)) for k, v in self.params.items()}
        self.steps = 0

    def parameter_count(self):
        return sum(v.size for v in self.params.values())

    # ------------------------------------------------------------ forward

    @staticmethod
    def _pool(z):
        n, h, w, c = z.shape
        blocks = z.reshape(n, h // 2, 2, w // 2, 2, c)
        out = blocks.max(axis=(2, 4))
        return out, blocks

    def forward(self, x, keep=False, dropout=0.0, rng=None):
        """Logits. With keep, caches what backward needs; with dropout > 0
        (training only), drops that share of the hidden units (inverted
        dropout: the survivors are scaled so inference needs no change)."""
        p = self.params
        n = x.shape[0]
        c1, c2, _ = self.shape
        cols1 = sliding_window_view(x, (5, 5), axis=(1, 2)).reshape(n * 576, 25)  # (kh, kw) order; cin = 1
        z1 = (cols1 @ p["conv1.w"].reshape(25, c1) + p["conv1.b"]).reshape(n, 24, 24, c1)
        a1 = np.maximum(z1, 0)
        q1, blocks1 = self._pool(a1)
        cols2 = sliding_window_view(q1, (3, 3), axis=(1, 2))  # n,10,10,c1,3,3
        cols2 = cols2.transpose(0, 1, 2, 4, 5, 3).reshape(n * 100, 9 * c1)
        z2 = (cols2 @ p["conv2.w"].reshape(9 * c1, c2) + p["conv2.b"]).reshape(n, 10, 10, c2)
        a2 = np.maximum(z2, 0)
        q2, blocks2 = self._pool(a2)
        f = q2.reshape(n, 25 * c2)
        h = np.maximum(f @ p["dense1.w"] + p["dense1.b"], 0)
        mask = None
        if dropout > 0:
            mask = (rng.random(h.shape) >= dropout).astype(np.float32) / np.float32(1 - dropout)
            h = h * mask
        logits = h @ p["dense2.w"] + p["dense2.b"]
        if keep:
            self.cache = (x, cols1, a1, q1, blocks1, cols2, a2, q2, blocks2, f, h, mask)
        return logits

    # ------------------------------------------------------------ backward

    @staticmethod
    def _unpool(grad, blocks, pooled):
        mask = blocks == pooled[:, :, None, :, None, :]
        g = mask * grad[:, :, None, :, None, :]
        n, h2, _, w2, _, c = blocks.shape
        return g.reshape(n, h2 * 2, w2 * 2, c)

    def backward(self, dlogits):
        p = self.params
        x, cols1, a1, q1, blocks1, cols2, a2, q2, blocks2, f, h, mask = self.cache
        n = x.shape[0]
        c1, c2, _ = self.shape
        g = {}
        g["dense2.w"] = h.T @ dlogits
        g["dense2.b"] = dlogits.sum(0)
        dh = (dlogits @ p["dense2.w"].T) * (h > 0)
        if mask is not None:
            dh *= mask
        g["dense1.w"] = f.T @ dh
        g["dense1.b"] = dh.sum(0)
        dq2 = (dh @ p["dense1.w"].T).reshape(n, 5, 5, c2)
        dz2 = self._unpool(dq2, blocks2, q2) * (a2 > 0)
        dz2f = dz2.reshape(n * 100, c2)
        g["conv2.w"] = (cols2.T @ dz2f).reshape(3, 3, c1, c2)
        g["conv2.b"] = dz2f.sum(0)
        dcols2 = (dz2f @ p["conv2.w"].reshape(9 * c1, c2).T).reshape(n, 10, 10, 3, 3, c1)
        dq1 = np.zeros((n, 12, 12, c1), np.float32)
        for dy in range(3):
            for dx in range(3):
                dq1[:, dy:dy + 10, dx:dx + 10, :] += dcols2[:, :, :, dy, dx, :]
        dz1 = self._unpool(dq1, blocks1, q1) * (a1 > 0)
        dz1f = dz1.reshape(n * 576, c1)
        g["conv1.w"] = (cols1.T @ dz1f).reshape(5, 5, 1, c1)
        g["conv1.b"] = dz1f.sum(0)
        return g

    def adam_step(self, grads, lr, weight_decay=1e-4, beta1=0.9, beta2=0.999, eps=1e-8):
        self.steps += 1
        t = self.steps
        for k, grad in grads.items():
            if k.endswith(".w"):
                grad = grad + weight_decay * self.params[k]
            m, v = self.moments[k]
            m *= beta1
            m += (1 - beta1) * grad
            v *= beta2
            v += (1 - beta2) * grad * grad
            mhat = m / (1 - beta1 ** t)
            vhat = v / (1 - beta2 ** t)
            self.params[k] -= (lr * mhat / (np.sqrt(vhat) + eps)).astype(np.float32)


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def train_epoch(net, x, y, rng, lr, batch=64, smoothing=0.05, dropout=0.0):
    order = rng.permutation(len(x))
    total = 0.0
    for start in range(0, len(x), batch):
        idx = order[start:start + batch]
        logits = net.forward(x[idx], keep=True, dropout=dropout, rng=rng)
        probs = softmax(logits)
        target = np.full_like(probs, smoothing / 10)
        target[np.arange(len(idx)), y[idx]] += 1 - smoothing
        total += float(-(target * np.log(probs + 1e-12)).sum())
        grads = net.backward(((probs - target) / len(idx)).astype(np.float32))
        net.adam_step(grads, lr)
    return total / len(x)


def predict_logits(net, x, batch=512):
    return np.concatenate([net.forward(x[i:i + batch]) for i in range(0, len(x), batch)])
