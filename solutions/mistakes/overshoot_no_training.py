"""Known mistake (overshoot): the update lines were deleted, so the initial weights come back untouched."""

import numpy as np


def fit(X, y, steps=500):
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    losses = []
    for step in range(steps):
        error = X @ w + b - y
        losses.append(float(np.mean(error ** 2)))
    return w, b, losses
