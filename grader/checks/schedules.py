"""Hidden checks of the `schedules` kata."""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.checks import Check, call_plan, calls_view

LABELS = ("call {n}",)


def _calls(cases: list[tuple[Any, ...]]) -> list[tuple[list[Any], dict[str, Any]]]:
    return [(list(c), {}) for c in cases]


def build(seed: int) -> list[Check]:
    rng = np.random.default_rng([seed, 5])
    warm = int(rng.integers(5, 200))
    total = warm + int(rng.integers(50, 2000))
    max_lr = float(10 ** rng.uniform(-4, -1))
    min_lr = max_lr * float(rng.uniform(0.01, 0.3))
    inside = sorted({0, 1, int(rng.integers(1, warm)), warm // 2, warm - 1})
    decay = sorted({int(rng.integers(warm + 1, total)), (warm + total) // 2, warm + 1, total - 1})

    def check(id: str, name: str, rule: str, target: str, cases: list[tuple[Any, ...]], look: str, rtol: float = 1e-12) -> Check:
        return Check(id, name, rule, call_plan(target, _calls(cases)), look, view=calls_view, labels=LABELS, rtol=rtol, atol=1e-18)

    return [
        check("warmup", "inside the warmup, from step 0", "max_lr·step/warmup_steps while step < warmup_steps",
              "lr_schedule", [(s, warm, total, max_lr) for s in inside], "the warmup branch and its first step"),
        check("peak", "the step where warmup ends", "step == warmup_steps gives exactly max_lr (cosine progress 0)",
              "lr_schedule", [(warm, warm, total, max_lr), (warm, warm, total, max_lr, min_lr)],
              "the comparison that ends the warmup (< or <=)"),
        check("cosine", "during the cosine decay", "min_lr + ½(max_lr − min_lr)(1 + cos(π·progress))",
              "lr_schedule", [(s, warm, total, max_lr) for s in decay], "progress, and the cosine formula"),
        check("end", "at total_steps and past it", "min_lr for every step ≥ total_steps: the curve stays flat",
              "lr_schedule", [(total, warm, total, max_lr), (total + 1, warm, total, max_lr),
                              (2 * total, warm, total, max_lr, min_lr), (total + 3 * warm, warm, total, max_lr, min_lr)],
              "what happens once step ≥ total_steps"),
        check("no-warmup", "warmup_steps = 0", "no warmup: the cosine starts at step 0 and nothing divides by zero",
              "lr_schedule", [(0, 0, total, max_lr), (total // 3, 0, total, max_lr, min_lr), (total, 0, total, max_lr)],
              "the warmup branch when warmup_steps is 0"),
        check("min-lr", "min_lr > 0", "the cosine ends at min_lr, not 0",
              "lr_schedule", [(s, warm, total, max_lr, min_lr) for s in decay + [total]], "where min_lr enters the formula"),
        check("warmup-equals-total", "total_steps == warmup_steps", "warmup, then min_lr: no division by zero",
              "lr_schedule", [(warm // 2, warm, warm, max_lr, min_lr), (warm, warm, warm, max_lr, min_lr)],
              "the order of the tests in lr_schedule"),
        check("invalid-schedule", "invalid arguments", "ValueError for step < 0, warmup_steps < 0, "
              "total_steps < warmup_steps, or min_lr > max_lr",
              "lr_schedule", [(-1, warm, total, max_lr), (0, -5, total, max_lr), (3, warm, warm - 1, max_lr),
                              (3, warm, total, max_lr, 2 * max_lr)], "the argument checks at the top of lr_schedule"),
        check("step-decay", "step decay around its drops", "initial_lr·drop_factor^(epoch // drop_every)",
              "step_decay", [(0.1, e) for e in (0, 1, 9, 10, 11, 19, 20, 35)] +
              [(0.3, e, 0.1, 3) for e in (0, 2, 3, 5, 6, 10)] + [(1.0, 7, 0.5, 1)], "floor division in the exponent"),
        check("invalid-step-decay", "step decay with invalid arguments", "ValueError for epoch < 0 or drop_every < 1",
              "step_decay", [(0.1, -1), (0.1, 5, 0.5, 0)], "the argument checks at the top of step_decay"),
    ]
