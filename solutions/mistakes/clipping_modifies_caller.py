"""Known mistake (clipping): the caller's arrays are scaled in place (g *= scale)."""

import numpy as np


def clip_grad_norm(grads, max_norm=1.0):
    total_norm = float(np.sqrt(sum(np.sum(g**2) for g in grads)))
    if not np.isfinite(total_norm):
        raise ValueError("non-finite gradient norm")
    if total_norm > max_norm:
        for g in grads:
            g *= max_norm / (total_norm + 1e-6)
    return list(grads), total_norm
