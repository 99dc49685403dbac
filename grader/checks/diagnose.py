"""Hidden checks of the `diagnose` kata: two logs per failure mode, from real runs with planted faults.

The logs are made here, in the grader's process, by solutions.training_logs (the trusted side), from
the grading seed; the learner's function only ever sees the finished logs.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.checks import Check, Record, call_plan, calls_view
from solutions.training_logs import FIRST_FIX, MODES, Log, make_log

WHAT = {
    "healthy": ("runs with no fault", "the warmup and the end: a healthy run still moves, then settles with small gradients"),
    "not-decreasing": ("runs whose loss never goes down", "rule 2: compare the medians of the first and last tenth"),
    "diverging": ("runs whose loss blows up", "rule 1, and that it is tested first"),
    "oscillating": ("runs whose loss bounces from step to step", "rule 3: the step-to-step ratios over the second half"),
    "spiking": ("runs with a few sudden jumps in the loss", "rule 4: each loss against the median of the 10 before it"),
    "plateau": ("runs that stall while the gradients are still large", "rule 6: the gradient norms, not the loss"),
    "overfitting": ("runs whose validation loss turns back up", "rule 5: val_loss against its minimum, and the training loss"),
}


def _is_answer(value: Any) -> bool:
    return isinstance(value, (tuple, list)) and len(value) == 2 and all(isinstance(v, str) for v in value)


def answers_view(record: Record) -> list[Any]:
    """Each call's (failure_mode, first_fix) as a two-item list, or what came back instead."""
    return [list(value) if _is_answer(value) else value for value in calls_view(record)]


def log_numbers(log: Log) -> str:
    """The quantities the rules use, for one log."""
    loss = np.asarray(log["loss"], dtype=float)
    T, k = len(loss), max(1, len(loss) // 10)
    with np.errstate(all="ignore"):
        first, last = np.median(loss[:k]), np.median(loss[-k:])
        bounce = np.median(np.abs(np.diff(np.log(loss[T // 2:]))))
        jump = max(loss[t] / np.median(loss[t - 10:t]) for t in range(10, T))
        val = np.asarray(log["val_loss"], dtype=float)
        grad = np.asarray(log["grad_norm"], dtype=float)
        turned = np.median(val[-k:]) / np.min(val)
        kept = np.median(grad[-k:]) / np.median(grad[:k])
    return (f"last/first {last / first:.3g}, median |ln ratio| over the second half {bounce:.3g}, largest jump "
            f"{jump:.3g}×, final/min val_loss {turned:.3g}, final/initial grad_norm {kept:.3g}")


def build(seed: int) -> list[Check]:
    rng = np.random.default_rng([seed, 106])
    checks = []
    for mode, (what, look) in WHAT.items():
        variants = len(MODES[mode])
        # The learning rate is left out of the logs the learner sees: the rules do not use it, and the
        # planted faults' schedules would otherwise give the mode away.
        logs = [{k: v for k, v in make_log(mode, int(rng.integers(2**31)), variant=i % variants).items() if k != "lr"}
                for i in range(2)]

        def explain(got: Record, expected: Record, logs: list[Log] = logs, mode: str = mode) -> str | None:
            right = [mode, FIRST_FIX[mode]]
            wrong = [i for i, g in enumerate(answers_view(got)) if not (_is_answer(g) and g == right)]
            return f"log {wrong[0] + 1}: {log_numbers(logs[wrong[0]])}." if wrong else None

        checks.append(Check(
            mode, f"two logs of {what}", f'"{mode}" with its first fix, by the rules in the docstring',
            call_plan("diagnose", [([log], {}) for log in logs]), look, view=answers_view,
            labels=("log {n}", ("failure_mode", "first_fix")), explain=explain,
            expected_view=lambda r, mode=mode: [[mode, FIRST_FIX[mode]]] * 2, extra={"logs": logs, "mode": mode}))
    rng.shuffle(checks)  # a random order, so no answer can come from counting calls
    return checks


def card_numbers(report: Any) -> dict[str, str]:
    """How far the hidden spiking and oscillating logs were from their rules' thresholds."""
    tests = {t.check.id: t for t in report.tests if t.verdict.status == "pass"}
    out: dict[str, str] = {}
    if len(tests) == len(report.tests):
        out["logs"] = str(sum(len(t.check.extra["logs"]) for t in report.tests))
    if "spiking" in tests:
        jumps = []
        for log in tests["spiking"].check.extra["logs"]:
            loss = np.asarray(log["loss"], dtype=float)
            jumps.append(max(loss[t] / np.median(loss[t - 10:t]) for t in range(10, len(loss))))
        out["spike_jump"] = f"{min(jumps):.3g}"
    if "oscillating" in tests:
        bounces = [np.median(np.abs(np.diff(np.log(np.asarray(log["loss"], dtype=float)[len(log["loss"]) // 2:]))))
                   for log in tests["oscillating"].check.extra["logs"]]
        out["bounce"] = f"{min(bounces):.3g}"
    return out
