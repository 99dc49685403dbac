"""Shared pieces of the debugging katas' checks: hidden data, and verdicts on what a script returned.

A debugging kata's script only ever sees its training rows. Every verdict here is computed by the
grader, from the weights or checkpoints the script returned, on held-out rows the script never saw.
A verdict is a short sentence. Each check's expected side is the passing sentence (`expected_view`),
so the reference is held to the same rule as the learner rather than compared with itself; a
catalogued variant that fails the same way gives the same sentence, which names it.
Numbers stay out of the sentences (they go in the `explain` message) so that a learner's variant
of a known mistake still matches it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from grader.codec import TypedArray

NOT_RETURNED = "no result: the call raised or returned nothing usable"


@dataclass
class Regression:
    """One hidden data set: training rows for the script, held-out rows for the grader."""

    X: np.ndarray
    y: np.ndarray
    X_val: np.ndarray
    y_val: np.ndarray
    intercept: bool = True
    clean: np.ndarray | None = None  # training rows that are not corrupted (all, unless stated)
    truth: np.ndarray | None = None  # the weights the targets were made with

    def design(self, X: np.ndarray) -> np.ndarray:
        return np.hstack([X, np.ones((len(X), 1))]) if self.intercept else X

    def least_squares(self) -> np.ndarray:
        """The least-squares fit on the (clean) training rows: w, then b when there is an intercept."""
        keep = np.ones(len(self.y), bool) if self.clean is None else self.clean
        return np.linalg.lstsq(self.design(self.X[keep]), self.y[keep], rcond=None)[0]

    def mse(self, params: np.ndarray, held_out: bool = True) -> float:
        X, y = (self.X_val, self.y_val) if held_out else (self.X, self.y)
        with np.errstate(all="ignore"):
            return float(np.mean((self.design(X) @ params - y) ** 2))

    @property
    def ls_mse(self) -> float:
        return self.mse(self.least_squares())

    @property
    def zero_mse(self) -> float:
        return self.mse(np.zeros(self.X.shape[1] + self.intercept))


def regression(rng: np.random.Generator, n: int, d: int, noise: float, *, scales: Any = 1.0, w_scale: float = 1.0,
               bias: float = 0.0, intercept: bool = True, n_val: int = 2000) -> Regression:
    """Features N(0, scales²) per column, y = X @ w* + b* + noise; held-out rows from the same law."""
    scales = np.broadcast_to(np.asarray(scales, dtype=float), (d,))
    w = rng.normal(0.0, w_scale, d)
    X = rng.standard_normal((n, d)) * scales
    X_val = rng.standard_normal((n_val, d)) * scales
    b = bias if intercept else 0.0
    y = X @ w + b + noise * rng.standard_normal(n)
    y_val = X_val @ w + b + noise * rng.standard_normal(n_val)
    return Regression(X, y, X_val, y_val, intercept, truth=np.append(w, b) if intercept else w)


def array(value: Any) -> np.ndarray | None:
    """A learner's numbers as a float64 array (any float dtype accepted), or None if they are not numbers."""
    if isinstance(value, TypedArray):
        value = value.array
    try:
        out = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    return out


def returned(record: dict[str, Any], call: int = 0) -> Any:
    """The value the script returned on one call, or None."""
    results = record.get("results") or []
    if call >= len(results) or "returned" not in results[call]:
        return None
    return results[call]["returned"]


def weights_from(value: Any, d: int, with_bias: bool) -> np.ndarray | str:
    """(w, b, ...) or w, as one parameter vector [w, b]; a sentence when the shape is not what was asked."""
    if value is None:
        return NOT_RETURNED
    if with_bias:
        if not isinstance(value, (tuple, list)) or len(value) < 2:
            return "did not return a tuple (w, b, losses)"
        w, b = array(value[0]), array(value[1])
        if w is None or b is None or w.shape != (d,) or b.size != 1:
            return f"w is not an array of shape ({d},) or b is not a single number"
        return np.append(w, b.reshape(()))
    w = array(value)
    if w is None or w.shape != (d,):
        return f"did not return w as an array of shape ({d},)"
    return w


def checkpoints_from(value: Any, d: int) -> np.ndarray | str:
    """Checkpoints (a list of arrays of shape (d,), or one array of shape (steps, d)) as an array of
    shape (steps, d), or a sentence saying what is wrong with them."""
    if value is None:
        return NOT_RETURNED
    if isinstance(value, (list, tuple)):
        if not value:
            return "no checkpoints: nothing was trained"
        value = [c.array if isinstance(c, TypedArray) else c for c in value]
    points = array(value)
    if points is None or points.ndim != 2 or points.shape[1] != d:
        return f"the checkpoints are not a list of arrays of shape ({d},)"
    return points


def ratio_text(value: float, baseline: float) -> str:
    return f"{value / baseline:.3g}×" if baseline > 0 and np.isfinite(value) else "∞×"


