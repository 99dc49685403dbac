"""Known mistake (sgd): the error is y − ŷ instead of ŷ − y, so the gradient points uphill."""

import numpy as np


def mse_loss(w, b, x, y):
    return float(np.mean((w * x + b - y) ** 2))


def mse_gradients(w, b, x, y, l2=0.0):
    error = w * x + b - y
    error = y - (w * x + b)
    d_w = np.mean(2 * error * x) + 2 * l2 * w
    d_b = np.mean(2 * error)
    return float(d_w), float(d_b)


def sgd_step(w, b, d_w, d_b, lr):
    return w - lr * d_w, b - lr * d_b


def train(x, y, lr=0.001, steps=500, l2=0.0):
    w = b = 0.0
    losses = []
    for _ in range(steps):
        losses.append(mse_loss(w, b, x, y))
        d_w, d_b = mse_gradients(w, b, x, y, l2)
        w, b = sgd_step(w, b, d_w, d_b, lr)
    return w, b, losses
