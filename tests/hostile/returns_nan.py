"""Fills the parameters with NaN and inf: NaN never matches a number, so it fails.

kata: momentum
expect: fail
says: nan
"""
import numpy as np


class Momentum:
    def __init__(self, lr=0.01, beta=0.9):
        self.lr, self.beta = lr, beta

    def step(self, params, grads):
        for i, p in enumerate(params):
            p[...] = np.nan if i % 2 == 0 else np.inf