# -- verdicts on returned weights ----------------------------------------------------------------

FIRST_LOSS_OK = "losses[0] is the training MSE at w = 0, b = 0"
FALLING_OK = "the reported losses never rise"
DIVERGED = "diverged: the weights blew up (not finite, or a held-out MSE over 100× that of predicting 0)"
UNTRAINED = "all weights are exactly 0, the initial weights: nothing was trained"


def fit_verdict(data: Regression, params: np.ndarray | str, limit: float) -> str:
    """What the returned weights do on the held-out rows, as one of a few sentences."""
    if isinstance(params, str):
        return params
    if not np.all(np.isfinite(params)):
        return DIVERGED
    if not np.any(params):
        return UNTRAINED
    got, best, zero = data.mse(params), data.ls_mse, data.zero_mse
    if got <= limit * best:
        return fit_ok(limit)
    if not np.isfinite(got) or got > 100 * zero:
        return DIVERGED
    if got >= zero:
        return "held-out MSE worse than predicting 0 (w = 0, b = 0): the training made the model worse"
    return f"held-out MSE above {limit:g}× that of least squares: the training stopped short of the fit"


def fit_ok(limit: float) -> str:
    return f"held-out MSE within {limit:g}× that of least squares"


def fit_numbers(data: Regression, params: np.ndarray | str, limit: float) -> str | None:
    """The numbers behind a failing fit verdict, for the report."""
    if isinstance(params, str):
        return None
    got = data.mse(params)
    return (f"held-out MSE {got:.4g} = {ratio_text(got, data.ls_mse)} that of least squares ({data.ls_mse:.4g}); "
            f"predicting 0 gives {data.zero_mse:.4g}; needed: at most {limit:g}×.")


def losses_from(value: Any) -> np.ndarray | str:
    """The `losses` of a (w, b, losses) result as a 1-d array, or a sentence."""
    if not isinstance(value, (tuple, list)) or len(value) < 3:
        return "no losses returned"
    losses = array(value[2])
    if losses is None or losses.ndim != 1 or len(losses) == 0:
        return "no losses returned"
    return losses


def first_loss_verdict(data: Regression, value: Any, lr: float | None = None) -> str:
    """losses[0] is the loss at zero; with `lr` (a kata that pins it), losses[1] is the loss after one
    full-batch step of that lr from zero, which ties the reported losses to the stated training."""
    losses = losses_from(value)
    if isinstance(losses, str):
        return losses
    start = float(np.mean(data.y ** 2))
    if not (np.isfinite(losses[0]) and abs(losses[0] - start) <= 1e-9 * abs(start)):
        return "losses[0] is not the training MSE at w = 0, b = 0"
    if lr is not None:
        A = data.design(data.X)
        after_one = data.mse(lr * 2.0 * A.T @ data.y / len(data.y), held_out=False)
        if len(losses) < 2 or not abs(losses[1] - after_one) <= 1e-9 * abs(after_one):
            return f"losses[1] is not the training MSE after one full-batch step of lr = {lr:g} from w = 0, b = 0"
    return FIRST_LOSS_OK


def falling_verdict(value: Any, steps: int | None = None) -> str:
    losses = losses_from(value)
    if isinstance(losses, str):
        return losses
    if steps is not None and len(losses) != steps:
        return f"{len(losses)} losses reported for {steps} steps"
    if not np.all(np.isfinite(losses)):
        return "the reported losses become inf or nan"
    rises = losses[1:] > losses[:-1] * (1 + 1e-9) + 1e-300
    return "the reported losses rise" if rises.any() else FALLING_OK


def _first_loss_numbers(data: Regression, value: Any) -> str | None:
    losses = losses_from(value)
    if isinstance(losses, str):
        return None
    return f"losses[0] = {losses[0]:.10g}; the training MSE at w = 0, b = 0 is {float(np.mean(data.y ** 2)):.10g}."


def _falling_numbers(value: Any) -> str | None:
    losses = losses_from(value)
    if isinstance(losses, str):
        return None
    with np.errstate(all="ignore"):
        bad = np.flatnonzero(~np.isfinite(losses[1:]) | (losses[1:] > losses[:-1] * (1 + 1e-9) + 1e-300))
    if not len(bad):
        return None
    i = int(bad[0])
    return f"first at step {i + 1}: losses[{i}] = {losses[i]:.4g}, losses[{i + 1}] = {losses[i + 1]:.4g}."


