"""Hidden checks of the `restart` debugging kata.

The grader never reads the learning rate from the script to decide the main checks: it measures how
far the weights move at each step. In mini-batch SGD near the optimum the batch gradients keep a
roughly constant size, so the step length tracks the learning rate, and a schedule that jumps back to
max_lr after a decay shows as a jump of a hundred times or more in the step length.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.checks import Check, call_plan
from grader.checks.behaviour import (Regression, array, checkpoints_from, heldout_curve, ratio_text, regression,
                                     restart_factor, returned, trajectory_problem)

STEPS = 400
WARMUP, WINDOW, JUMP = 20, 10, 10.0  # the no-restart rule: windows of 10 steps after step 20, at most 10×
TAIL, SETTLED = 20, 1.08  # the settling rule: the last 20 checkpoints, at most 1.08× least squares
NO_RESTART = "the step length never jumps back up"
SETTLED_OK = f"settled: the last {TAIL} checkpoints average within {SETTLED:g}× least squares on held-out rows"
LRS_OK = "the reported lr never rises after its peak and ends at or below 1% of it"


def _points(record: dict[str, Any], d: int) -> np.ndarray | str:
    value = returned(record)
    return checkpoints_from(value[0] if isinstance(value, (tuple, list)) and len(value) == 2 else value, d)


def restart_verdict(points: np.ndarray | str) -> str:
    problem = trajectory_problem(points, STEPS)
    if problem:
        return problem
    assert not isinstance(points, str)
    if restart_factor(points, WARMUP, WINDOW) <= JUMP:
        return NO_RESTART
    return f"the step length jumps back up more than {JUMP:g}×: the learning rate restarts"


def settled_verdict(data: Regression, points: np.ndarray | str) -> str:
    problem = trajectory_problem(points, STEPS)
    if problem:
        return problem
    assert not isinstance(points, str)
    tail = float(np.mean(heldout_curve(data, points[-TAIL:])))
    if tail <= SETTLED * data.ls_mse:
        return SETTLED_OK
    return f"not settled: the last {TAIL} checkpoints average above {SETTLED:g}× least squares on held-out rows"


def lrs_verdict(value: Any) -> str:
    lrs = array(value[1]) if isinstance(value, (tuple, list)) and len(value) == 2 else None
    if lrs is None or lrs.ndim != 1 or len(lrs) != STEPS or not np.all(np.isfinite(lrs)):
        return f"no usable lrs returned (one number per step, {STEPS} in all)"
    peak = int(np.argmax(lrs))
    if lrs[peak] <= 0:
        return "the reported lr is never above 0"
    if np.any(np.diff(lrs[peak:]) > 1e-12 * lrs[peak]):
        return "the reported lr rises again after its peak"
    if lrs[-1] > 0.01 * lrs[peak]:
        return "the reported lr ends above 1% of its peak"
    return LRS_OK


def _restart_numbers(points: np.ndarray | str) -> str | None:
    if trajectory_problem(points, STEPS):
        return None
    assert not isinstance(points, str)
    return f"the largest jump of the {WINDOW}-step mean step length is {restart_factor(points, WARMUP, WINDOW):.3g}×."


def _settled_numbers(data: Regression, points: np.ndarray | str) -> str | None:
    if trajectory_problem(points, STEPS):
        return None
    assert not isinstance(points, str)
    tail = float(np.mean(heldout_curve(data, points[-TAIL:])))
    return f"the last {TAIL} checkpoints average a held-out MSE of {tail:.4g} = {ratio_text(tail, data.ls_mse)} least squares."


def build(seed: int) -> list[Check]:
    rng = np.random.default_rng([seed, 103])
    cases = [(name, regression(rng, n, d, 1.0, intercept=False), int(rng.integers(2**31)))
             for name, n, d in (("like the demo", 160, 6), ("fewer rows", 120, 5), ("more rows and features", 200, 8))]
    checks = []
    for k, (name, data, data_seed) in enumerate(cases, start=1):
        d = data.X.shape[1]
        plan = call_plan("train", [([data.X, data.y, {"__rng__": data_seed}], {})])
        title = f"hidden data set {k}: {name} ({len(data.y)} rows, {d} features)"
        checks.append(Check(
            f"no-restart-{k}", f"{title}: no restart",
            f"after step {WARMUP}, the {WINDOW}-step mean step length never exceeds {JUMP:g}× its lowest earlier value",
            plan, "the learning rate at every step after the warmup: does it ever go back up?",
            view=lambda r, d=d: [restart_verdict(_points(r, d))], labels=("verdict",),
            explain=lambda got, _, d=d: _restart_numbers(_points(got, d)),
            expected_view=lambda r: [NO_RESTART], extra={"data": data}))
        checks.append(Check(
            f"settles-{k}", f"{title}: settles",
            f"the last {TAIL} checkpoints average a held-out MSE within {SETTLED:g}× least squares",
            plan, "the end of the schedule: is the learning rate small when training stops?",
            view=lambda r, d=d, data=data: [settled_verdict(data, _points(r, d))], labels=("verdict",),
            explain=lambda got, _, d=d, data=data: _settled_numbers(data, _points(got, d)),
            expected_view=lambda r: [SETTLED_OK], extra={"data": data}))
    checks.append(Check(
        "reported-lrs", "the learning rates you report, on hidden data set 1",
        "after their peak the lrs never rise, and the last is at most 1% of the peak",
        checks[0].plan, "the schedule function: one warmup, then one decay to 0",
        view=lambda r: [lrs_verdict(returned(r))], labels=("verdict",), expected_view=lambda r: [LRS_OK],
        extra=dict(checks[0].extra)))
    return checks


def card_numbers(report: Any) -> dict[str, str]:
    """The learner's step-length jump and settling on hidden data set 1, against the handed-out schedule's."""
    from grader.checks.behaviour import g, passing
    from grader.diagnose import run_variant, for_kata

    tests = passing(report)
    if "no-restart-1" not in tests or "reported-lrs" not in tests:
        return {}
    test = tests["no-restart-1"]
    data = test.check.extra["data"]
    points = _points(test.got, data.X.shape[1])
    lrs = array(returned(test.got)[1])
    if isinstance(points, str) or lrs is None:
        return {}
    handed_out = next(m for m in for_kata("restart") if m.id == "restart-cosine-restarts")
    stub_points = _points(run_variant(handed_out, test.check.plan), data.X.shape[1])
    peak = int(np.argmax(lrs))
    out = {"jump": g(restart_factor(points, WARMUP, WINDOW)),
           "tail": g(float(np.mean(heldout_curve(data, points[-TAIL:]))) / data.ls_mse, 4),
           "lr_peak": g(float(lrs[peak])), "peak_step": str(peak), "lr_end": g(float(lrs[-1]))}
    if not isinstance(stub_points, str):
        out["stub_jump"] = g(restart_factor(stub_points, WARMUP, WINDOW))
    return out
