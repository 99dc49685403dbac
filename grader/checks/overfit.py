"""Hidden checks of the `overfit` debugging kata: the held-out MSE against the noise variance (σ² = 1).

The noise variance is fixed by construction, so the bar is absolute: no model can beat 1.0 on average,
and 4.0 leaves room for a sensible sparse fit (under 2.7 on every seed measured) while excluding both
the interpolating fit (6 or more) and the trivial one (predicting 0 scores 13 or more).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.checks import Check, call_plan
from grader.checks.behaviour import DIVERGED, UNTRAINED, Regression, returned, weights_from

NOISE_VAR, LIMIT = 1.0, 4.0
GENERALISES = f"held-out MSE within {LIMIT:g}× the noise variance"


def sparse_regression(rng: np.random.Generator, n: int, d: int, k: int, n_val: int = 2000) -> Regression:
    """k relevant features with weights of size 2–3 and random sign; noise of variance exactly NOISE_VAR."""
    w = np.zeros(d)
    relevant = rng.choice(d, k, replace=False)
    w[relevant] = rng.choice([-1.0, 1.0], k) * rng.uniform(2.0, 3.0, k)
    X, X_val = rng.standard_normal((n, d)), rng.standard_normal((n_val, d))
    noise = np.sqrt(NOISE_VAR)
    return Regression(X, X @ w + noise * rng.standard_normal(n), X_val, X_val @ w + noise * rng.standard_normal(n_val),
                      intercept=False, truth=w)


def generalisation_verdict(data: Regression, w: np.ndarray | str) -> str:
    if isinstance(w, str):
        return w
    if not np.all(np.isfinite(w)):
        return DIVERGED
    if not np.any(w):
        return UNTRAINED
    held, train = data.mse(w), data.mse(w, held_out=False)
    if held <= LIMIT * NOISE_VAR:
        return GENERALISES
    if train < 0.01 * NOISE_VAR:
        return (f"held-out MSE above {LIMIT:g}× the noise variance while the training rows are fitted exactly: "
                "overfitting")
    if train <= NOISE_VAR:
        return (f"held-out MSE above {LIMIT:g}× the noise variance while the training MSE is below the noise "
                "variance: still overfitting")
    return f"held-out MSE above {LIMIT:g}× the noise variance and training MSE above it too: underfitting"


def _numbers(data: Regression, w: np.ndarray | str) -> str | None:
    if isinstance(w, str) or not np.all(np.isfinite(w)):
        return None
    return (f"held-out MSE {data.mse(w):.4g}, training MSE {data.mse(w, held_out=False):.4g} (noise variance "
            f"{NOISE_VAR:g}; needed: held-out at most {LIMIT * NOISE_VAR:g}); {int(np.sum(np.abs(w) > 1e-3))} of "
            f"{len(w)} weights are larger than 1e-3 in size.")


def build(seed: int) -> list[Check]:
    rng = np.random.default_rng([seed, 105])
    shapes = [(60, 120, 4), (60, 100, 3), (80, 150, 4), (60, 150, 3), (70, 100, 4), (80, 120, 4), (65, 130, 3)]
    checks = []
    for k, (n, d, relevant) in enumerate(shapes, start=1):
        data = sparse_regression(rng, n, d, relevant)

        def w_of(record: dict[str, Any], d: int = d) -> np.ndarray | str:
            return weights_from(returned(record), d, with_bias=False)

        checks.append(Check(
            f"data-{k}", f"hidden data set {k}: {n} rows, {d} features, {relevant} relevant",
            f"the held-out MSE of the returned w is at most {LIMIT:g}× the noise variance",
            call_plan("fit", [([data.X, data.y], {})]),
            "what the penalty does to the weights of the irrelevant features: shrunk, or zeroed?",
            view=lambda r, data=data, w_of=w_of: [generalisation_verdict(data, w_of(r))], labels=("verdict",),
            explain=lambda got, _, data=data, w_of=w_of: _numbers(data, w_of(got)),
            expected_view=lambda r: [GENERALISES], extra={"data": data}))
    return checks


def card_numbers(report: Any) -> dict[str, str]:
    """On hidden data set 1: the learner's held-out and training MSE against the unregularised fit's."""
    from grader.checks.behaviour import g, passing

    tests = passing(report)
    if "data-1" not in tests:
        return {}
    data = tests["data-1"].check.extra["data"]
    w = weights_from(returned(tests["data-1"].got), data.X.shape[1], with_bias=False)
    if isinstance(w, str) or data.truth is None:
        return {}
    plain = np.linalg.pinv(data.X) @ data.y  # where unregularised gradient descent from 0 converges
    return {"rows": str(len(data.y)), "features": str(data.X.shape[1]), "relevant": str(int(np.count_nonzero(data.truth))),
            "heldout": g(data.mse(w)), "train": g(data.mse(w, held_out=False)),
            "heldout_plain": g(data.mse(plain)), "train_plain": g(data.mse(plain, held_out=False)),
            "big": str(int(np.sum(np.abs(w) > 0.1)))}
