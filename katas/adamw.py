"""Kata `adamw`: Adam with decoupled weight decay.

Each step is an Adam step (exactly as in the `adam` kata: bias-corrected m̂ and v̂, t = 1 on the
first step, eps after the square root) plus a decay of the parameter itself:

    p ← p − lr · m̂ / (√v̂ + eps)      the Adam step, from the gradient g alone
    p ← p − lr · λ · p               decoupled weight decay, λ = weight_decay

The decay is never added to g, so it never enters m or v and is never divided by √v̂.

Rules the grader checks (the cases are hidden, the rules are not):
- Either order is accepted: the decay after the Adam step (as above), or the decay applied to
  p first and the Adam step after (PyTorch's order). The feedback says which one you wrote.
- `params` and `grads` are lists of float64 numpy arrays of any shapes, matched by position;
  step updates every array in `params` in place and does not modify the arrays in `grads`.
- Each parameter has its own m and v; t is one counter shared by all parameters.
- lr, beta1, beta2, eps and weight_decay are read from the attributes at every step, so a
  loop may change `opt.lr` between steps.
- Trajectories of 20+ steps are compared in float64 to a relative tolerance of 1e-9.
"""

import numpy as np


class AdamW:
    def __init__(
        self,
        lr: float = 0.001,
        beta1: float = 0.9,
        beta2: float = 0.999,
        eps: float = 1e-8,
        weight_decay: float = 0.01,
    ) -> None:
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.weight_decay = weight_decay

    def step(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:
        raise NotImplementedError("AdamW.step")
