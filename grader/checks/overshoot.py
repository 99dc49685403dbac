"""Hidden checks of the `overshoot` debugging kata: does the fixed script converge on data whose
feature scales make the stub's lr several times larger than 2/λmax of the Hessian?"""

from __future__ import annotations

import numpy as np

from grader.checks import Check
from grader.checks.behaviour import Regression, fit_checks, regression


def build(seed: int) -> list[Check]:
    rng = np.random.default_rng([seed, 102])

    def data(n: int, d: int, noise: float) -> Regression:
        # one wide column (std 3–4), the rest narrower: the Hessian's λmax lies between about 11 and 45
        scales = np.r_[rng.uniform(3.0, 4.0), rng.uniform(0.8, 2.0, d - 1)]
        return regression(rng, n, d, noise, scales=scales, w_scale=2.0, bias=float(rng.uniform(-5, 5)))

    cases = [
        ("like the demo", data(120, 3, 2.0)),
        ("six features, few rows", data(60, 6, 1.0)),
        ("many rows", data(200, 5, 0.5)),
        ("four features", data(80, 4, 1.5)),
        ("six features", data(150, 6, 0.3)),
    ]
    return fit_checks(cases, 1.1, "the step size against this data's curvature: on a quadratic loss, gradient descent "
                      "converges only when lr < 2/λmax of the Hessian", "the step size: a stable step never raises the loss",
                      steps=500)


def card_numbers(report) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The learner's run on hidden data set 1, and where the handed-out lr sits against 2/λmax there."""
    from grader.checks.behaviour import fit_card_numbers, g, passing

    out = fit_card_numbers(report)
    tests = passing(report)
    if out and "data-1" in tests:
        data = tests["data-1"].check.extra["data"]
        A = data.design(data.X)
        lam_max = float(np.linalg.eigvalsh(2 * A.T @ A / len(data.y)).max())
        out.update(lam_max=g(lam_max), threshold=g(2 / lam_max), over=g(0.5 * lam_max / 2), half_over=g(0.25 * lam_max / 2))
    return out
