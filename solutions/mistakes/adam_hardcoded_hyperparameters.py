"""Known mistake (adam): β1, β2 and eps are written as literals instead of read from the attributes."""

import numpy as np


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.m = {}
        self.v = {}
        self.t = 0

    def step(self, params, grads):
        self.t += 1
        for i, (p, g) in enumerate(zip(params, grads)):
            m = 0.9 * self.m.get(i, np.zeros_like(p)) + 0.1 * g
            v = 0.999 * self.v.get(i, np.zeros_like(p)) + 0.001 * g**2
            self.m[i], self.v[i] = m, v
            m_hat = m / (1 - 0.9**self.t)
            v_hat = v / (1 - 0.999**self.t)
            p -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-8)
