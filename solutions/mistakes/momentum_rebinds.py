"""Known mistake (momentum): the parameter is rebound (p = p − …) instead of updated in place."""

import numpy as np


class Momentum:
    def __init__(self, lr=0.01, beta=0.9):
        self.lr = lr
        self.beta = beta
        self.v = {}

    def step(self, params, grads):
        for i, (p, g) in enumerate(zip(params, grads)):
            self.v[i] = self.beta * self.v.get(i, np.zeros_like(p)) + (1 - self.beta) * g
            p = p - self.lr * self.v[i]
