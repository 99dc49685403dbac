"""Kata `overshoot` (debugging): the loss explodes to inf within a few dozen steps. Find the bug and fix it.

The symptom: this script fits ŷ = X @ w + b by full-batch gradient descent on the MSE. The gradient is
right (check it if you like), yet the printed loss grows by a large factor at every step, and the
weights flip sign from one step to the next, until everything is inf and then nan. The primer's
checklists for "loss oscillates" and "loss won't decrease" apply: how large may a step be, on THIS data?

How to work: delete the `raise NotImplementedError` line in `fit` (it marks the kata as not started),
run `python overshoot.py` to watch the loss, find the ONE bug and fix it. Change as little as you can.

fit(X, y) -> (w, b, losses)
    X has shape (n, d) and y shape (n,). Training starts from w = 0, b = 0 and takes 500 full-batch
    steps. Returns the final w (shape (d,)), the final b (a number), and `losses`: the training MSE
    before each step (losses[0] is the loss at w = 0, b = 0).

The hidden data sets look like the demo data below: 60–200 rows, 3–6 centred features whose scales
differ (one column has a standard deviation between 3 and 4, the others between 0.8 and 2), an
intercept up to ±5, and noise. Your fix must work on all of them, not just on the demo.

What the grader checks. It calls fit on five hidden data sets and judges the returned weights itself,
on held-out rows of each data set that fit never sees:
  - the held-out MSE of the returned (w, b) is at most 1.1× that of the least-squares fit of the same
    training rows (np.linalg.lstsq with an intercept column);
  - losses[0] is the training MSE at w = 0, b = 0 (to 1e-9 relative);
  - losses holds one entry per step (500) and never rises from one step to the next (to 1e-9
    relative).
Only the behaviour is judged, never the text: any fix that makes the training work passes.
"""

import numpy as np


def fit(X: np.ndarray, y: np.ndarray, steps: int = 500) -> tuple[np.ndarray, float, list[float]]:
    raise NotImplementedError("overshoot: find and fix the bug below, then delete this line")
    n, d = X.shape
    lr = 0.5
    w = np.zeros(d)
    b = 0.0
    losses = []
    for step in range(steps):
        error = X @ w + b - y
        losses.append(float(np.mean(error ** 2)))

        grad_w = 2 * X.T @ error / n
        grad_b = 2 * np.mean(error)

        w = w - lr * grad_w
        b = b - lr * grad_b
    return w, b, losses


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    scales = np.array([3.5, 1.5, 1.0])  # distance from the mean (km), items in the order, hour offset
    X = rng.standard_normal((120, 3)) * scales
    y = X @ np.array([2.0, 1.5, -1.0]) + 4.0 + 2.0 * rng.standard_normal(120)
    w, b, losses = fit(X, y)
    for step in [0, 1, 2, 3, 5, 10, 20, 50, 100, 499]:
        print(f"step {step:3d}  loss {losses[step]:.4g}")
    print("w =", np.round(w, 3), " b =", round(float(b), 3))
