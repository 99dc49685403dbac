"""Kata `training-loop`: the primer's complete training loop, for logistic regression.

sigmoid(z)
    1 / (1 + e^−z), elementwise, for an array of any shape (same shape back). It must not overflow
    or raise a warning for any finite z, including z = ±1000 (the grader records numpy's warnings).

bce_loss(p, y, eps=1e-7)
    The mean binary cross-entropy −mean(y·log p + (1 − y)·log(1 − p)), with p first clipped to
    [eps, 1 − eps] so that p = 0 or p = 1 gives a large finite loss, never inf or NaN. Returns a float.

bce_gradients(X, y, W, b)
    With p = sigmoid(X @ W + b) (not clipped): (dL/dW, dL/db) = (Xᵀ(p − y)/n, mean(p − y)), where
    n = len(y). X is (n, d), y is (n,) of 0.0/1.0, W is (d,), b a float. Returns (array (d,), float).
    Checked against the reference formula (relative 1e-9) and against central finite differences of
    the loss (relative 1e-6).

train(X, y, steps=1000, batch_size=64, max_lr=0.01, warmup_steps=50, weight_decay=0.01,
      max_norm=1.0, seed=0) -> (W, b, history)
    Start from W = 0 and b = 0. For each step: the lr from linear warmup + cosine decay to 0 over
    `steps`; a mini-batch of batch_size examples drawn without replacement from
    np.random.default_rng(seed); the BCE gradients; clipping of [dL/dW, dL/db] together by their
    global L2 norm to max_norm; an Adam step (β1 = 0.9, β2 = 0.999, eps = 1e-8, bias-corrected) on W
    and b; and decoupled weight decay of W (not b), W ← W − lr·weight_decay·W.
    history is a dict with "loss" (the mini-batch BCE of each step, before its update) and
    "grad_norm" (the global norm before clipping), one float per step each.
    Graded on a hidden, seeded data set by what the grader measures itself: the accuracy of
    (W, b) on held-out data must be at least the reference's minus 0.02, the mean of the last 50
    logged losses must be below the mean of the first 50, W, b and every logged value must be
    finite, history must hold exactly one loss and one grad_norm per step, the first logged
    loss must be ln 2 (the loss at W = 0, b = 0, for any batch), and the mean of the last 50
    logged losses must be within 25% of the BCE of the returned (W, b) on the training data (the
    log must come from the run that produced the weights). Your exact trajectory is not
    replayed, so any faithful implementation passes; the pieces of the loop listed above are what
    the primer's loop contains, and they are judged through that outcome.
"""

import numpy as np


def sigmoid(z: np.ndarray) -> np.ndarray:
    raise NotImplementedError("sigmoid")


def bce_loss(p: np.ndarray, y: np.ndarray, eps: float = 1e-7) -> float:
    raise NotImplementedError("bce_loss")


def bce_gradients(X: np.ndarray, y: np.ndarray, W: np.ndarray, b: float) -> tuple[np.ndarray, float]:
    raise NotImplementedError("bce_gradients")


def train(X: np.ndarray, y: np.ndarray, steps: int = 1000, batch_size: int = 64, max_lr: float = 0.01,
          warmup_steps: int = 50, weight_decay: float = 0.01, max_norm: float = 1.0,
          seed: int = 0) -> tuple[np.ndarray, float, dict[str, list[float]]]:
    raise NotImplementedError("train")
