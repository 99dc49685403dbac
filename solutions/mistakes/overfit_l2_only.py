"""Known mistake (overfit): L2 weight decay (λ = 0.1): every weight shrinks, none is zeroed, still overfits."""

import numpy as np


def fit(X, y, lr=0.1, steps=1000, l2=0.1):
    n, d = X.shape
    w = np.zeros(d)
    for step in range(steps):
        error = X @ w - y
        grad = 2 * X.T @ error / n + 2 * l2 * w
        w = w - lr * grad
    return w
