"""Kata `sgd`: fit delivery time = w · distance + b with plain gradient descent.

Data of the primer's Problem 1 (distance in km, delivery time in minutes):

    x = np.array([2.0, 5.0, 10.0, 3.0, 8.0])
    y = np.array([15.0, 30.0, 55.0, 18.0, 48.0])

Implement the four functions below. `x` and `y` are 1-D float arrays of the same length;
`w`, `b`, the gradients and the learning rate are plain floats. Return plain floats.

Rules the grader checks (the cases are hidden, the rules are not):
- mse_loss is mean((w·x + b − y)²).
- mse_gradients returns (dL/dw, dL/db) of that loss, derived by hand:
      dL/dw = mean(2 · (ŷ − y) · x),   dL/db = mean(2 · (ŷ − y)),   with ŷ = w·x + b.
  With l2 > 0 the L2 penalty l2 · w² adds 2 · l2 · w to dL/dw. The bias is not penalised.
- sgd_step returns (w − lr · d_w, b − lr · d_b).
- train starts from w = b = 0.0 and runs `steps` steps of: record the loss, compute the
  gradients (with l2), take one SGD step. It returns (w, b, losses) where losses is a list of
  `steps` floats and losses[i] is the loss *before* step i's update (so losses[0] is the loss
  at w = b = 0). The recorded loss is the plain MSE, without the L2 penalty.
- Values are compared in float64 to a relative tolerance of 1e-9.
"""

import numpy as np


def mse_loss(w: float, b: float, x: np.ndarray, y: np.ndarray) -> float:
    raise NotImplementedError("mse_loss")


def mse_gradients(w: float, b: float, x: np.ndarray, y: np.ndarray, l2: float = 0.0) -> tuple[float, float]:
    raise NotImplementedError("mse_gradients")


def sgd_step(w: float, b: float, d_w: float, d_b: float, lr: float) -> tuple[float, float]:
    raise NotImplementedError("sgd_step")


def train(x: np.ndarray, y: np.ndarray, lr: float = 0.001, steps: int = 500, l2: float = 0.0) -> tuple[float, float, list[float]]:
    raise NotImplementedError("train")
