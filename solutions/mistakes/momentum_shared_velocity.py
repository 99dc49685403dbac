"""Known mistake (momentum): one velocity shared by all parameters."""

import numpy as np


class Momentum:
    def __init__(self, lr=0.01, beta=0.9):
        self.lr = lr
        self.beta = beta
        self.v = {}

    def step(self, params, grads):
        for p, g in zip(params, grads):
            self.shared = self.beta * getattr(self, "shared", 0.0) + (1 - self.beta) * g
            p -= self.lr * self.shared
