"""Grows memory without bound inside the function, keeping it in a global: stopped by the memory
cap (1024 MiB by default), reported as out of memory, and the grader carries on.

kata: clipping
expect: fail
says: MemoryError
says: 1024 MiB memory cap
"""
import numpy as np

HOG = []


def clip_grad_norm(grads, max_norm):
    while True:
        HOG.append(np.zeros(2**24))  # 128 MiB each
