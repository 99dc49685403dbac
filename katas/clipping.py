"""Kata `clipping`: clip gradients by their global L2 norm.

clip_grad_norm(grads, max_norm=1.0) -> (clipped_grads, total_norm)

- total_norm is ONE L2 norm over all arrays together: sqrt(sum of g² over every element of
  every array). It is the norm before clipping, returned as a float.
- If total_norm > max_norm, every array is multiplied by the same factor
  max_norm / (total_norm + 1e-6), so the direction of the whole update is kept.
- If total_norm <= max_norm, the values are returned unchanged (never scaled up).
  PyTorch's form, which always multiplies by min(1, max_norm / (total_norm + 1e-6)), is also
  accepted; the feedback says which one you wrote.
- clipped_grads is a list of arrays, one per input array, same shapes, in the same order.
- The caller's arrays are not modified: return new arrays.
- An empty list returns ([], 0.0).
- If total_norm is not finite (a NaN or an inf in any gradient), raise ValueError: the caller
  should skip that step rather than apply a NaN update.
- Values are compared in float64 to a relative tolerance of 1e-9.
"""

import numpy as np


def clip_grad_norm(grads: list[np.ndarray], max_norm: float = 1.0) -> tuple[list[np.ndarray], float]:
    raise NotImplementedError("clip_grad_norm")