def fit_checks(cases: list[tuple[str, Regression]], limit: float, look: str, look_losses: str,
               steps: int | None = None, lr: float | None = None) -> list[Any]:
    """The checks of a kata whose script is fit(X, y) -> (w, b, losses): one per hidden data set on
    the held-out MSE, then two on the reported losses (secondary: what the grader measures comes first)."""
    from grader.checks import Check, call_plan

    checks = []
    for n, (name, data) in enumerate(cases, start=1):
        d = data.X.shape[1]

        def params(record: dict[str, Any], d: int = d) -> np.ndarray | str:
            return weights_from(returned(record), d, with_bias=True)

        checks.append(Check(
            f"data-{n}", f"hidden data set {n}: {name} ({len(data.y)} rows, {d} features)",
            f"the held-out MSE of the returned (w, b) is at most {limit:g}× that of least squares",
            call_plan("fit", [([data.X, data.y], {})]), look,
            view=lambda r, data=data, params=params: [fit_verdict(data, params(r), limit)], labels=("verdict",),
            explain=lambda got, _, data=data, params=params: fit_numbers(data, params(got), limit),
            expected_view=lambda r: [fit_ok(limit)], extra={"data": data}))
    data = cases[0][1]
    plan = call_plan("fit", [([data.X, data.y], {})])
    checks.append(Check("first-loss", "the first reported loss, on hidden data set 1",
                        "losses[0] is the training MSE at w = 0, b = 0"
                        + (f", losses[1] the MSE after one step of lr = {lr:g}" if lr is not None else ""), plan, look_losses,
                        view=lambda r: [first_loss_verdict(data, returned(r), lr)], labels=("verdict",),
                        explain=lambda got, _: _first_loss_numbers(data, returned(got)),
                        expected_view=lambda r: [FIRST_LOSS_OK], extra={"data": data}))
    checks.append(Check("losses-fall", "the reported losses, on hidden data set 1",
                        "one loss per step, never rising from one step to the next (to 1e-9 relative)", plan,
                        look_losses, view=lambda r: [falling_verdict(returned(r), steps)], labels=("verdict",),
                        explain=lambda got, _: _falling_numbers(returned(got)),
                        expected_view=lambda r: [FALLING_OK], extra={"data": data}))
    return checks


# -- verdicts on checkpoints (one set of weights per step) ---------------------------------------

NEVER_MOVED = "the weights never move: every checkpoint is 0, nothing was trained"
NOT_FINITE = "some checkpoints are inf or nan: the training diverged"


def step_lengths(points: np.ndarray) -> np.ndarray:
    """‖w_t − w_{t−1}‖ for every step, with w before the first step being 0."""
    return np.linalg.norm(np.diff(np.vstack([np.zeros(points.shape[1]), points]), axis=0), axis=1)


def restart_factor(points: np.ndarray, after: int, window: int) -> float:
    """The largest ratio of a window's mean step length to the smallest window mean before it."""
    lengths = step_lengths(points)[after:]
    if len(lengths) < window + 1:
        return 0.0
    means = np.convolve(lengths, np.ones(window) / window, mode="valid")
    lowest = np.minimum.accumulate(means)
    with np.errstate(all="ignore"):
        ratios = np.where(lowest[:-1] > 0, means[1:] / lowest[:-1], np.where(means[1:] > 0, np.inf, 1.0))
    return float(ratios.max())


def heldout_curve(data: Regression, points: np.ndarray) -> np.ndarray:
    """The held-out MSE of every checkpoint (no intercept: the checkpoints are the weights w)."""
    with np.errstate(all="ignore"):
        return np.mean((points @ data.X_val.T - data.y_val) ** 2, axis=1)


def trajectory_problem(points: np.ndarray | str, steps: int) -> str | None:
    """The sentence for checkpoints that cannot be judged further, or None."""
    if isinstance(points, str):
        return points
    if len(points) != steps:
        return f"not one checkpoint per step: {steps} expected"
    if not np.all(np.isfinite(points)):
        return NOT_FINITE
    if not np.any(points):
        return NEVER_MOVED
    return None


# -- numbers for the interview cards (computed from a passing Report's records) -------------------


def passing(report: Any) -> dict[str, Any]:
    """The passing tests of a report that hold a learner record, by check id."""
    return {t.check.id: t for t in report.tests if t.verdict.status == "pass" and isinstance(t.got, dict)}


def g(x: float, digits: int = 3) -> str:
    return f"{x:.{digits}g}"


def fit_card_numbers(report: Any) -> dict[str, str]:
    """Card numbers shared by the (w, b, losses) katas, from hidden data set 1."""
    tests = passing(report)
    if "data-1" not in tests:
        return {}
    data = tests["data-1"].check.extra["data"]
    value = returned(tests["data-1"].got)
    params, losses = weights_from(value, data.X.shape[1], with_bias=True), losses_from(value)
    if isinstance(params, str) or isinstance(losses, str):
        return {}
    return {"steps": str(len(losses)), "loss_first": g(losses[0], 4), "loss_last": g(losses[-1], 4),
            "heldout": g(data.mse(params), 4), "heldout_ls": g(data.ls_mse, 4)}
