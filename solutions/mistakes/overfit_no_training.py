"""Known mistake (overfit): the loop was deleted "to stop overfitting", so w = 0 comes back."""

import numpy as np


def fit(X, y, lr=0.1, steps=1000):
    n, d = X.shape
    w = np.zeros(d)
    return w
