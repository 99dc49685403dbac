"""Kata `uphill` (debugging): the loss goes up instead of down. Find the bug and fix it.

The symptom: this script fits a line-through-many-features, ŷ = X @ w + b, by full-batch gradient
descent on the MSE. It runs without an error, but the printed loss climbs from the very first step
and ends astronomically large. The primer's checklist for "loss won't decrease" applies.

How to work: delete the `raise NotImplementedError` line in `fit` (it marks the kata as not started),
run `python uphill.py` to watch the loss, find the ONE bug and fix it. Change as little as you can.

fit(X, y) -> (w, b, losses)
    X has shape (n, d) and y shape (n,). Training starts from w = 0, b = 0 and takes 300 full-batch
    steps at lr = 0.05. Returns the final w (shape (d,)), the final b (a number), and `losses`: the
    training MSE before each step (losses[0] is the loss at w = 0, b = 0).

What the grader checks. It calls fit on five hidden data sets (40–200 rows, 3–10 standard-normal
features, an intercept up to ±5, noise; like the demo data below) and judges the returned weights
itself, on held-out rows of each data set that fit never sees:
  - the held-out MSE of the returned (w, b) is at most 1.1× that of the least-squares fit of the same
    training rows (np.linalg.lstsq with an intercept column);
  - losses[0] is the training MSE at w = 0, b = 0, and losses[1] the training MSE after the first
    full-batch step at lr = 0.05 (both to 1e-9 relative);
  - losses holds one entry per step (300) and never rises from one step to the next (to 1e-9
    relative).
Only the behaviour is judged, never the text: any fix that makes the training work passes.
"""

import numpy as np


def fit(X: np.ndarray, y: np.ndarray, lr: float = 0.05, steps: int = 300) -> tuple[np.ndarray, float, list[float]]:
    raise NotImplementedError("uphill: find and fix the bug below, then delete this line")
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    losses = []
    for step in range(steps):
        error = y - (X @ w + b)
        losses.append(float(np.mean(error ** 2)))

        grad_w = 2 * X.T @ error / n
        grad_b = 2 * np.mean(error)

        w = w - lr * grad_w
        b = b - lr * grad_b
    return w, b, losses


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    X = rng.standard_normal((100, 4))
    y = X @ np.array([1.5, -2.0, 0.5, 3.0]) + 4.0 + 0.5 * rng.standard_normal(100)
    w, b, losses = fit(X, y)
    for step in range(0, len(losses), 50):
        print(f"step {step:3d}  loss {losses[step]:.4g}")
    print("w =", np.round(w, 3), " b =", round(float(b), 3))
