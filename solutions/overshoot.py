"""Reference for the `overshoot` kata: the step size is set from the curvature of this data set."""

import numpy as np


def fit(X, y, steps=500):
    """Full-batch gradient descent on the MSE of ŷ = X @ w + b; returns (w, b, losses).

    On a quadratic loss gradient descent converges only for lr < 2/λmax, λmax the largest eigenvalue
    of the Hessian H = (2/n)·AᵀA with A = [X, 1]. lr = 1/λmax is safely inside that bound on any data.
    """
    n, d = X.shape
    A = np.hstack([X, np.ones((n, 1))])
    lr = 1.0 / np.linalg.eigvalsh(2 * A.T @ A / n).max()
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
