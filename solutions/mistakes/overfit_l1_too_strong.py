"""Known mistake (overfit): an L1 penalty of 3.0, so strong that the relevant weights are crushed too."""

import numpy as np


def fit(X, y, lr=0.1, steps=1000, l1=3.0):
    n, d = X.shape
    w = np.zeros(d)
    for step in range(steps):
        error = X @ w - y
        grad = 2 * X.T @ error / n + l1 * np.sign(w)
        w = w - lr * grad
    return w
