"""Behaviour scenarios: the learner's optimizer, schedule or clipping at work on a small problem.

Each scenario trains on a problem built for one behaviour of the primer (momentum damping a ravine,
Adam learning a rare feature, clipping surviving a corrupted batch, warmup avoiding an early
divergence, the learning rate's stability threshold). The learner's run happens in the child; the
reference's run and a baseline without the learner's piece run here. Scenarios report measured
numbers; they inform, and never change a verdict. Every number shown is computed here from the
recorded parameters, never taken from the learner's process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from grader import drivers

Record = dict[str, Any]


@dataclass
class Result:
    id: str
    title: str
    numbers: dict[str, float | None]
    lines: list[str]
    curves: list[tuple[str, list[float]]] = field(default_factory=list)
    error: str | None = None
    axis: str = "steps"  # what the curves' x axis is


@dataclass
class Scenario:
    id: str
    title: str
    plan: dict[str, Any]  # run with the learner's module (and with the reference's, for comparison)
    baseline: dict[str, Any] | None  # run with the reference's module, without the learner's piece
    analyse: Callable[[Record, Record, Record | None], Result]

    def measure(self, learner: Record, reference: Record, baseline: Record | None) -> Result:
        """The scenario's numbers; a learner's run that blew up gives inf and NaN, quietly."""
        with np.errstate(all="ignore"):
            return self.analyse(learner, reference, baseline)


def _params(record: Record) -> np.ndarray:
    """The recorded parameters as an array of shape (steps, size)."""
    steps = record.get("steps") or []
    return np.array([np.concatenate([np.ravel(np.asarray(p, dtype=float)) for p in s]) for s in steps]) if steps else np.zeros((0, 0))


def _fmt(x: float | None, digits: int = 3) -> str:
    if x is None or not np.isfinite(x):
        return "diverged"
    return f"{x:.{digits}g}"


def _finite_or_none(x: float) -> float | None:
    return float(x) if np.isfinite(x) else None


# -- momentum: a ravine ----------------------------------------------------------------------

RAVINE = {"kind": "quadratic", "curvature": [100.0, 1.0]}
RAVINE_LR, RAVINE_STEPS = 0.0199, 100


def _ravine_stats(record: Record) -> dict[str, float | None]:
    w = _params(record)
    if len(w) < RAVINE_STEPS:
        return {"sign_changes": None, "late_amplitude": None, "flat_distance": None}
    steep = w[:, 0]
    return {"sign_changes": float(np.sum(np.sign(steep[1:]) != np.sign(steep[:-1]))),
            "late_amplitude": _finite_or_none(np.abs(steep[-20:]).max()),
            "flat_distance": _finite_or_none(abs(w[-1, 1]))}


def _ravine_loss(record: Record) -> list[float]:
    w = _params(record)
    return [0.5 * (100.0 * a * a + b * b) for a, b in w] if w.size else []


def _analyse_ravine(learner: Record, reference: Record, baseline: Record | None) -> Result:
    yours, ref, sgd = _ravine_stats(learner), _ravine_stats(reference), _ravine_stats(baseline or {})
    numbers = {f"{who}_{k}": v for who, d in (("yours", yours), ("reference", ref), ("sgd", sgd)) for k, v in d.items()}
    lines = [f"curvatures 100 and 1, lr {RAVINE_LR}, {RAVINE_STEPS} steps from (1, 1): sign changes of the steep "
             f"coordinate — plain SGD {_fmt(sgd['sign_changes'])}, your momentum {_fmt(yours['sign_changes'])} "
             f"(reference {_fmt(ref['sign_changes'])})",
             f"its amplitude over the last 20 steps — SGD {_fmt(sgd['late_amplitude'])}, yours "
             f"{_fmt(yours['late_amplitude'])} (reference {_fmt(ref['late_amplitude'])}); distance left along the "
             f"flat direction — SGD {_fmt(sgd['flat_distance'])}, yours {_fmt(yours['flat_distance'])}"]
    curves = [("your momentum", _ravine_loss(learner)), ("reference", _ravine_loss(reference)), ("plain SGD", _ravine_loss(baseline or {}))]
    return Result("ravine", "a narrow ravine: does momentum damp the oscillation?", numbers, lines, curves)


# -- adam: a rare feature --------------------------------------------------------------------

SPARSE_STEPS, SPARSE_LR, SPARSE_VALUE, SPARSE_WEIGHT, SPARSE_RATE = 400, 0.1, 0.2, 5.0, 0.02


def _sparse_problem() -> dict[str, Any]:
    rng = np.random.default_rng(2029)  # a draw with 8 rare examples in 400 (2.0%)
    dense = rng.standard_normal(SPARSE_STEPS)
    rare = SPARSE_VALUE * (rng.random(SPARSE_STEPS) < SPARSE_RATE)
    X = np.column_stack([dense, rare])
    y = X @ np.array([1.0, SPARSE_WEIGHT]) + 0.01 * rng.standard_normal(SPARSE_STEPS)
    return {"kind": "linear", "X": X, "y": y, "batches": [[i] for i in range(SPARSE_STEPS)]}


def _learned(record: Record) -> float | None:
    w = _params(record)
    return _finite_or_none(w[-1, 1] / SPARSE_WEIGHT) if len(w) == SPARSE_STEPS else None


def _analyse_sparse(learner: Record, reference: Record, baseline: Record | None) -> Result:
    yours, ref, sgd = _learned(learner), _learned(reference), _learned(baseline or {})
    present = int(np.count_nonzero(np.asarray(_sparse_problem()["X"])[:, 1]))
    pct = lambda v: "diverged" if v is None else f"{100 * v:.0f}%"  # noqa: E731
    lines = [f"a feature present in {present} of {SPARSE_STEPS} examples ({100 * present / SPARSE_STEPS:.1f}%), "
             f"one example per step, lr {SPARSE_LR}: share of its weight learned — your Adam {pct(yours)} "
             f"(reference {pct(ref)}), plain SGD at the same lr {pct(sgd)}"]
    curve = lambda r: [float(row[1]) for row in _params(r)]  # noqa: E731
    return Result("sparse-feature", "a rare feature: does Adam learn its weight?",
                  {"yours_learned": yours, "reference_learned": ref, "sgd_learned": sgd, "examples_with_feature": float(present)},
                  lines, [("your Adam", curve(learner)), ("reference", curve(reference)), ("plain SGD", curve(baseline or {}))])


# -- clipping: one corrupted batch -----------------------------------------------------------

CORRUPT_AT, CORRUPT_FACTOR, CLIP_STEPS, CLIP_LR = 40, 1000.0, 80, 0.1
TRUE_W = np.array([1.0, -2.0, 0.5])


def _corrupt_problem() -> dict[str, Any]:
    rng = np.random.default_rng(7)
    X = rng.standard_normal((256, 3))
    y = X @ TRUE_W + 0.1 * rng.standard_normal(256)
    batches = [rng.choice(256, 32, replace=False) for _ in range(CLIP_STEPS)]
    return {"kind": "linear", "X": X, "y": y, "batches": batches, "corrupt": {str(CORRUPT_AT): CORRUPT_FACTOR}}


def _distances(record: Record) -> list[float]:
    return [float(np.linalg.norm(w - TRUE_W)) for w in _params(record)]


def _analyse_clipping(learner: Record, reference: Record, baseline: Record | None) -> Result:
    def stats(r: Record) -> tuple[float | None, float | None]:
        d = _distances(r)
        return (_finite_or_none(max(d[CORRUPT_AT:])), _finite_or_none(d[-1])) if len(d) == CLIP_STEPS else (None, None)

    (yj, yf), (rj, rf), (bj, bf) = stats(learner), stats(reference), stats(baseline or {})
    lines = [f"SGD at lr {CLIP_LR}, batch {CORRUPT_AT} with targets ×{CORRUPT_FACTOR:g}: largest distance of the weights "
             f"from the truth after it — with your clipping {_fmt(yj)} (reference {_fmt(rj)}), without clipping {_fmt(bj)}",
             f"distance at the end — yours {_fmt(yf)}, reference {_fmt(rf)}, without clipping {_fmt(bf)}"]
    return Result("corrupted-batch", "one corrupted batch: do the weights stay bounded?",
                  {"yours_jump": yj, "reference_jump": rj, "unclipped_jump": bj, "yours_final": yf,
                   "reference_final": rf, "unclipped_final": bf},
                  lines, [("your clipping", _distances(learner)), ("reference", _distances(reference)), ("no clipping", _distances(baseline or {}))])


# -- schedules: warmup -----------------------------------------------------------------------

WARM = {"warmup_steps": 20, "total_steps": 100, "max_lr": 0.3}
QUARTIC_START = [np.array([3.0, -2.5])]


def _quartic_losses(record: Record) -> list[float]:
    return [float(0.25 * np.sum(w**4)) for w in _params(record)]


def _analyse_warmup(learner: Record, reference: Record, baseline: Record | None) -> Result:
    def end(r: Record) -> float | None:
        losses = _quartic_losses(r)
        return _finite_or_none(losses[-1]) if len(losses) == WARM["total_steps"] else None

    constant = _quartic_losses(baseline or {})
    lasted = next((i + 1 for i, v in enumerate(constant) if not np.isfinite(v) or v > 1e6), None)
    start = float(0.25 * np.sum(QUARTIC_START[0] ** 4))
    lines = [f"loss ¼·Σw⁴ from w = (3, −2.5) (loss {start:.4g}), plain SGD, max_lr {WARM['max_lr']}: a constant lr "
             + (f"blows up (loss above 1e6 by step {lasted})" if lasted else f"ends at {_fmt(constant[-1] if constant else None)}")
             + f"; with your schedule (warmup {WARM['warmup_steps']}, cosine to step {WARM['total_steps']}) the loss ends at "
             f"{_fmt(end(learner))} (reference {_fmt(end(reference))})"]
    return Result("warmup", "too high an lr at the start: does warmup save the run?",
                  {"yours_final_loss": end(learner), "reference_final_loss": end(reference),
                   "constant_lr_blowup_step": float(lasted) if lasted else None},
                  lines, [("your schedule", _quartic_losses(learner)), ("reference", _quartic_losses(reference)),
                          ("constant lr", constant)])


# -- sgd: learning-rate sensitivity on the delivery data -------------------------------------

DELIVERY_X = np.array([2.0, 5.0, 10.0, 3.0, 8.0])
DELIVERY_Y = np.array([15.0, 30.0, 55.0, 18.0, 48.0])
SENSITIVITY_STEPS = 200


def stability_threshold() -> float:
    """2 / (largest eigenvalue of the MSE's Hessian in (w, b)) on the delivery data."""
    design = np.column_stack([DELIVERY_X, np.ones_like(DELIVERY_X)])
    hessian = 2.0 * design.T @ design / len(DELIVERY_X)
    return float(2.0 / np.linalg.eigvalsh(hessian).max())


def _lrs() -> list[float]:
    t = stability_threshold()
    return [0.001, 0.01, round(0.9 * t, 5), round(0.99 * t, 5), round(1.01 * t, 5), round(1.2 * t, 5), 0.1]


def _final_losses(record: Record) -> list[float | None]:
    """The MSE on the delivery data of the (w, b) each run returned, computed here (not the losses
    the learner's train reported)."""
    out = []
    for r in record.get("results", []):
        got = r.get("returned")
        try:
            w, b = float(got[0]), float(got[1])
            out.append(_finite_or_none(float(np.mean((w * DELIVERY_X + b - DELIVERY_Y) ** 2))))
        except (TypeError, IndexError, ValueError, KeyError, OverflowError):
            out.append(None)
    return out


def _analyse_lr(learner: Record, reference: Record, baseline: Record | None) -> Result:
    t = stability_threshold()
    start = float(np.mean(DELIVERY_Y**2))
    yours, ref = _final_losses(learner), _final_losses(reference)
    cells = [f"lr {lr:g}: {_fmt(y, 4)}" + ("" if y is None or y < start else " (rising)") for lr, y in zip(_lrs(), yours)]
    lines = [f"the loss's largest curvature on the delivery data is {2 / t:.4g}, so SGD is stable only for lr < 2/{2 / t:.4g} "
             f"= {t:.5g}; the loss of the (w, b) your train returns after {SENSITIVITY_STEPS} steps "
             f"(it starts at {start:.5g}):",
             "; ".join(cells)]
    numbers: dict[str, float | None] = {"threshold": t, "start_loss": start}
    numbers.update({f"yours_lr_{lr:g}": y for lr, y in zip(_lrs(), yours)})
    numbers.update({f"reference_lr_{lr:g}": y for lr, y in zip(_lrs(), ref)})
    return Result("lr-sensitivity", "learning-rate sensitivity: where does SGD diverge?", numbers, lines,
                  [("yours", [y if y is not None else float("inf") for y in yours]),
                   ("reference", [y if y is not None else float("inf") for y in ref])],
                  axis=f"final loss at lr {', '.join(f'{lr:g}' for lr in _lrs())}")


def for_kata(kata: str) -> list[Scenario]:
    """The scenarios a kata's grading runs (none for most katas)."""
    if kata == "momentum":
        plan = {"driver": "optimize", "problem": RAVINE, "params": [np.array([1.0, 1.0])], "steps": RAVINE_STEPS,
                "optimizer": {"target": "Momentum", "kwargs": {"lr": RAVINE_LR, "beta": 0.9}}}
        return [Scenario("ravine", "a narrow ravine: does momentum damp the oscillation?", plan, dict(plan, optimizer={"sgd": RAVINE_LR}), _analyse_ravine)]
    if kata == "adam":
        plan = {"driver": "optimize", "problem": _sparse_problem(), "params": [np.zeros(2)], "steps": SPARSE_STEPS,
                "optimizer": {"target": "Adam", "kwargs": {"lr": SPARSE_LR}}}
        return [Scenario("sparse-feature", "a rare feature: does Adam learn its weight?", plan, dict(plan, optimizer={"sgd": SPARSE_LR}), _analyse_sparse)]
    if kata == "clipping":
        plan = {"driver": "optimize", "problem": _corrupt_problem(), "params": [np.zeros(3)], "steps": CLIP_STEPS,
                "optimizer": {"sgd": CLIP_LR}, "clip": {"target": "clip_grad_norm", "max_norm": 1.0}}
        baseline = {k: v for k, v in plan.items() if k != "clip"}
        return [Scenario("corrupted-batch", "one corrupted batch: do the weights stay bounded?", plan, baseline, _analyse_clipping)]
    if kata == "schedules":
        plan = {"driver": "optimize", "problem": {"kind": "quartic"}, "params": QUARTIC_START, "steps": WARM["total_steps"],
                "optimizer": {"sgd": WARM["max_lr"]}, "schedule": {"target": "lr_schedule", "kwargs": WARM}}
        baseline = {k: v for k, v in plan.items() if k != "schedule"}
        return [Scenario("warmup", "too high an lr at the start: does warmup save the run?", plan, baseline, _analyse_warmup)]
    if kata == "sgd":
        plan = {"driver": "calls", "target": "train",
                "calls": [([DELIVERY_X, DELIVERY_Y], {"lr": lr, "steps": SENSITIVITY_STEPS}) for lr in _lrs()]}
        return [Scenario("lr-sensitivity", "learning-rate sensitivity: where does SGD diverge?", plan, None, _analyse_lr)]
    return []


def run_here(plan: dict[str, Any], module: Any) -> Record:
    """Run a scenario plan in this process with numpy's warnings silenced (divergence is expected)."""
    with np.errstate(all="ignore"):
        return drivers.run(plan, module)
