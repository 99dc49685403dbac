"""Reference for the `minibatch` kata: shuffled mini-batches and one epoch of mini-batch GD."""

import numpy as np


def minibatch_indices(n, batch_size, rng, drop_last=False):
    """Yield index arrays of one epoch, in the order of one rng.permutation(n)."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    order = rng.permutation(n)
    stop = n - n % batch_size if drop_last else n
    for start in range(0, stop, batch_size):
        yield order[start:start + batch_size]


def mse_gradient(X, y, W):
    """2·Xᵀ(XW − y)/n."""
    return 2.0 * X.T @ (X @ W - y) / len(y)


def run_epoch(X, y, W, lr, batch_size, rng):
    """One epoch of mini-batch gradient descent; returns a new W."""
    W = np.array(W, dtype=float)
    for batch in minibatch_indices(len(y), batch_size, rng):
        W = W - lr * mse_gradient(X[batch], y[batch], W)
    return W
