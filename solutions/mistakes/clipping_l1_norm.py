"""Known mistake (clipping): the norm is the L1 norm (sum of absolute values) instead of the L2 norm."""

import numpy as np


def clip_grad_norm(grads, max_norm=1.0):
    total_norm = float(sum(np.sum(np.abs(g)) for g in grads))
    if not np.isfinite(total_norm):
        raise ValueError("non-finite gradient norm")
    scale = max_norm / (total_norm + 1e-6) if total_norm > max_norm else 1.0
    return [g * scale for g in grads], total_norm
