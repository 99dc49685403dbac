"""Reference for the `adamw` kata: Adam plus decoupled weight decay.

Two orders are both decoupled and both accepted: the primer's (decay after the Adam step) and
PyTorch's (decay the parameter first). On one step from the same p they differ by lr·λ times the
Adam step, that is lr²·λ·m̂/(√v̂ + eps).
"""

from solutions.adam import Adam


class AdamW(Adam):
    """Adam step, then p ← p − lr·λ·p (the decay never enters m, v or the 1/√v̂ scaling)."""

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
        super().__init__(lr, beta1, beta2, eps)
        self.weight_decay = weight_decay

    def step(self, params, grads):
        self.t += 1
        for i, (p, g) in enumerate(zip(params, grads)):
            p -= self.update(i, p, g)
            p -= self.lr * self.weight_decay * p


class AdamWDecayFirst(AdamW):
    """PyTorch's order: p ← p − lr·λ·p first, then the Adam step."""

    def step(self, params, grads):
        self.t += 1
        for i, (p, g) in enumerate(zip(params, grads)):
            p -= self.lr * self.weight_decay * p
            p -= self.update(i, p, g)
