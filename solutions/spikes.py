"""Reference for the `spikes` kata: the global gradient norm is clipped before every step."""

import numpy as np


def clip_grad_norm(grad, max_norm=1.0):
    """The gradient scaled down to norm max_norm when it is longer; direction kept."""
    norm = np.linalg.norm(grad)
    return grad * (max_norm / (norm + 1e-6)) if norm > max_norm else grad


def train(X, y, rng, steps=300, batch_size=10, lr=0.05):
    """Mini-batch SGD on the MSE of ŷ = X @ w with clipping; returns the weights after every step."""
    n, d = X.shape
    w = np.zeros(d)
    checkpoints = []
    order, pos = rng.permutation(n), 0
    for step in range(steps):
        if pos + batch_size > n:
            order, pos = rng.permutation(n), 0
        batch = order[pos:pos + batch_size]
        pos += batch_size

        grad = 2 * X[batch].T @ (X[batch] @ w - y[batch]) / batch_size
        w = w - lr * clip_grad_norm(grad, max_norm=1.0)
        checkpoints.append(w.copy())
    return checkpoints
