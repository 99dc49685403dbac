"""Kata `adam`: the Adam optimizer with bias correction.

For each parameter p with gradient g, on every call to step (t counts the calls, 1 on the first):

    m ← β1 · m + (1 − β1) · g          (m and v start at zero, one pair per parameter)
    v ← β2 · v + (1 − β2) · g²
    m̂ = m / (1 − β1^t)
    v̂ = v / (1 − β2^t)
    p ← p − lr · m̂ / (√v̂ + eps)       (eps is added after the square root)

Rules the grader checks (the cases are hidden, the rules are not):
- `params` and `grads` are lists of float64 numpy arrays of any shapes, matched by position;
  the same list of parameters is passed on every step.
- step updates every array in `params` in place and does not modify the arrays in `grads`.
- Each parameter has its own m and v; t is one counter shared by all parameters.
- lr, beta1, beta2 and eps are read from the attributes at every step, so a loop may change
  `opt.lr` between steps; a step with lr = 0 leaves p unchanged but still updates m, v and t.
- Gradients of every scale are used, from 1e-9 (where the place of eps shows) to 1e3, and
  steps whose gradient is exactly zero.
- Trajectories of 20+ steps are compared in float64 to a relative tolerance of 1e-9.
"""

import numpy as np


class Adam:
    def __init__(self, lr: float = 0.001, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8) -> None:
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps

    def step(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:
        raise NotImplementedError("Adam.step")
