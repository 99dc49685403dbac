"""A correct Adam, except that it hangs on a step whose gradients are all zero: only the check with
zero-gradient steps times out; every other check still gets its verdict (they pass).

kata: adam
expect: fail
says: Timeout
limits: check=1
"""
import time

import numpy as np


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.t, self.m, self.v = 0, {}, {}

    def step(self, params, grads):
        if all(not np.any(g) for g in grads):
            time.sleep(3600)  # waiting on something that never comes
        self.t += 1
        for i, (p, g) in enumerate(zip(params, grads)):
            m = self.m[i] = self.beta1 * self.m.get(i, 0.0) + (1 - self.beta1) * g
            v = self.v[i] = self.beta2 * self.v.get(i, 0.0) + (1 - self.beta2) * g * g
            m_hat = m / (1 - self.beta1 ** self.t)
            v_hat = v / (1 - self.beta2 ** self.t)
            p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
