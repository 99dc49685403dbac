"""The procedures a check runs against a module: the learner's (in the child) or a reference (here).

Each driver takes the module and a plan (plain data) and returns a record (plain data). The same
code runs the learner and the reference, so the two records differ only by what the code did.
A driver never decides anything: comparison happens in the parent.
"""

from __future__ import annotations

import itertools
import random
import traceback
import warnings
from collections.abc import Iterator
from typing import Any, Callable

import numpy as np

Record = dict[str, Any]
MAX_YIELDED = 100_000  # items taken from a generator the learner returns


def run(plan: dict[str, Any], module: Any) -> Record:
    """Run one plan against `module` (anything with the plan's target as an attribute).

    The global generators (numpy's and the random module's) are reseeded first, so code that
    draws from them behaves the same in the learner's process and in a replay here.
    """
    np.random.seed(0)
    random.seed(0)
    return DRIVERS[plan["driver"]](plan, module)


def _target(module: Any, name: str) -> Any:
    obj = module
    for part in name.split("."):
        obj = getattr(obj, part)
    return obj


def error_info(exc: BaseException, filename: str | None = None) -> dict[str, Any]:
    """What the learner needs to know of an exception: type, message, and their own line."""
    frames = traceback.extract_tb(exc.__traceback__)
    mine = [f for f in frames if filename is None or f.filename == filename]
    where = mine[-1] if mine else None
    return {
        "type": type(exc).__name__,
        "message": _message(exc),
        "line": where.lineno if where else None,
        "code": (where.line or "")[:200] if where else None,
        "function": where.name if where else None,
    }


def _message(exc: BaseException) -> str:
    try:
        return str(exc)[:1000]
    except BaseException:  # noqa: BLE001 - a learner's exception may fail to print itself
        return "<the exception's message could not be printed>"


def trajectory(plan: dict[str, Any], module: Any) -> Record:
    """Build an optimizer, then call step(params, grads) once per entry of plan["grads"].

    Before step i, each attribute in plan["set"][i] is assigned on the optimizer (lr changes).
    After every step the record keeps a copy of the caller's parameter arrays and of the grads
    arrays that were passed (to see whether step modified them).
    """
    steps: list[Record] = []
    record: Record = {"steps": steps}
    try:
        opt = _target(module, plan["target"])(**plan.get("kwargs", {}))
        params = [np.array(p, dtype=float) for p in plan["params"]]
        caller_list = list(params)
        for i, grads in enumerate(plan["grads"]):
            for attr, value in (plan.get("set") or [{}] * len(plan["grads"]))[i].items():
                setattr(opt, attr, value)
            passed = [np.array(g, dtype=float) for g in grads]
            opt.step(caller_list, passed)
            steps.append({"params": [p.copy() for p in params], "grads": [g.copy() for g in passed]})
    except BaseException as exc:  # SystemExit and KeyboardInterrupt from learner code too
        record["error"] = error_info(exc, plan.get("_file"))
    return record


def calls(plan: dict[str, Any], module: Any) -> Record:
    """Call the target once per (args, kwargs) in plan["calls"]; keep each result or exception.

    With plan["aliasing"], whether each returned array shares memory with an argument is kept.
    With plan["warnings"], the warnings each call raised are kept (numpy's overflow warnings, say).
    With plan["args_after"], a copy of the (array) arguments after the call is kept too, to see
    whether the function modified its inputs; with plan["again"], the function is called a second
    time on the first element of its own result (clipping twice must change nothing).
    """
    results: list[Record] = []
    try:
        func: Callable[..., Any] = _target(module, plan["target"])
    except BaseException as exc:  # SystemExit and KeyboardInterrupt from learner code too
        return {"results": results, "error": error_info(exc, plan.get("_file"))}
    rngs: dict[int, np.random.Generator] = {}  # calls naming the same seed share one generator
    for args, kwargs in plan["calls"]:
        args = [_fresh(a, rngs) for a in args]
        kwargs = {k: _fresh(v, rngs) for k, v in kwargs.items()}
        out: Record = {}
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                returned = func(*args, **kwargs)
                if isinstance(returned, Iterator):  # a generator: the record holds what it yields
                    returned = list(itertools.islice(returned, MAX_YIELDED))
            out["returned"] = _fresh(returned)
            if plan.get("aliasing"):  # which returned arrays share memory with an argument
                inputs = list(_arrays(args))
                out["aliases"] = [any(_SHARES(r, a) for a in inputs) for r in _arrays(returned)]
            if plan.get("warnings"):
                out["warnings"] = [f"{w.category.__name__}: {w.message}"[:200] for w in caught[:20]]
            if plan.get("again"):
                first = out["returned"][0] if isinstance(out["returned"], (tuple, list)) else None
                out["again"] = _fresh(func(_fresh(first), **kwargs))
        except BaseException as exc:  # SystemExit and KeyboardInterrupt from learner code too
            out["raised"] = error_info(exc, plan.get("_file"))
        if plan.get("args_after"):
            out["args_after"] = _fresh(args)
        results.append(out)
    return {"results": results}


