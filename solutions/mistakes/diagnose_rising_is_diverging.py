"""Known mistake (diagnose): any loss that ends above its best — training or validation — is "diverging"."""

import numpy as np

FIRST_FIX = {"diverging": "lower-lr", "not-decreasing": "check-gradients", "oscillating": "lower-lr",
             "spiking": "add-clipping", "overfitting": "add-regularization", "plateau": "raise-lr", "healthy": "none"}


def diagnose(log):
    loss = np.asarray(log["loss"], dtype=float)
    grad = np.asarray(log["grad_norm"], dtype=float)
    val = np.asarray(log["val_loss"], dtype=float)
    T = len(loss)
    k = max(1, T // 10)
    first, last = np.median(loss[:k]), np.median(loss[-k:])

    rising = last > 2 * first or np.median(val[-k:]) > 1.2 * val.min()  # "the loss went up"
    if not np.all(np.isfinite(loss)) or rising:
        mode = "diverging"
    elif last > 0.7 * first:
        mode = "not-decreasing"
    elif np.median(np.abs(np.diff(np.log(loss[T // 2:])))) > 0.5:
        mode = "oscillating"
    elif any(loss[t] > 10 * np.median(loss[t - 10:t]) for t in range(10, T)):
        mode = "spiking"
    elif np.median(grad[-k:]) >= 0.25 * np.median(grad[:k]):
        mode = "plateau"
    else:
        mode = "healthy"
    return mode, FIRST_FIX[mode]
