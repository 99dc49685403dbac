"""Hidden checks of the `adamw` kata."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from solutions import adamw as ref

from grader.checks import Check
from grader.checks.optim import PARAM_LABELS, common_checks, mixed_grads, params_view, start_params, trajectory

DEFAULTS = {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.01}
CUSTOM = {"lr": 0.02, "beta1": 0.8, "beta2": 0.95, "eps": 1e-6, "weight_decay": 0.3}


def build(seed: int) -> list[Check]:
    rng = np.random.default_rng([seed, 4])
    checks = common_checks("AdamW", rng, DEFAULTS, CUSTOM, "m and v")
    shapes = [(5,), (2, 2)]
    # Gradients of very different sizes on large weights: a decay routed through the moments
    # (Adam + L2) or divided by √v̂ is far from a decoupled one here.
    grads = [[rng.standard_normal(5) * np.array([1e-6, 1e-3, 1.0, 10.0, 100.0]), rng.standard_normal((2, 2))]
             for _ in range(20)]
    params = [p * 10.0 for p in start_params(rng, shapes)]
    checks.append(Check(
        "decoupled-decay", "strong weight decay (λ = 0.5, lr = 0.05) with gradients from 1e-6 to 1e2",
        "the decay is p ← p − lr·λ·p, kept out of m and v and not divided by √v̂",
        trajectory("AdamW", {"lr": 0.05, "weight_decay": 0.5}, params, grads),
        "that weight_decay is never added to g, and that the decay line is lr·λ·p alone",
        view=params_view, labels=PARAM_LABELS))
    checks.append(Check(
        "zero-gradient-decay", "zero gradients from the start: only the decay moves the weights",
        "with g = 0 the Adam step is 0 and each step multiplies p by (1 − lr·λ)",
        trajectory("AdamW", {"lr": 0.1, "weight_decay": 0.2}, start_params(rng, shapes), mixed_grads(rng, shapes, 10, 0, 0, zero_steps=tuple(range(10)))),
        "the decay line, and that 0/(√0 + eps) is 0", view=params_view, labels=PARAM_LABELS))
    return checks


def references() -> dict[str, object]:
    """Both decoupled orders are correct: the primer's, and PyTorch's (decay first)."""
    return {
        "decay after the Adam step (the primer's order)": SimpleNamespace(AdamW=ref.AdamW),
        "decay before the Adam step (PyTorch's order)": SimpleNamespace(AdamW=ref.AdamWDecayFirst),
    }