_SHARES = np.shares_memory  # bound before any learner code runs in this process


def _arrays(value: Any, depth: int = 0) -> Any:
    """Every numpy array inside a value (lists and tuples walked)."""
    if isinstance(value, np.ndarray):
        yield value
    elif isinstance(value, (list, tuple)) and depth < 10:
        for v in value:
            yield from _arrays(v, depth + 1)


def _fresh(value: Any, rngs: dict[int, np.random.Generator] | None = None) -> Any:
    """A copy of the arrays in a value: arguments no other call shares, results no later call changes.

    In arguments, {"__rng__": seed} stands for np.random.default_rng(seed), one per seed per plan.
    """
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, list):
        return [_fresh(v, rngs) for v in value]
    if isinstance(value, tuple):
        return tuple(_fresh(v, rngs) for v in value)
    if rngs is not None and isinstance(value, dict) and set(value) == {"__rng__"}:
        seed = int(value["__rng__"])
        return rngs.setdefault(seed, np.random.default_rng(seed))
    return value


def gradients(problem: dict[str, Any], params: list[np.ndarray], step: int) -> list[np.ndarray]:
    """The gradient of a scenario's loss at `params` (the driver's own arithmetic, not the learner's).

    quadratic: ½·Σ c·w², gradient c·w · quartic: ¼·Σ w⁴, gradient w³ ·
    linear: MSE of X @ W on the batch of this step, with y multiplied by `corrupt[step]` if listed.
    """
    kind = problem["kind"]
    if kind == "quadratic":
        return [np.asarray(problem["curvature"]) * params[0]]
    if kind == "quartic":
        return [params[0] ** 3]
    batch = np.asarray(problem["batches"][step % len(problem["batches"])])
    X, y = np.asarray(problem["X"])[batch], np.asarray(problem["y"])[batch]
    y = y * problem.get("corrupt", {}).get(str(step), 1.0)
    return [2.0 * X.T @ (X @ params[0] - y) / len(y)]


def optimize(plan: dict[str, Any], module: Any) -> Record:
    """Train on a scenario problem, using the learner's optimizer, schedule or clipping where named.

    plan["optimizer"] is {"target": class name, "kwargs": {...}} for the learner's optimizer, or
    {"sgd": lr} for plain SGD; plan["schedule"] ({"target": function, "kwargs": {...}}) sets the lr
    of plain SGD at each step; plan["clip"] ({"target": function, "max_norm": x}) clips each gradient.
    The record keeps a copy of the parameters after every step; the parent computes the losses.
    """
    params = [np.array(p, dtype=float) for p in plan["params"]]
    steps: list[list[np.ndarray]] = []
    record: Record = {"steps": steps}
    try:
        spec = plan["optimizer"]
        opt = _target(module, spec["target"])(**spec.get("kwargs", {})) if "target" in spec else None
        schedule = plan.get("schedule")
        clip = plan.get("clip")
        for t in range(plan["steps"]):
            grads = gradients(plan["problem"], params, t)
            if clip:
                grads = list(_target(module, clip["target"])(grads, clip["max_norm"])[0])
            if opt is not None:
                opt.step(params, grads)
            else:
                lr = float(_target(module, schedule["target"])(t, **schedule["kwargs"])) if schedule else spec["sgd"]
                for p, g in zip(params, grads):
                    p -= lr * np.asarray(g, dtype=float)
            steps.append([p.copy() for p in params])
            if not all(np.isfinite(p).all() for p in params):
                break  # diverged: the rest would only be NaN
    except BaseException as exc:  # SystemExit and KeyboardInterrupt from learner code too
        record["error"] = error_info(exc, plan.get("_file"))
    return record


DRIVERS: dict[str, Callable[[dict[str, Any], Any], Record]] = {"trajectory": trajectory, "calls": calls, "optimize": optimize}
