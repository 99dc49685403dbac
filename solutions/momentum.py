"""Reference for the `momentum` kata: SGD with an EMA velocity."""

import numpy as np


class Momentum:
    """v ← β·v + (1−β)·g;  p ← p − lr·v.  One velocity per parameter, starting at zero."""

    def __init__(self, lr=0.01, beta=0.9):
        self.lr = lr
        self.beta = beta
        self.v = {}

    def step(self, params, grads):
        for i, (p, g) in enumerate(zip(params, grads)):
            v = self.v.get(i, np.zeros_like(p))
            v = self.beta * v + (1.0 - self.beta) * g
            self.v[i] = v
            p -= self.lr * v
