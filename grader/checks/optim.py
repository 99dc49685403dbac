"""Inputs and views shared by the optimizer katas (momentum, adam, adamw)."""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.checks import Check, Record

SHAPES = [(3,), (2, 3), (1,)]


def params_view(record: Record) -> list[list[np.ndarray]]:
    return [s["params"] for s in record["steps"]]


def grads_view(record: Record) -> list[list[np.ndarray]]:
    return [s["grads"] for s in record["steps"]]


PARAM_LABELS = ("step {n}", "params[{i}]")


def mixed_grads(rng: np.random.Generator, shapes: list[tuple[int, ...]], steps: int, low: float, high: float,
                zero_steps: tuple[int, ...] = ()) -> list[list[np.ndarray]]:
    """Gradients whose every element has its own scale 10^U(low, high); listed steps are all zero."""
    out = []
    for t in range(steps):
        grads = []
        for shape in shapes:
            g = rng.standard_normal(shape) * 10.0 ** rng.uniform(low, high, size=shape)
            grads.append(np.zeros(shape) if t in zero_steps else g)
        out.append(grads)
    return out


def start_params(rng: np.random.Generator, shapes: list[tuple[int, ...]]) -> list[np.ndarray]:
    return [rng.standard_normal(shape) for shape in shapes]


def trajectory(target: str, kwargs: dict[str, Any], params: list[np.ndarray], grads: list[list[np.ndarray]],
               settings: list[dict[str, float]] | None = None) -> dict[str, Any]:
    plan: dict[str, Any] = {"driver": "trajectory", "target": target, "kwargs": kwargs, "params": params, "grads": grads}
    if settings is not None:
        plan["set"] = settings
    return plan


def not_in_place(got: Record, expected: Record) -> str | None:
    """Read a failure where the caller's arrays never moved as a rebinding mistake."""
    steps = got.get("steps") or []
    if steps and all(np.array_equal(a, b) for s in steps for a, b in zip(s["params"], steps[0]["params"])):
        first = expected["steps"][0]["params"]
        if any(not np.array_equal(a, b) for a, b in zip(steps[0]["params"], first)):
            return ("the caller's parameter arrays did not change at all: step must modify each array in "
                    "place (p -= ...), since `p = p - ...` only rebinds a local name")
    return None


def common_checks(target: str, rng: np.random.Generator, defaults: dict[str, Any], custom: dict[str, Any],
                  state: str) -> list[Check]:
    """The checks every optimizer kata shares; `state` names its per-parameter state ("velocity")."""
    checks: list[Check] = []
    p = start_params(rng, SHAPES)

    def add(id: str, name: str, rule: str, plan: dict[str, Any], look: str, **kw: Any) -> None:
        checks.append(Check(id, name, rule, plan, look, view=kw.pop("view", params_view), labels=PARAM_LABELS, **kw))

    g1 = mixed_grads(rng, SHAPES, 1, -1, 1)
    add("first-step", "one step from a fresh optimizer", "the update formula, with the state starting at zero",
        trajectory(target, {}, p, g1), f"the formula of one step, and the starting value of {state}")
    grads = mixed_grads(rng, SHAPES, 25, -9, 3, zero_steps=(6, 7, 15))
    add("trajectory-mixed", "25 steps, gradients from 1e-9 to 1e3, three zero-gradient steps, default hyperparameters",
        "the update formula over many steps, with the state carried between steps",
        trajectory(target, {}, p, grads), f"carrying {state} from one step to the next")
    add("tiny-gradients", "20 steps with gradients between 1e-9 and 1e-5",
        "the update formula when gradients are tiny (the place of eps shows here)",
        trajectory(target, {}, p, mixed_grads(rng, SHAPES, 20, -9, -5)), "where eps enters the update")
    add("large-gradients", "20 steps with gradients between 10 and 1e3",
        "the update formula when gradients are large",
        trajectory(target, {}, p, mixed_grads(rng, SHAPES, 20, 1, 3)), "the scale of the update")
    add("hyperparameters", f"non-default hyperparameters {custom}",
        "every hyperparameter given to the constructor is used (none hard-coded)",
        trajectory(target, custom, p, mixed_grads(rng, SHAPES, 20, -3, 1)),
        "that each formula reads self.<hyperparameter>, not a literal value")
    lrs = [defaults["lr"] * f for f in (1, 1, 0.5, 0.0, 0.0, 2, 3, 0.1, 1, 0, 1, 5, 1, 1, 0.25, 1, 1, 2, 1, 1)]
    add("lr-changes", "lr changed between steps (a schedule), including steps with lr = 0",
        "lr is read from self.lr at every step; a step with lr = 0 still advances the state",
        trajectory(target, {}, p, mixed_grads(rng, SHAPES, 20, -2, 1), [{"lr": lr} for lr in lrs]),
        "that step reads self.lr each time, and updates the state even when lr is 0")
    others = {k: v for k, v in custom.items() if k != "lr"}
    add("attributes-changed", f"{', '.join(others)} changed between steps",
        "every hyperparameter is read from its attribute at every step, not copied once in __init__",
        trajectory(target, {}, p, mixed_grads(rng, SHAPES, 16, -3, 1), [{}] * 6 + [others] + [{}] * 9),
        "that step reads self.<name> each time rather than a copy made in __init__")
    same = [(4,), (4,)]
    g_same = [[rng.standard_normal(4) * 3.0, rng.standard_normal(4) * 0.01] for _ in range(15)]
    add("state-per-parameter", f"two parameters of the same shape with very different gradients",
        f"each parameter has its own {state}",
        trajectory(target, {}, start_params(rng, same), g_same), f"keeping {state} per parameter (keyed by position)")
    add("in-place", "the caller's arrays after one step", "step updates every array in params in place",
        trajectory(target, {}, p, mixed_grads(rng, SHAPES, 3, -1, 1)),
        "p -= ... (in place) against p = p - ... (a new array the caller never sees)", explain=not_in_place)
    add("grads-untouched", "the gradient arrays after each step", "step does not modify the arrays in grads",
        trajectory(target, {}, p, mixed_grads(rng, SHAPES, 5, -1, 1)),
        "in-place operations (*=, +=, out=) applied to g", view=grads_view, rtol=0.0, atol=0.0)
    return checks
