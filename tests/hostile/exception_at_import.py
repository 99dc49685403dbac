"""Raises at import time: the file cannot be loaded, and the report shows the exception and its line.

kata: clipping
expect: error
says: RuntimeError
says: config file missing
says: (line 11)
"""
import numpy as np

raise RuntimeError("config file missing")


def clip_grad_norm(grads, max_norm):
    return grads, float(np.sqrt(sum(np.sum(g * g) for g in grads)))
