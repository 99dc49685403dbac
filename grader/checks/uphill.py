"""Hidden checks of the `uphill` debugging kata: does the fixed script train, judged on held-out rows."""

from __future__ import annotations

import numpy as np

from grader.checks import Check
from grader.checks.behaviour import fit_checks, regression


def build(seed: int) -> list[Check]:
    rng = np.random.default_rng([seed, 101])

    def data(n: int, d: int, noise: float, bias: float):  # type: ignore[no-untyped-def]
        return regression(rng, n, d, noise, w_scale=2.0, bias=bias)

    cases = [
        ("like the demo", data(100, 4, 0.5, float(rng.uniform(-5, 5)))),
        ("few rows per feature", data(40, 10, 1.0, float(rng.uniform(-5, 5)))),
        ("noisy targets", data(200, 3, 2.0, float(rng.uniform(-5, 5)))),
        ("a large intercept", data(60, 6, 0.5, float(rng.choice([-5.0, 5.0])))),
        ("little noise", data(150, 8, 0.3, float(rng.uniform(-5, 5)))),
    ]
    return fit_checks(cases, 1.1, "the step: with a tiny lr, does one step lower the loss? Which sign must the "
                      "gradient have for w − lr·gradient to go downhill?",
                      "where the loss is recorded, and whether each step lowers it", steps=300, lr=0.05)


def card_numbers(report) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The learner's run on hidden data set 1, and one step of the handed-out and of the fixed script."""
    from grader.checks.behaviour import fit_card_numbers, g, passing

    out = fit_card_numbers(report)
    tests = passing(report)
    if out and "data-1" in tests:
        data = tests["data-1"].check.extra["data"]
        A = data.design(data.X)
        gradient = -2 * A.T @ data.y / len(data.y)  # the true gradient at w = 0, b = 0
        out.update(uphill_loss=g(data.mse(0.05 * gradient, held_out=False), 4),
                   downhill_loss=g(data.mse(-0.05 * gradient, held_out=False), 4))
    return out
