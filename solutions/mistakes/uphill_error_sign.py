"""Known mistake (uphill): the script as handed out — the error is y − ŷ, so every step climbs the loss."""

import numpy as np


def fit(X, y, lr=0.05, steps=300):
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    losses = []
    for step in range(steps):
        error = y - (X @ w + b)  # looked fine: the loss squares it anyway
        losses.append(float(np.mean(error ** 2)))

        grad_w = 2 * X.T @ error / n
        grad_b = 2 * np.mean(error)

        w = w - lr * grad_w
        b = b - lr * grad_b
    return w, b, losses
