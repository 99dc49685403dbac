"""Correct schedules written differently: numpy's cos, the branches in another order."""

import numpy as np


def lr_schedule(step, warmup_steps, total_steps, max_lr, min_lr=0.0):
    if min(step, warmup_steps) < 0 or total_steps < warmup_steps or min_lr > max_lr:
        raise ValueError("bad arguments")
    if step >= total_steps:
        return float(min_lr)
    if step >= warmup_steps:
        frac = (step - warmup_steps) / (total_steps - warmup_steps)
        return float(min_lr + (max_lr - min_lr) * (1 + np.cos(np.pi * frac)) / 2)
    return step / warmup_steps * max_lr


def step_decay(initial_lr, epoch, drop_factor=0.5, drop_every=10):
    if epoch < 0 or drop_every < 1:
        raise ValueError("bad arguments")
    drops, _ = divmod(epoch, drop_every)
    return initial_lr * np.power(drop_factor, drops)
