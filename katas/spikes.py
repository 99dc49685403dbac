"""Kata `spikes` (debugging): the loss spikes by orders of magnitude, then slowly recovers. Fix the script.

The symptom: this script trains ŷ = X @ w by mini-batch SGD. Several times per epoch the loss on
the clean rows jumps by orders of magnitude in a single step, comes back down over the next steps,
and jumps again before it has recovered: it never settles. The culprit is in the data: a few rows
were logged in milliseconds instead of seconds, so their targets are 1000× too large. Cleaning the
data is not always possible (you may not know which rows are bad); the primer's checklist for "loss
spikes" has the standard guard.

How to work: delete the `raise NotImplementedError` line in `train` (it marks the kata as not started),
run `python spikes.py` to watch the loss, and make the training robust to those batches. Keep lr,
batch size and the number of steps as they are.

train(X, y, rng) -> checkpoints
    X has shape (n, d), y shape (n,) (centred data: no intercept); a few rows of y are corrupted.
    Training starts from w = 0 and takes 300 steps on batches of 10 rows, shuffled with the generator
    `rng`, at lr = 0.05. Returns `checkpoints`: the weights after each step (a list of 300 arrays of
    shape (d,)).

What the grader checks. It calls train on hidden data sets like the demo's (180–250 rows, 5–8
standard-normal features, noise of std 1, three rows with targets 1000× too large; plus one
data set with no corrupted rows) and measures, from your checkpoints, on clean held-out rows that
train never sees:
  - no spikes: after step 60, no checkpoint has a held-out MSE above 2× the lowest held-out MSE of
    the checkpoints before it;
  - the model fits: the held-out MSE of the last checkpoint is at most 1.25× that of the least-squares
    fit of the clean training rows (also on the data set without corrupted rows).
Only the behaviour is judged, never the text: any fix with these properties passes.
"""

import numpy as np


def train(X: np.ndarray, y: np.ndarray, rng: np.random.Generator, steps: int = 300, batch_size: int = 10,
          lr: float = 0.05) -> list[np.ndarray]:
    raise NotImplementedError("spikes: make the training robust to the bad batches, then delete this line")
    n, d = X.shape
    w = np.zeros(d)
    checkpoints = []
    order, pos = rng.permutation(n), 0
    for step in range(steps):
        if pos + batch_size > n:  # a new epoch: reshuffle
            order, pos = rng.permutation(n), 0
        batch = order[pos:pos + batch_size]
        pos += batch_size

        grad = 2 * X[batch].T @ (X[batch] @ w - y[batch]) / batch_size
        w = w - lr * grad
        checkpoints.append(w.copy())
    return checkpoints


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    X = rng.standard_normal((200, 6))
    y = X @ rng.standard_normal(6) + rng.standard_normal(200)
    y[[17, 88, 150]] *= 1000.0  # logged in milliseconds
    checkpoints = train(X, y, np.random.default_rng(1))
    clean = np.ones(200, bool)
    clean[[17, 88, 150]] = False
    for step in range(0, 300, 10):
        loss = np.mean((X[clean] @ checkpoints[step] - y[clean]) ** 2)
        print(f"step {step:3d}  loss on the clean rows {loss:.4g}")
