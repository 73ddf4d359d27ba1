"""The handwritten digits and their split by row position, from the module
that Training shares with SampleScans (python/avbrott_mnist.py at the
repository root): rows 0-399 of each label are the training pool (its last 40
per label the validation split, for monitoring and temperature calibration),
rows 400-499 are reserved for the independent evaluation in evaluate.py only.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir, "python"))

from avbrott_mnist import (ROWS_PER_LABEL, TRAIN_POOL, VALIDATION_PER_LABEL, data_path,  # noqa: E402
                           file_sha256, load, split_indices)

__all__ = ["ROWS_PER_LABEL", "TRAIN_POOL", "VALIDATION_PER_LABEL", "data_path", "file_sha256", "load",
           "split_indices"]
