"""Known mistake (momentum): β is hard-coded to 0.9 instead of read from self.beta."""

import numpy as np


class Momentum:
    def __init__(self, lr=0.01, beta=0.9):
        self.lr = lr
        self.beta = beta
        self.v = {}

    def step(self, params, grads):
        for i, (p, g) in enumerate(zip(params, grads)):
            self.v[i] = 0.9 * self.v.get(i, np.zeros_like(p)) + 0.1 * g
            p -= self.lr * self.v[i]
