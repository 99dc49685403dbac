"""Correct training loop written differently: one flat parameter vector, decay before the Adam step,
PyTorch's clipping factor, and batches from rng.permutation."""

import math

import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


def bce_loss(p, y, eps=1e-7):
    p = np.minimum(np.maximum(p, eps), 1 - eps)
    return float(np.mean(-y * np.log(p) - (1 - y) * np.log1p(-p)))


def bce_gradients(X, y, W, b):
    r = sigmoid(X @ W + b) - y
    return (r @ X) / len(y), float(r.sum() / len(y))


def train(X, y, steps=1000, batch_size=64, max_lr=0.01, warmup_steps=50, weight_decay=0.01, max_norm=1.0, seed=0):
    rng = np.random.default_rng(seed)
    d = X.shape[1]
    theta = np.zeros(d + 1)  # W then b
    m, v = np.zeros(d + 1), np.zeros(d + 1)
    decay_mask = np.r_[np.ones(d), 0.0]
    history = {"loss": [], "grad_norm": []}
    for t in range(steps):
        if t < warmup_steps:
            lr = max_lr * t / warmup_steps
        else:
            lr = 0.5 * max_lr * (1 + math.cos(math.pi * (t - warmup_steps) / (steps - warmup_steps)))
        idx = rng.permutation(len(y))[:batch_size]
        Xb, yb = X[idx], y[idx]
        history["loss"].append(bce_loss(sigmoid(Xb @ theta[:d] + theta[d]), yb))
        gW, gb = bce_gradients(Xb, yb, theta[:d], theta[d])
        g = np.r_[gW, gb]
        norm = float(np.linalg.norm(g))
        history["grad_norm"].append(norm)
        g = g * min(1.0, max_norm / (norm + 1e-6))
        theta -= lr * weight_decay * decay_mask * theta
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g**2
        theta -= lr * (m / (1 - 0.9 ** (t + 1))) / (np.sqrt(v / (1 - 0.999 ** (t + 1))) + 1e-8)
    return theta[:d], float(theta[d]), history
