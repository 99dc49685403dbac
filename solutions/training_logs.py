"""Training logs for the `diagnose` kata, made by actually running small faulty trainings.

This is the trusted side: the grader calls `make_log(mode, seed)` in its own process while grading,
and the log it gets back comes from a real run of a small numpy model with one planted fault (or none).
Each log is a dict of four equal-length lists, one entry per step:

    loss      the training loss of the step's batch, before the update
    grad_norm the L2 norm of the gradient used by that step (before any clipping)
    val_loss  the loss on held-out rows, before the update
    lr        the learning rate of the step

`MODES` maps each failure mode to the fault that produces it; every run is seeded, so the same
(mode, seed) always gives the same log.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

Log = dict[str, list[float]]


def _data(rng: np.random.Generator, n: int, d: int, noise: float, n_val: int = 500):
    w = rng.standard_normal(d)
    w *= 3.0 / np.linalg.norm(w)  # a fixed signal size: the loss starts near 9 + noise²
    X, X_val = rng.standard_normal((n, d)), rng.standard_normal((n_val, d))
    return X, X @ w + noise * rng.standard_normal(n), X_val, X_val @ w + noise * rng.standard_normal(n_val)


def _sgd(rng: np.random.Generator, X, y, X_val, y_val, lrs, batch: int, momentum: float = 0.0,
         corrupt: dict[int, float] | None = None, apply: bool = True) -> Log:
    """Mini-batch SGD (with EMA momentum when asked) on the MSE of ŷ = X @ w, logging every step.

    `corrupt` maps a step to a factor its batch's targets are multiplied by (a data glitch);
    `apply=False` computes every gradient and never applies it (the update goes to a copy).
    """
    n, d = X.shape
    w, v = np.zeros(d), np.zeros(d)
    log: Log = {"loss": [], "grad_norm": [], "val_loss": [], "lr": []}
    for step, lr in enumerate(lrs):
        idx = rng.choice(n, batch, replace=False)
        Xb, yb = X[idx], y[idx] * (corrupt or {}).get(step, 1.0)
        error = Xb @ w - yb
        grad = 2 * Xb.T @ error / batch
        log["loss"].append(float(np.mean(error ** 2)))
        log["grad_norm"].append(float(np.linalg.norm(grad)))
        log["val_loss"].append(float(np.mean((X_val @ w - y_val) ** 2)))
        log["lr"].append(float(lr))
        v = momentum * v + (1 - momentum) * grad
        updated = w - lr * v
        if apply:
            w = updated
    return log


def _warmup_cosine(steps: int, warmup: int, max_lr: float, total: int | None = None) -> np.ndarray:
    """Linear warmup to max_lr, then a cosine decay to 0 at `total` (default: the last step), then 0."""
    total = total or steps
    t = np.arange(steps, dtype=float)
    progress = np.clip((t - warmup) / max(total - warmup, 1), 0.0, 1.0)
    return np.where(t < warmup, max_lr * t / max(warmup, 1), 0.5 * max_lr * (1 + np.cos(np.pi * progress)))


def _warmup_constant(steps: int, warmup: int, lr: float) -> np.ndarray:
    """Linear warmup to lr, then constant."""
    return lr * np.minimum(np.arange(steps, dtype=float) / warmup, 1.0)


def _lam_max(X: np.ndarray) -> float:
    """The largest eigenvalue of the MSE's Hessian 2·XᵀX/n: plain gradient descent needs lr < 2/λmax."""
    return float(np.linalg.eigvalsh(2 * X.T @ X / len(X)).max())


def healthy(rng: np.random.Generator, steps: int) -> Log:
    """No fault: warmup + cosine, a sensible lr, batches of 128."""
    X, y, X_val, y_val = _data(rng, 512, int(rng.integers(4, 9)), 0.5)
    return _sgd(rng, X, y, X_val, y_val, _warmup_cosine(steps, 20, float(rng.uniform(0.05, 0.1))), batch=128)


def update_discarded(rng: np.random.Generator, steps: int) -> Log:
    """The update is computed but never applied (w − lr·g goes to a copy): the loss stays where it started."""
    X, y, X_val, y_val = _data(rng, 512, int(rng.integers(4, 9)), 0.5)
    return _sgd(rng, X, y, X_val, y_val, _warmup_constant(steps, 20, 0.05), batch=128, apply=False)


