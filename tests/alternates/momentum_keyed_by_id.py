"""Correct momentum written differently: velocities keyed by the array's id, updated with np.multiply."""

import numpy as np


class Momentum:
    def __init__(self, lr=0.01, beta=0.9):
        self.lr = lr
        self.beta = beta
        self.velocity = {}

    def step(self, params, grads):
        for p, g in zip(params, grads):
            v = self.velocity.setdefault(id(p), np.zeros(p.shape))
            np.multiply(v, self.beta, out=v)
            v += (1.0 - self.beta) * g
            np.subtract(p, self.lr * v, out=p)
