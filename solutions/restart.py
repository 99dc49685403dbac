"""Reference for the `restart` kata: one warmup, then one cosine decay over the whole run."""

import numpy as np


def warmup_cosine(step, warmup, total, max_lr):
    """Linear warmup from 0 to max_lr, then a single cosine decay from max_lr to 0 at `total`."""
    if step < warmup:
        return max_lr * step / warmup
    progress = (step - warmup) / (total - warmup)
    return 0.5 * max_lr * (1 + np.cos(np.pi * progress))


def train(X, y, rng, steps=400, batch_size=4, max_lr=0.2, warmup=20):
    """Mini-batch SGD on the MSE of ŷ = X @ w; returns (checkpoints, lrs), one of each per step."""
    n, d = X.shape
    w = np.zeros(d)
    checkpoints, lrs = [], []
    order, pos = rng.permutation(n), 0
    for step in range(steps):
        if pos + batch_size > n:
            order, pos = rng.permutation(n), 0
        batch = order[pos:pos + batch_size]
        pos += batch_size

        lr = warmup_cosine(step, warmup, steps, max_lr)
        grad = 2 * X[batch].T @ (X[batch] @ w - y[batch]) / batch_size
        w = w - lr * grad

        checkpoints.append(w.copy())
        lrs.append(lr)
    return checkpoints, lrs
