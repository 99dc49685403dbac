"""Kata `restart` (debugging): the loss settles, then jumps back up twice mid-training. Find the bug.

The symptom: this script trains ŷ = X @ w by mini-batch SGD with a warmup + cosine learning-rate
schedule. The loss comes down nicely and settles close to the best possible value, and then — twice —
shoots back up within a few steps (the demo prints the loss above the best possible one: it jumps
about tenfold) and has to come down all over again. The primer's checklist for "loss spikes" says:
check whether the spike correlates with a learning-rate schedule restart.

How to work: delete the `raise NotImplementedError` line in `train` (it marks the kata as not started),
run `python restart.py` to watch the loss and the lr, find the ONE bug and fix it. Change as little
as you can: one warmup of 20 steps, then one cosine decay from max_lr to 0 at the last step.

train(X, y, rng) -> (checkpoints, lrs)
    X has shape (n, d), y shape (n,) (centred data: no intercept). Training starts from w = 0 and
    takes 400 steps on batches of 4 rows, shuffled with the generator `rng`. Returns `checkpoints`,
    the weights after each step (a list of 400 arrays of shape (d,)), and `lrs`, the learning rate
    used at each step (a list of 400 numbers).

What the grader checks. It calls train on three hidden data sets like the demo's (120–200 rows,
5–8 standard-normal features, noise of std 1) and measures, from your checkpoints, on held-out rows
that train never sees:
  - no restart: the step length ‖checkpoints[t] − checkpoints[t−1]‖, averaged over each window of
    10 consecutive steps after step 20, never exceeds 10× the smallest such average before it (a
    restart to max_lr moves the weights hundreds of times further than the end of a decay does);
  - the model settles: the mean held-out MSE of the last 20 checkpoints is at most 1.08× that of the
    least-squares fit of the same training rows;
  - and, on the first data set, the lrs you report never rise after their peak and end at or below
    1% of it.
Only the behaviour is judged, never the text: any fix that trains without restarts and settles passes.
"""

import numpy as np


def warmup_cosine(step: int, warmup: int, total: int, max_lr: float, cycles: int = 3) -> float:
    """Linear warmup, then cosine decay (helper copied from a warm-restarts recipe)."""
    if step < warmup:
        return max_lr * step / warmup
    progress = (step - warmup) / (total - warmup)
    return 0.5 * max_lr * (1 + np.cos(np.pi * ((progress * cycles) % 1.0)))


def train(X: np.ndarray, y: np.ndarray, rng: np.random.Generator, steps: int = 400, batch_size: int = 4,
          max_lr: float = 0.2, warmup: int = 20) -> tuple[list[np.ndarray], list[float]]:
    raise NotImplementedError("restart: find and fix the bug, then delete this line")
    n, d = X.shape
    w = np.zeros(d)
    checkpoints, lrs = [], []
    order, pos = rng.permutation(n), 0
    for step in range(steps):
        if pos + batch_size > n:  # a new epoch: reshuffle
            order, pos = rng.permutation(n), 0
        batch = order[pos:pos + batch_size]
        pos += batch_size

        lr = warmup_cosine(step, warmup, steps, max_lr)
        grad = 2 * X[batch].T @ (X[batch] @ w - y[batch]) / batch_size
        w = w - lr * grad

        checkpoints.append(w.copy())
        lrs.append(lr)
    return checkpoints, lrs


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    X = rng.standard_normal((160, 6))
    y = X @ rng.standard_normal(6) + rng.standard_normal(160)
    best = np.mean((X @ np.linalg.lstsq(X, y, rcond=None)[0] - y) ** 2)  # the lowest training loss possible
    checkpoints, lrs = train(X, y, np.random.default_rng(1))
    for step in range(0, 400, 10):
        excess = np.mean((X @ checkpoints[step] - y) ** 2) - best
        print(f"step {step:3d}  lr {lrs[step]:.4f}  loss above the best possible {excess:.4f}")
