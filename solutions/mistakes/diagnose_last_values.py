"""Known mistake (diagnose): judges by the first and last entries only, so noise decides and spikes are missed."""

import numpy as np

FIRST_FIX = {"diverging": "lower-lr", "not-decreasing": "check-gradients", "oscillating": "lower-lr",
             "spiking": "add-clipping", "overfitting": "add-regularization", "plateau": "raise-lr", "healthy": "none"}


def diagnose(log):
    loss, grad, val = log["loss"], log["grad_norm"], log["val_loss"]
    if not np.isfinite(loss[-1]) or loss[-1] > 2 * loss[0]:
        mode = "diverging"
    elif loss[-1] > 0.7 * loss[0]:
        mode = "not-decreasing"
    elif val[-1] > 1.2 * min(val):
        mode = "overfitting"
    elif grad[-1] >= 0.25 * grad[0]:
        mode = "plateau"
    else:
        mode = "healthy"
    return mode, FIRST_FIX[mode]
