"""Calls sys.exit(3) while being imported: reported as an exit, never a pass.

kata: schedules
expect: error
says: SystemExit
says: sys.exit()
"""
import sys

sys.exit(3)


def lr_schedule(step, warmup_steps, total_steps, max_lr, min_lr=0.0):
    return max_lr
