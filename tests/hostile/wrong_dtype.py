"""Returns the clipped gradients as float32 arrays (and the norm as an int64 array): not float64.

kata: clipping
expect: fail
says: float32
"""
import numpy as np


def clip_grad_norm(grads, max_norm=1.0):
    total = float(np.sqrt(sum(float(np.sum(g * g)) for g in grads)))
    scale = max_norm / (total + 1e-6) if total > max_norm else 1.0
    return [(g * scale).astype(np.float32) for g in grads], np.array(total).astype(np.int64)