def dead_relu(rng: np.random.Generator, steps: int) -> Log:
    """A one-hidden-layer ReLU net whose biases start so negative that every unit is dead: zero gradients."""
    X, y, X_val, y_val = _data(rng, 512, int(rng.integers(4, 9)), 0.5)
    d, h = X.shape[1], 16
    W1, b1, w2 = rng.standard_normal((d, h)) * 0.1, np.full(h, -5.0), rng.standard_normal(h) * 0.1
    log: Log = {"loss": [], "grad_norm": [], "val_loss": [], "lr": []}
    for lr in _warmup_constant(steps, 20, 0.05):
        idx = rng.choice(len(y), 128, replace=False)
        pre = X[idx] @ W1 + b1
        hidden = np.maximum(pre, 0.0)
        error = hidden @ w2 - y[idx]
        d_out = 2 * error / len(idx)
        g_w2 = hidden.T @ d_out
        d_pre = np.outer(d_out, w2) * (pre > 0)
        g_W1, g_b1 = X[idx].T @ d_pre, d_pre.sum(axis=0)
        val = np.maximum(X_val @ W1 + b1, 0.0) @ w2 - y_val
        log["loss"].append(float(np.mean(error ** 2)))
        log["grad_norm"].append(float(np.sqrt(np.sum(g_w2 ** 2) + np.sum(g_W1 ** 2) + np.sum(g_b1 ** 2))))
        log["val_loss"].append(float(np.mean(val ** 2)))
        log["lr"].append(float(lr))
        W1, b1, w2 = W1 - lr * g_W1, b1 - lr * g_b1, w2 - lr * g_w2
    return log


def diverging(rng: np.random.Generator, steps: int) -> Log:
    """After the warmup, lr is 1.15–1.4 times 2/λmax of the Hessian: every step overshoots further."""
    X, y, X_val, y_val = _data(rng, 512, int(rng.integers(4, 9)), 0.5)
    lr = float(rng.uniform(1.15, 1.4)) * 2 / _lam_max(X)
    return _sgd(rng, X, y, X_val, y_val, _warmup_constant(steps, 20, lr), batch=128)


def oscillating(rng: np.random.Generator, steps: int) -> Log:
    """Batches of 2 at a constant lr of 0.2/λmax: stable on average, but the loss bounces at every step."""
    X, y, X_val, y_val = _data(rng, 512, int(rng.integers(4, 9)), 0.5)
    return _sgd(rng, X, y, X_val, y_val, _warmup_constant(steps, 20, 0.2 / _lam_max(X)), batch=2)


def spiking(rng: np.random.Generator, steps: int) -> Log:
    """Three batches (between 20% and 50% of the run) carry targets 100× too large; there is no clipping."""
    X, y, X_val, y_val = _data(rng, 512, int(rng.integers(4, 9)), 0.5)
    bad = rng.choice(np.arange(steps // 5, steps // 2), 3, replace=False)
    return _sgd(rng, X, y, X_val, y_val, _warmup_constant(steps, 20, 0.05), batch=64,
                corrupt={int(s): 100.0 for s in bad})


def plateau(rng: np.random.Generator, steps: int) -> Log:
    """The schedule decays to 0 by step 60 (its total_steps was set to 60): training stalls far from the fit."""
    X, y, X_val, y_val = _data(rng, 512, int(rng.integers(4, 9)), 0.5)
    lrs = _warmup_cosine(steps, 20, float(rng.uniform(0.008, 0.012)), total=60)
    return _sgd(rng, X, y, X_val, y_val, lrs, batch=128)


def overfitting(rng: np.random.Generator, steps: int) -> Log:
    """60 features for 50 rows, 4 of them relevant, noisy targets, no regularisation: full-batch GD fits the noise."""
    n, d = 50, 60
    w = np.zeros(d)
    w[rng.choice(d, 4, replace=False)] = rng.choice([-1.0, 1.0], 4) * rng.uniform(1.0, 2.0, 4)
    X, X_val = rng.standard_normal((n, d)), rng.standard_normal((500, d))
    y, y_val = X @ w + 4.0 * rng.standard_normal(n), X_val @ w + 4.0 * rng.standard_normal(500)
    return _sgd(rng, X, y, X_val, y_val, np.full(steps, 1.0 / _lam_max(X)), batch=n)


FIRST_FIX = {  # the first fix of each mode, from the primer's checklist
    "healthy": "none", "not-decreasing": "check-gradients", "diverging": "lower-lr", "oscillating": "lower-lr",
    "spiking": "add-clipping", "plateau": "raise-lr", "overfitting": "add-regularization",
}

MODES: dict[str, tuple[Callable[[np.random.Generator, int], Log], ...]] = {
    "healthy": (healthy,),
    "not-decreasing": (update_discarded, dead_relu),
    "diverging": (diverging,),
    "oscillating": (oscillating,),
    "spiking": (spiking,),
    "plateau": (plateau,),
    "overfitting": (overfitting,),
}


def make_log(mode: str, seed: int, variant: int = 0, steps: int = 200) -> Log:
    """The log of one seeded faulty run; `variant` picks among the faults that produce the same mode."""
    makers = MODES[mode]
    rng = np.random.default_rng([seed, 211, list(MODES).index(mode), variant])
    with np.errstate(all="ignore"):  # a diverging run is allowed to overflow
        return makers[variant % len(makers)](rng, steps)
