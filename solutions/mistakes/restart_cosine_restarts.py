"""Known mistake (restart): the script as handed out — the schedule restarts the cosine twice mid-run."""

import numpy as np


def warmup_cosine(step, warmup, total, max_lr, cycles=3):
    """Linear warmup, then cosine decay (the recipe it came from restarted the cosine three times)."""
    if step < warmup:
        return max_lr * step / warmup
    progress = (step - warmup) / (total - warmup)
    return 0.5 * max_lr * (1 + np.cos(np.pi * ((progress * cycles) % 1.0)))


def train(X, y, rng, steps=400, batch_size=4, max_lr=0.2, warmup=20):
    n, d = X.shape
    w = np.zeros(d)
    checkpoints, lrs = [], []
    order, pos = rng.permutation(n), 0
    for step in range(steps):
        if pos + batch_size > n:  # a new epoch: reshuffle
            order, pos = rng.permutation(n), 0
        batch = order[pos:pos + batch_size]
        pos += batch_size

        lr = warmup_cosine(step, warmup, steps, max_lr)
        grad = 2 * X[batch].T @ (X[batch] @ w - y[batch]) / batch_size
        w = w - lr * grad

        checkpoints.append(w.copy())
        lrs.append(lr)
    return checkpoints, lrs

