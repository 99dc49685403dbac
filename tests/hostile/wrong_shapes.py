"""Returns the clipped gradients flattened and the norm as a 1-element list: shape and type differences.

kata: clipping
expect: fail
says: shape
"""
import numpy as np


def clip_grad_norm(grads, max_norm=1.0):
    total = float(np.sqrt(sum(float(np.sum(g * g)) for g in grads)))
    scale = max_norm / (total + 1e-6) if total > max_norm else 1.0
    return [np.ravel(g * scale) for g in grads], [total]
