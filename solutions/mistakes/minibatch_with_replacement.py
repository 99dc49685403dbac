"""Known mistake (minibatch): each batch is sampled independently, so some examples repeat and others are skipped."""

import numpy as np


def minibatch_indices(n, batch_size, rng, drop_last=False):
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    count = n // batch_size if drop_last else -(-n // batch_size)
    for _ in range(count):
        yield rng.choice(n, size=min(batch_size, n))


def mse_gradient(X, y, W):
    return 2.0 * X.T @ (X @ W - y) / len(y)


def run_epoch(X, y, W, lr, batch_size, rng):
    W = np.array(W, dtype=float)
    for batch in minibatch_indices(len(y), batch_size, rng):
        W = W - lr * mse_gradient(X[batch], y[batch], W)
    return W
