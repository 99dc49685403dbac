"""Known mistake (uphill): the lr was lowered 500 times, but the error still has the wrong sign."""

import numpy as np


def fit(X, y, lr=1e-4, steps=300):
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    losses = []
    for step in range(steps):
        error = y - (X @ w + b)
        losses.append(float(np.mean(error ** 2)))

        grad_w = 2 * X.T @ error / n
        grad_b = 2 * np.mean(error)

        w = w - lr * grad_w
        b = b - lr * grad_b
    return w, b, losses
