"""Known mistake (training-loop): the loss takes the logarithm of p without clipping it, so p = 0 or 1 gives inf."""

import numpy as np


def sigmoid(z):
    """1/(1 + e^−z) computed from e^−|z|, which never overflows, so no warning at |z| = 1000."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def bce_loss(p, y, eps=1e-7):
    """Mean binary cross-entropy, with p clipped to [eps, 1 − eps] so log never sees 0."""
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))


def bce_gradients(X, y, W, b):
    """(dL/dW, dL/db) of the mean BCE of sigmoid(X @ W + b): Xᵀ(p − y)/n and mean(p − y)."""
    error = sigmoid(X @ W + b) - y
    return X.T @ error / len(y), float(np.mean(error))


def lr_at(step, warmup_steps, total_steps, max_lr):
    if step < warmup_steps:
        return max_lr * step / warmup_steps
    progress = (step - warmup_steps) / max(1, total_steps - warmup_steps)
    return 0.5 * max_lr * (1.0 + np.cos(np.pi * min(progress, 1.0)))


def train(X, y, steps=1000, batch_size=64, max_lr=0.01, warmup_steps=50, weight_decay=0.01, max_norm=1.0, seed=0):
    """Mini-batch Adam with warmup + cosine, global-norm clipping and decoupled decay of W."""
    rng = np.random.default_rng(seed)
    W, b = np.zeros(X.shape[1]), np.zeros(1)
    m = [np.zeros_like(W), np.zeros_like(b)]
    v = [np.zeros_like(W), np.zeros_like(b)]
    history = {"loss": [], "grad_norm": []}
    for t in range(1, steps + 1):
        lr = lr_at(t - 1, warmup_steps, steps, max_lr)
        idx = rng.choice(len(y), size=batch_size, replace=False)
        Xb, yb = X[idx], y[idx]
        history["loss"].append(bce_loss(sigmoid(Xb @ W + b[0]), yb))
        d_W, d_b = bce_gradients(Xb, yb, W, b[0])
        grads = [d_W, np.array([d_b])]
        norm = float(np.sqrt(sum(np.sum(g * g) for g in grads)))
        history["grad_norm"].append(norm)
        if norm > max_norm:
            grads = [g * (max_norm / (norm + 1e-6)) for g in grads]
        for i, (p, g) in enumerate(zip((W, b), grads)):
            m[i] = 0.9 * m[i] + 0.1 * g
            v[i] = 0.999 * v[i] + 0.001 * g * g
            p -= lr * (m[i] / (1 - 0.9**t)) / (np.sqrt(v[i] / (1 - 0.999**t)) + 1e-8)
        W -= lr * weight_decay * W
    return W, float(b[0]), history
