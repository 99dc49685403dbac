"""Hidden checks of the `adam` kata."""

from __future__ import annotations

import numpy as np

from grader.checks import Check
from grader.checks.optim import common_checks

DEFAULTS = {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}
CUSTOM = {"lr": 0.02, "beta1": 0.8, "beta2": 0.95, "eps": 1e-6}


def build(seed: int) -> list[Check]:
    return common_checks("Adam", np.random.default_rng([seed, 3]), DEFAULTS, CUSTOM, "m and v")
