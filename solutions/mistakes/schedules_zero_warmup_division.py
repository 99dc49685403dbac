"""Known mistake (schedules): the warmup fraction is computed before the branch, dividing by zero when warmup_steps = 0."""

import math


def _validate(step, warmup_steps, total_steps, max_lr, min_lr):
    if step < 0 or warmup_steps < 0 or total_steps < warmup_steps or min_lr > max_lr:
        raise ValueError("invalid schedule arguments")


def lr_schedule(step, warmup_steps, total_steps, max_lr, min_lr=0.0):
    _validate(step, warmup_steps, total_steps, max_lr, min_lr)
    warm = step / warmup_steps
    if step < warmup_steps:
        return max_lr * warm
    if step >= total_steps:
        return min_lr
    progress = (step - warmup_steps) / (total_steps - warmup_steps)
    return min_lr + 0.5 * (max_lr - min_lr) * (1 + math.cos(math.pi * progress))


def step_decay(initial_lr, epoch, drop_factor=0.5, drop_every=10):
    if epoch < 0 or drop_every < 1:
        raise ValueError("invalid step decay arguments")
    return initial_lr * drop_factor ** (epoch // drop_every)
