"""Known mistake (clipping): every gradient is rescaled to max_norm, so small gradients are scaled up."""

import numpy as np


def clip_grad_norm(grads, max_norm=1.0):
    total_norm = float(np.sqrt(sum(np.sum(g**2) for g in grads)))
    if not np.isfinite(total_norm):
        raise ValueError("non-finite gradient norm")
    scale = max_norm / (total_norm + 1e-6)
    return [g * scale for g in grads], total_norm
