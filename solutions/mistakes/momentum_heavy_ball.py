"""Known mistake (momentum): PyTorch's heavy-ball form v ← β·v + g (no 1 − β on the gradient)."""

import numpy as np


class Momentum:
    def __init__(self, lr=0.01, beta=0.9):
        self.lr = lr
        self.beta = beta
        self.v = {}

    def step(self, params, grads):
        for i, (p, g) in enumerate(zip(params, grads)):
            self.v[i] = self.beta * self.v.get(i, np.zeros_like(p)) + g
            p -= self.lr * self.v[i]
