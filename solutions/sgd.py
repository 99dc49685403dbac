"""Reference for the `sgd` kata: linear regression y ≈ w·x + b trained with plain SGD."""

import numpy as np


def mse_loss(w, b, x, y):
    """Mean squared error of the line w·x + b on (x, y)."""
    error = w * x + b - y
    return float(np.mean(error**2))


def mse_gradients(w, b, x, y, l2=0.0):
    """(dL/dw, dL/db) of the MSE, plus the L2 term 2·l2·w on w only (the bias is not decayed)."""
    error = w * x + b - y
    d_w = float(np.mean(2.0 * error * x)) + 2.0 * l2 * w
    d_b = float(np.mean(2.0 * error))
    return d_w, d_b


def sgd_step(w, b, d_w, d_b, lr):
    """One step against the gradient."""
    return w - lr * d_w, b - lr * d_b


def train(x, y, lr=0.001, steps=500, l2=0.0):
    """Run `steps` SGD steps from w = b = 0; losses[i] is the loss at the start of step i."""
    w, b = 0.0, 0.0
    losses = []
    for _ in range(steps):
        losses.append(mse_loss(w, b, x, y))
        d_w, d_b = mse_gradients(w, b, x, y, l2)
        w, b = sgd_step(w, b, d_w, d_b, lr)
    return w, b, losses
