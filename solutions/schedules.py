"""Reference for the `schedules` kata: linear warmup + cosine decay, and step decay."""

import math


def lr_schedule(step, warmup_steps, total_steps, max_lr, min_lr=0.0):
    """Linear warmup from 0 to max_lr, cosine from max_lr to min_lr, then flat at min_lr."""
    if step < 0 or warmup_steps < 0 or total_steps < warmup_steps or min_lr > max_lr:
        raise ValueError(
            f"need 0 <= step, 0 <= warmup_steps <= total_steps and min_lr <= max_lr; got "
            f"step={step}, warmup_steps={warmup_steps}, total_steps={total_steps}, "
            f"max_lr={max_lr}, min_lr={min_lr}"
        )
    if step < warmup_steps:
        return max_lr * step / warmup_steps
    if step >= total_steps:
        return float(min_lr)
    progress = (step - warmup_steps) / (total_steps - warmup_steps)
    return min_lr + 0.5 * (max_lr - min_lr) * (1.0 + math.cos(math.pi * progress))


def step_decay(initial_lr, epoch, drop_factor=0.5, drop_every=10):
    """initial_lr · drop_factor^(epoch // drop_every): a drop every `drop_every` whole epochs."""
    if epoch < 0 or drop_every < 1:
        raise ValueError(f"need epoch >= 0 and drop_every >= 1; got epoch={epoch}, drop_every={drop_every}")
    return initial_lr * drop_factor ** (epoch // drop_every)
