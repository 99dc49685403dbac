"""Correct Adam written differently: bias correction folded into the step size, state in lists."""

import math

import numpy as np


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.state = None
        self.steps = 0

    def step(self, params, grads):
        if self.state is None:
            self.state = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
        self.steps += 1
        bc1 = 1 - self.beta1**self.steps
        bc2 = 1 - self.beta2**self.steps
        step_size = self.lr / bc1
        for (m, v), p, g in zip(self.state, params, grads):
            m *= self.beta1
            m += (1 - self.beta1) * g
            v *= self.beta2
            v += (1 - self.beta2) * np.square(g)
            denom = np.sqrt(v) / math.sqrt(bc2) + self.eps
            p -= step_size * (m / denom)
