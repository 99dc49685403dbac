"""Kata `momentum`: SGD with momentum, in the exponential-moving-average form.

For each parameter p with gradient g, on every call to step:

    v ← β · v + (1 − β) · g        (v starts at zero, one v per parameter)
    p ← p − lr · v

Rules the grader checks (the cases are hidden, the rules are not):
- `params` and `grads` are lists of float64 numpy arrays of any shapes, matched by position;
  the same list of parameters is passed on every step.
- step updates every array in `params` in place (`p -= ...`, not `p = p - ...`) and returns
  nothing useful; the caller keeps using its own arrays.
- Each parameter has its own velocity, carried from one step to the next.
- step does not modify the arrays in `grads`.
- lr and beta are read from `self.lr` and `self.beta` at every step: a training loop may
  change `opt.lr` between steps (for a schedule), and that change must take effect.
- A zero gradient still decays the velocity (p keeps moving on its momentum).
- Trajectories of 20+ steps are compared in float64 to a relative tolerance of 1e-9.
  Note: this is not PyTorch's heavy-ball form (v ← β·v + g), which moves 1/(1−β) times farther.
"""

import numpy as np


class Momentum:
    def __init__(self, lr: float = 0.01, beta: float = 0.9) -> None:
        self.lr = lr
        self.beta = beta

    def step(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:
        raise NotImplementedError("Momentum.step")
