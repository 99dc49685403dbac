"""Known mistake (uphill): the training loop was deleted, so the initial weights come back untouched."""

import numpy as np


def fit(X, y, lr=0.05, steps=300):
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    losses = []
    return w, b, losses
