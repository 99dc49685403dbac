"""Known mistake (minibatch): the batches follow the data order: nothing is shuffled."""

import numpy as np


def minibatch_indices(n, batch_size, rng, drop_last=False):
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    order = np.arange(n)
    stop = n - n % batch_size if drop_last else n
    for start in range(0, stop, batch_size):
        yield order[start:start + batch_size]


def mse_gradient(X, y, W):
    return 2.0 * X.T @ (X @ W - y) / len(y)


def run_epoch(X, y, W, lr, batch_size, rng):
    W = np.array(W, dtype=float)
    for batch in minibatch_indices(len(y), batch_size, rng):
        W = W - lr * mse_gradient(X[batch], y[batch], W)
    return W
