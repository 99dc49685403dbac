"""Known mistake (clipping): each array is clipped by its own norm, which changes the direction of the update."""

import numpy as np


def clip_grad_norm(grads, max_norm=1.0):
    total_norm = float(np.sqrt(sum(np.sum(g**2) for g in grads)))
    if not np.isfinite(total_norm):
        raise ValueError("non-finite gradient norm")
    out = []
    for g in grads:
        norm = float(np.sqrt(np.sum(g**2)))
        out.append(g * (max_norm / (norm + 1e-6)) if norm > max_norm else g.copy())
    return out, total_norm
