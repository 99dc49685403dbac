"""Known mistake (spikes): the gradient step was deleted with the bad batches' handling: w stays 0."""

import numpy as np


def train(X, y, rng, steps=300, batch_size=10, lr=0.05):
    n, d = X.shape
    w = np.zeros(d)
    checkpoints = []
    order, pos = rng.permutation(n), 0
    for step in range(steps):
        if pos + batch_size > n:  # a new epoch: reshuffle
            order, pos = rng.permutation(n), 0
        batch = order[pos:pos + batch_size]
        pos += batch_size

        checkpoints.append(w.copy())
    return checkpoints

