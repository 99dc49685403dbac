"""Reference for the `adam` kata: Adam with bias-corrected moments."""

import numpy as np


class Adam:
    """m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  p ← p − lr·m̂ / (√v̂ + eps).

    m̂ = m / (1 − β1ᵗ), v̂ = v / (1 − β2ᵗ), and t is 1 on the first step.
    """

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
            p -= self.update(i, p, g)

    def update(self, i, p, g):
        """The Adam displacement of parameter i (positive means p decreases)."""
        m = self.beta1 * self.m.get(i, np.zeros_like(p)) + (1.0 - self.beta1) * g
        v = self.beta2 * self.v.get(i, np.zeros_like(p)) + (1.0 - self.beta2) * g * g
        self.m[i], self.v[i] = m, v
        m_hat = m / (1.0 - self.beta1**self.t)
        v_hat = v / (1.0 - self.beta2**self.t)
        return self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
