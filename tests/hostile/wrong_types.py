"""Returns float32 scalars, None, strings, arrays, a generator and a huge list instead of floats.

kata: schedules
expect: fail
says: float32
"""
import math

import numpy as np


def lr_schedule(step, warmup_steps, total_steps, max_lr, min_lr=0.0):
    if step < 0:
        return None
    if step < warmup_steps:
        return np.float32(max_lr * step / max(warmup_steps, 1))
    if step >= total_steps:
        return str(min_lr)
    progress = (step - warmup_steps) / (total_steps - warmup_steps)
    return np.array([min_lr + 0.5 * (max_lr - min_lr) * (1.0 + math.cos(math.pi * progress))] * 3)


def step_decay(initial_lr, epoch, drop_factor=0.5, drop_every=10):
    if epoch > 30:
        return [0.0] * 200_000
    return (initial_lr * drop_factor ** (e // drop_every) for e in [epoch])
