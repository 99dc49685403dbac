"""Known mistake (adam): a step with lr = 0 returns early, so m, v and t are not updated."""

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
        if self.lr == 0:
            return
        self.t += 1
        for i, (p, g) in enumerate(zip(params, grads)):
            m = self.beta1 * self.m.get(i, np.zeros_like(p)) + (1 - self.beta1) * g
            v = self.beta2 * self.v.get(i, np.zeros_like(p)) + (1 - self.beta2) * g**2
            self.m[i], self.v[i] = m, v
            m_hat = m / (1 - self.beta1**self.t)
            v_hat = v / (1 - self.beta2**self.t)
            p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
