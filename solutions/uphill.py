"""Reference for the `uphill` kata: the training script with its gradient sign fixed."""

import numpy as np


def fit(X, y, lr=0.05, steps=300):
    """Full-batch gradient descent on the MSE of ŷ = X @ w + b; returns (w, b, losses)."""
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    losses = []
    for step in range(steps):
        error = (X @ w + b) - y  # prediction minus target: the gradient then points uphill, and we step against it
        losses.append(float(np.mean(error ** 2)))

        grad_w = 2 * X.T @ error / n
        grad_b = 2 * np.mean(error)

        w = w - lr * grad_w
        b = b - lr * grad_b
    return w, b, losses
