"""Hidden checks of the `momentum` kata."""

from __future__ import annotations

import numpy as np

from grader.checks import Check
from grader.checks.optim import common_checks

DEFAULTS = {"lr": 0.01, "beta": 0.9}
CUSTOM = {"lr": 0.05, "beta": 0.7}


def build(seed: int) -> list[Check]:
    return common_checks("Momentum", np.random.default_rng([seed, 2]), DEFAULTS, CUSTOM, "the velocity")
