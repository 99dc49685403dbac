"""Kata `overfit` (debugging): the training loss goes to zero, the validation loss stays high. Fix it.

The symptom: this script fits ŷ = X @ w by full-batch gradient descent on a small data set: 60 rows,
120 features, of which only a handful matter — the rest are noise columns. The training MSE falls to
almost exactly 0, but on new rows the model is several times worse than the noise level. The primer's
checklist for "trains well but validation loss diverges" applies, including what to do when there
are many irrelevant features.

How to work: delete the `raise NotImplementedError` line in `fit` (it marks the kata as not started),
run `python overfit.py` to compare the training and validation MSE, and fix the training. Keep lr and
the number of steps; tune whatever you add on the demo's validation rows, not on the grader.

fit(X, y) -> w
    X has shape (n, d), y shape (n,) (centred data: no intercept). Training starts from w = 0 and
    takes 1000 full-batch steps at lr = 0.1. Returns the final w (shape (d,)).

What the grader checks. It calls fit on seven hidden data sets like the demo's (60–80 rows, 100–150
standard-normal features of which 3 or 4 have a weight between 2 and 3 in size and the others 0,
noise of std exactly 1) and judges the returned w itself, on held-out rows that fit never sees:
  - the held-out MSE of the returned w is at most 4× the noise variance, i.e. at most 4.0 (no model
    can do better than 1.0; predicting 0 scores 13 or more; the unregularised fit, 6 or more).
Only the behaviour is judged, never the text: any fix that generalises this well passes.
"""

import numpy as np


def fit(X: np.ndarray, y: np.ndarray, lr: float = 0.1, steps: int = 1000) -> np.ndarray:
    raise NotImplementedError("overfit: fix the training so it generalises, then delete this line")
    n, d = X.shape
    w = np.zeros(d)
    for step in range(steps):
        error = X @ w - y
        grad = 2 * X.T @ error / n
        w = w - lr * grad
    return w


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    w_true = np.zeros(120)
    w_true[[3, 17, 42, 101]] = [2.5, -2.2, 2.0, -3.0]
    X, X_val = rng.standard_normal((60, 120)), rng.standard_normal((1000, 120))
    y, y_val = X @ w_true + rng.standard_normal(60), X_val @ w_true + rng.standard_normal(1000)
    w = fit(X, y)
    print(f"training MSE   {np.mean((X @ w - y) ** 2):.4f}")
    print(f"validation MSE {np.mean((X_val @ w - y_val) ** 2):.4f}   (the noise variance is 1.0)")
