"""Correct clipping written differently: one flat vector, np.linalg.norm, PyTorch's min(1, ·) factor."""

import numpy as np


def clip_grad_norm(grads, max_norm=1.0):
    if not grads:
        return [], 0.0
    total_norm = float(np.linalg.norm(np.concatenate([np.ravel(g) for g in grads])))
    if not np.isfinite(total_norm):
        raise ValueError(f"gradient norm is {total_norm}")
    factor = min(1.0, max_norm / (total_norm + 1e-6))
    return [np.multiply(g, factor) for g in grads], total_norm
