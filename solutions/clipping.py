"""Reference for the `clipping` kata: clip a list of gradients by their global L2 norm."""

import numpy as np


def clip_grad_norm(grads, max_norm=1.0):
    """Return (clipped copies, norm before clipping); scale by max_norm/(norm + 1e-6) above max_norm."""
    total_norm = float(np.sqrt(sum(float(np.sum(np.square(g))) for g in grads)))
    if not np.isfinite(total_norm):
        raise ValueError(f"the total gradient norm is not finite ({total_norm})")
    scale = max_norm / (total_norm + 1e-6) if total_norm > max_norm else 1.0
    return [np.array(g, dtype=float) * scale for g in grads], total_norm


def clip_grad_norm_torch_style(grads, max_norm=1.0):
    """PyTorch's form: always multiply by min(1, max_norm/(norm + 1e-6))."""
    total_norm = float(np.sqrt(sum(float(np.sum(np.square(g))) for g in grads)))
    if not np.isfinite(total_norm):
        raise ValueError(f"the total gradient norm is not finite ({total_norm})")
    scale = min(1.0, max_norm / (total_norm + 1e-6))
    return [np.array(g, dtype=float) * scale for g in grads], total_norm
