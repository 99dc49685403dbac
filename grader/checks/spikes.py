"""Hidden checks of the `spikes` debugging kata.

The training rows include a few with targets 1000× too large; the held-out rows are all clean, and
the least-squares baseline is fitted on the clean training rows only (the grader knows which they are).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.checks import Check, call_plan
from grader.checks.behaviour import (Regression, checkpoints_from, heldout_curve, ratio_text, regression, returned,
                                     trajectory_problem)

STEPS = 300
AFTER, SPIKE = 60, 2.0  # the no-spike rule: after step 60, never above 2× the lowest held-out MSE so far
FIT = 1.25  # the fit rule: the last checkpoint within 1.25× least squares (on the clean rows)
NO_SPIKES = "no spikes"
FITS = f"the last checkpoint is within {FIT:g}× least squares on held-out rows"


def corrupted(data: Regression, rng: np.random.Generator, count: int) -> Regression:
    """The same data set with `count` training targets multiplied by 1000 (logged in the wrong unit)."""
    bad = rng.choice(len(data.y), count, replace=False)
    data.clean = np.ones(len(data.y), bool)
    data.clean[bad] = False
    data.y = data.y.copy()
    data.y[bad] *= 1000.0
    return data


def spike_factor(data: Regression, points: np.ndarray) -> float:
    curve = heldout_curve(data, points)
    lowest = np.minimum.accumulate(curve)
    with np.errstate(all="ignore"):
        return float(np.max(curve[AFTER:] / lowest[AFTER - 1:-1]))


def spike_verdict(data: Regression, points: np.ndarray | str) -> str:
    problem = trajectory_problem(points, STEPS)
    if problem:
        return problem
    assert not isinstance(points, str)
    if spike_factor(data, points) <= SPIKE:
        return NO_SPIKES
    return f"spikes: a checkpoint's held-out MSE jumps above {SPIKE:g}× the lowest before it"


def fit_verdict(data: Regression, points: np.ndarray | str) -> str:
    problem = trajectory_problem(points, STEPS)
    if problem:
        return problem
    assert not isinstance(points, str)
    if heldout_curve(data, points[-1:])[0] <= FIT * data.ls_mse:
        return FITS
    if spike_factor(data, points) > SPIKE:
        return f"the last checkpoint is above {FIT:g}× least squares on held-out rows, after spikes"
    return (f"the last checkpoint is above {FIT:g}× least squares on held-out rows, without spikes: "
            "the steps are too small to get there")


def _points(record: dict[str, Any], d: int) -> np.ndarray | str:
    return checkpoints_from(returned(record), d)


def _spike_numbers(data: Regression, points: np.ndarray | str) -> str | None:
    if trajectory_problem(points, STEPS):
        return None
    assert not isinstance(points, str)
    curve = heldout_curve(data, points)
    lowest = np.minimum.accumulate(curve)
    with np.errstate(all="ignore"):
        ratios = np.where(np.isnan(curve[AFTER:]), np.inf, curve[AFTER:] / lowest[AFTER - 1:-1])
    t = AFTER + int(np.argmax(np.nan_to_num(ratios, nan=np.inf)))
    return (f"the worst: the checkpoint after step {t + 1} has a held-out MSE of {curve[t]:.4g}, "
            f"{ratios[t - AFTER]:.3g}× the lowest before it ({lowest[t - 1]:.4g}).")


def _fit_numbers(data: Regression, points: np.ndarray | str) -> str | None:
    if trajectory_problem(points, STEPS):
        return None
    assert not isinstance(points, str)
    last = float(heldout_curve(data, points[-1:])[0])
    return f"the last checkpoint's held-out MSE is {last:.4g} = {ratio_text(last, data.ls_mse)} least squares ({data.ls_mse:.4g})."


def build(seed: int) -> list[Check]:
    rng = np.random.default_rng([seed, 104])
    cases = []
    for name, n, d, bad in (("like the demo", 200, 6, 3), ("five features", 180, 5, 3), ("more rows and features", 250, 8, 3)):
        data = corrupted(regression(rng, n, d, 1.0, intercept=False), rng, bad)
        cases.append((f"{name} ({n} rows, {d} features, {bad} rows corrupted)", data, int(rng.integers(2**31))))
    checks = []
    for k, (name, data, data_seed) in enumerate(cases, start=1):
        d = data.X.shape[1]
        plan = call_plan("train", [([data.X, data.y, {"__rng__": data_seed}], {})])
        checks.append(Check(
            f"no-spikes-{k}", f"hidden data set {k}, {name}: no spikes",
            f"after step {AFTER}, no checkpoint's held-out MSE exceeds {SPIKE:g}× the lowest before it",
            plan, "what one batch with a huge error can do to w in a single step, and the standard guard against it",
            view=lambda r, d=d, data=data: [spike_verdict(data, _points(r, d))], labels=("verdict",),
            explain=lambda got, _, d=d, data=data: _spike_numbers(data, _points(got, d)),
            expected_view=lambda r: [NO_SPIKES], extra={"data": data}))
        checks.append(Check(
            f"fits-{k}", f"hidden data set {k}, {name}: fits",
            f"the last checkpoint's held-out MSE is within {FIT:g}× least squares on the clean rows",
            plan, "whether the guard still lets ordinary batches take full steps",
            view=lambda r, d=d, data=data: [fit_verdict(data, _points(r, d))], labels=("verdict",),
            explain=lambda got, _, d=d, data=data: _fit_numbers(data, _points(got, d)),
            expected_view=lambda r: [FITS], extra={"data": data}))
    clean = regression(rng, 180, 6, 1.0, intercept=False)
    clean.clean = np.ones(len(clean.y), bool)
    checks.append(Check(
        "fits-clean", "a hidden data set with no corrupted rows (180 rows, 6 features): fits",
        f"the last checkpoint's held-out MSE is within {FIT:g}× least squares",
        call_plan("train", [([clean.X, clean.y, {"__rng__": int(rng.integers(2**31))}], {})]),
        "whether the guard still lets ordinary batches take full steps",
        view=lambda r: [fit_verdict(clean, _points(r, 6))], labels=("verdict",),
        explain=lambda got, _: _fit_numbers(clean, _points(got, 6)), expected_view=lambda r: [FITS],
        extra={"data": clean}))
    return checks


def card_numbers(report: Any) -> dict[str, str]:
    """On hidden data set 1: the largest step the learner's weights took, and what one bad batch would do unclipped."""
    from grader.checks.behaviour import g, passing, step_lengths

    tests = passing(report)
    if "no-spikes-1" not in tests or "fits-1" not in tests:
        return {}
    test = tests["no-spikes-1"]
    data = test.check.extra["data"]
    points = _points(test.got, data.X.shape[1])
    if isinstance(points, str):
        return {}
    assert data.clean is not None
    # a batch of 10: the first corrupted row and nine clean ones, at the learner's final weights
    batch = np.r_[np.flatnonzero(~data.clean)[:1], np.flatnonzero(data.clean)[:9]]
    X, y, w = data.X[batch], data.y[batch], points[-1]
    unclipped = 0.05 * float(np.linalg.norm(2 * X.T @ (X @ w - y) / len(batch)))
    return {"max_step": g(float(step_lengths(points).max())), "lr_max_norm": g(0.05 * 1.0),
            "unclipped_step": g(unclipped), "spike": g(spike_factor(data, points)),
            "final": g(float(heldout_curve(data, points[-1:])[0]) / data.ls_mse, 4)}
