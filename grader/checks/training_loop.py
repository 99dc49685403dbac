"""Hidden checks of the `training-loop` kata: components exactly, the loop by its outcome.

The loop is judged by what the grader measures from the returned (W, b) on held-out data it keeps,
and from the logged losses; its exact trajectory is not compared (orders of operations legitimately
differ). The gradient is also checked against central finite differences of the reference loss.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.checks import Check, Record, call_plan, calls_view, raised
from grader.compare import describe
from solutions import training_loop as ref

ACCURACY_MARGIN = 0.02
FD_STEP = 1e-6


def _data(rng: np.random.Generator, n: int, w: np.ndarray, b: float) -> tuple[np.ndarray, np.ndarray]:
    X = rng.standard_normal((n, len(w)))
    y = (X @ w + b + 0.3 * rng.standard_normal(n) > 0).astype(float)
    return X, y


def _finite_differences(X: np.ndarray, y: np.ndarray, W: np.ndarray, b: float) -> list[Any]:
    """Central differences of the (unclipped) mean BCE in each coordinate of W, then in b."""
    def loss(W: np.ndarray, b: float) -> float:
        p = ref.sigmoid(X @ W + b)
        return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))

    d_W = np.array([(loss(W + FD_STEP * e, b) - loss(W - FD_STEP * e, b)) / (2 * FD_STEP) for e in np.eye(len(W))])
    return [d_W, (loss(W, b + FD_STEP) - loss(W, b - FD_STEP)) / (2 * FD_STEP)]


LOG_AGREEMENT = 0.25  # the last logged losses against the grader's loss of the returned (W, b): 0.91–1.09 seen


def outcome_view(X: np.ndarray, y: np.ndarray, X_test: np.ndarray, y_test: np.ndarray, threshold: float) -> Any:
    """What the grader measures of a training run, as three statements to compare."""
    def view(record: Record) -> list[str]:
        (result,) = record["results"]
        if "returned" not in result:
            return [f"train raised {result['raised']['type']}: {result['raised']['message']}"]
        returned = result["returned"]
        if not isinstance(returned, (tuple, list)) or len(returned) != 3:
            return [f"train returned {describe(returned)}, not (W, b, history)"]
        W, b, history = returned
        if not isinstance(history, dict) or not {"loss", "grad_norm"} <= set(history):
            return [f"history is {describe(history)}, not a dict with 'loss' and 'grad_norm'"]
        try:
            b = float(np.asarray(b, dtype=float).reshape(()))
        except (TypeError, ValueError):
            return [f"b is {describe(b)}, not a float"]
        W = np.asarray(W, dtype=float)
        if W.shape != (X_test.shape[1],):
            return [f"W has shape {W.shape}, not ({X_test.shape[1]},)"]
        losses = np.asarray(history["loss"], dtype=float).ravel()
        norms = np.asarray(history["grad_norm"], dtype=float).ravel()
        finite = np.isfinite(W).all() and np.isfinite(b) and np.isfinite(losses).all() and np.isfinite(norms).all()
        with np.errstate(all="ignore"):
            accuracy = float(np.mean((X_test @ W + b > 0) == (y_test > 0.5)))
        return [
            f"held-out accuracy at least {threshold:.3f}" if accuracy >= threshold
            else f"held-out accuracy {accuracy:.3f}, below {threshold:.3f}",
            "logged loss decreased" if len(losses) >= 100 and losses[-50:].mean() < losses[:50].mean()
            else f"logged loss did not decrease (first 50 mean {losses[:50].mean():.4g}, last 50 mean {losses[-50:].mean():.4g})"
            if len(losses) >= 100 else f"{len(losses)} logged losses for {STEPS} steps",
            "everything finite" if finite else "W, b or a logged value is not finite",
            f"one loss and one grad_norm per step ({STEPS})" if len(losses) == len(norms) == STEPS
            else f"{len(losses)} losses and {len(norms)} grad_norms logged for {STEPS} steps",
            "the first logged loss is ln 2 (W = 0, b = 0)" if len(losses) and abs(losses[0] - np.log(2)) <= 1e-9
            else f"the first logged loss is {losses[0] if len(losses) else None!r}, not ln 2 = {np.log(2):.12g} (the loss before any update)",
            _log_agrees(losses, X, y, W, b),
        ]
    return view


def _log_agrees(losses: np.ndarray, X: np.ndarray, y: np.ndarray, W: np.ndarray, b: float) -> str:
    """The logged losses belong to this run: their last 50 average near the loss of the returned weights."""
    with np.errstate(all="ignore"):
        true = ref.bce_loss(ref.sigmoid(X @ W + b), y)
        ratio = float(np.mean(losses[-50:]) / true) if len(losses) >= 50 else float("nan")
    if abs(ratio - 1.0) <= LOG_AGREEMENT:
        return "the logged losses match the returned weights"
    return (f"the last 50 logged losses average {ratio:.3g}× the training loss of the returned (W, b) "
            f"(allowed: within {LOG_AGREEMENT:.0%})")


STEPS = 600


def build(seed: int) -> list[Check]:
    rng = np.random.default_rng([seed, 8])
    d = 3
    w_true, b_true = rng.standard_normal(d) * 2.0, float(rng.uniform(-0.5, 0.5))
    X, y = _data(rng, 400, w_true, b_true)
    X_test, y_test = _data(rng, 2000, w_true, b_true)
    # −740 and −745 have tiny but nonzero sigmoids (subnormal numbers): a sigmoid that overflows
    # e^−z there returns exactly 0, even with numpy's warnings silenced.
    z = np.concatenate([[-1000.0, -745.0, -740.0, -30.0, -1.0, 0.0, 1.0, 30.0, 710.0, 1000.0], rng.normal(0, 5, 5)])
    points = [(rng.standard_normal(d), float(rng.normal())) for _ in range(3)]
    saturated = (30.0 * rng.standard_normal(d), 0.5)  # logits far beyond ±17: p is 1e-20 away from 0 or 1
    train_kwargs = {"steps": STEPS, "batch_size": 32, "max_lr": 0.05, "warmup_steps": 30, "seed": int(rng.integers(2**31))}
    W_ref, b_ref, _ = ref.train(X, y, **train_kwargs)
    threshold = float(np.mean((X_test @ W_ref + b_ref > 0) == (y_test > 0.5))) - ACCURACY_MARGIN
    p_edge = np.array([0.0, 1e-12, 0.3, 1.0 - 1e-12, 1.0, 0.5])
    y_edge = np.array([1.0, 1.0, 0.0, 0.0, 0.0, 1.0])

    def check(id: str, name: str, rule: str, target: str, calls: list[Any], look: str, **kw: Any) -> Check:
        options = {k: kw.pop(k) for k in ("warnings",) if k in kw}
        return Check(id, name, rule, call_plan(target, calls, **options), look, **kw)

    return [
        check("sigmoid", "sigmoid from −1000 to 1000", "1/(1 + e^−z), elementwise, same shape",
              "sigmoid", [([z], {}), ([z.reshape(3, 5)], {})], "the formula, for large negative z especially",
              view=calls_view, labels=("call {n}",), rtol=1e-12, atol=0.0),
        check("sigmoid-warnings", "warnings raised by sigmoid at |z| up to 1000", "no overflow and no warning for any finite z",
              "sigmoid", [([z], {})], "where e^z or e^−z can overflow: compute only the exponential that cannot",
              view=lambda r: [x.get("warnings", raised(x)) for x in r["results"]],
              labels=("call {n}", "warning {n}"), warnings=True),
        check("bce", "the loss, including p = 0 and p = 1", "mean BCE with p clipped to [eps, 1 − eps]: finite everywhere",
              "bce_loss", [([p_edge, y_edge], {}), ([p_edge[2:4], y_edge[2:4]], {"eps": 1e-3}),
                           ([ref.sigmoid(X[:20] @ w_true), y[:20]], {})],
              "the clipping of p before the logarithms", view=calls_view, labels=("call {n}",)),
        check("gradients", "the gradients at random points", "(Xᵀ(p − y)/n, mean(p − y)) with p = sigmoid(X @ W + b)",
              "bce_gradients", [([X, y, W, b], {}) for W, b in points + [saturated]],
              "the sign of p − y, the division by n, and that p is not clipped here",
              view=calls_view, labels=("call {n}", ("dL/dW", "dL/db"))),
        check("finite-differences", "the gradients against finite differences of the loss",
              "your gradient is the derivative of the BCE (central differences, relative 1e-6)",
              "bce_gradients", [([X[:50], y[:50], W, b], {}) for W, b in points], "whether your gradient matches the loss it claims to differentiate",
              view=calls_view, expected_view=lambda r: [_finite_differences(X[:50], y[:50], W, b) for W, b in points],
              labels=("call {n}", ("dL/dW", "dL/db")), rtol=1e-6, atol=1e-9),
        check("train", f"training {STEPS} steps on hidden data, judged on held-out data",
              f"held-out accuracy ≥ the reference's − {ACCURACY_MARGIN}, the logged loss decreasing, everything finite, "
              "one loss and grad_norm per step, the first loss ln 2, the last losses matching the returned weights",
              "train", [([X, y], train_kwargs)], "each piece of the loop in turn: lr, batch, gradients, clipping, Adam, decay",
              view=outcome_view(X, y, X_test, y_test, threshold), labels=("property {n}",)),
    ]
