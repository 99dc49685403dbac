"""Returns the text the grader uses for "this call raised ValueError" instead of raising it; otherwise
correct: a string the learner returns can never stand for an exception, so the validation checks fail.

kata: schedules
expect: fail
says: str
"""
import math


def lr_schedule(step, warmup_steps, total_steps, max_lr, min_lr=0.0):
    if step < 0 or warmup_steps < 0 or total_steps < warmup_steps or min_lr > max_lr:
        return "raises ValueError"
    if step < warmup_steps:
        return max_lr * step / warmup_steps
    if step >= total_steps:
        return float(min_lr)
    progress = (step - warmup_steps) / (total_steps - warmup_steps)
    return min_lr + 0.5 * (max_lr - min_lr) * (1.0 + math.cos(math.pi * progress))


def step_decay(initial_lr, epoch, drop_factor=0.5, drop_every=10):
    if epoch < 0 or drop_every < 1:
        return "raises ValueError"
    return initial_lr * drop_factor ** (epoch // drop_every)
