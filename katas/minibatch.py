"""Kata `minibatch`: batch, mini-batch and stochastic gradient descent on the same data.

The model is linear without a bias, ŷ = X @ W, with X of shape (n, d), y of shape (n,), W of shape (d,),
and the loss is the MSE, mean((X @ W − y)²).

minibatch_indices(n, batch_size, rng, drop_last=False)
    A generator (or any iterable) of integer index arrays covering one epoch:
    - draw the order of the epoch with ONE call to rng.permutation(n), at the start (this is the same
      order as shuffling np.arange(n) with rng.shuffle); the grader replays the same generator, so use
      the rng you are given and no other source of randomness;
    - yield consecutive slices of batch_size indices from that order;
    - the last, smaller batch (when batch_size does not divide n) is yielded too, unless drop_last is
      True, in which case it is left out;
    - so every example appears exactly once per epoch (at most once with drop_last), and calling the
      function again with the same rng gives the next epoch, in a new order;
    - batch_size > n gives a single batch of all n examples (none with drop_last);
    - batch_size < 1 raises ValueError.

mse_gradient(X, y, W)
    The gradient of the MSE with respect to W: 2 · Xᵀ(X @ W − y) / len(y), an array of shape (d,).

run_epoch(X, y, W, lr, batch_size, rng)
    One epoch of mini-batch gradient descent: for each batch of minibatch_indices(len(y), batch_size,
    rng) (partial last batch kept), W ← W − lr · mse_gradient(X[batch], y[batch], W). Returns the new W
    as a new array; the caller's W is not modified. batch_size = len(y) is batch gradient descent (one
    update per epoch); batch_size = 1 is stochastic gradient descent (len(y) updates).

Values are compared in float64 to a relative tolerance of 1e-9; index arrays exactly.
"""

from collections.abc import Iterator

import numpy as np


def minibatch_indices(n: int, batch_size: int, rng: np.random.Generator, drop_last: bool = False) -> Iterator[np.ndarray]:
    raise NotImplementedError("minibatch_indices")


def mse_gradient(X: np.ndarray, y: np.ndarray, W: np.ndarray) -> np.ndarray:
    raise NotImplementedError("mse_gradient")


def run_epoch(X: np.ndarray, y: np.ndarray, W: np.ndarray, lr: float, batch_size: int, rng: np.random.Generator) -> np.ndarray:
    raise NotImplementedError("run_epoch")
