"""Known mistake (momentum): the velocity is not carried between steps (it restarts from zero each step)."""

import numpy as np


class Momentum:
    def __init__(self, lr=0.01, beta=0.9):
        self.lr = lr
        self.beta = beta
        self.v = {}

    def step(self, params, grads):
        for p, g in zip(params, grads):
            v = np.zeros_like(p)
            v = self.beta * v + (1 - self.beta) * g
            p -= self.lr * v
