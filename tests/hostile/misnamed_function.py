"""Defines lr_schedules (one letter too many) and no step_decay at all: named, with a suggestion.

kata: schedules
expect: fail
says: does not define 'lr_schedule'
says: Did you mean 'lr_schedules'?
says: does not define 'step_decay'
"""


def lr_schedules(step, warmup_steps, total_steps, max_lr, min_lr=0.0):
    return max_lr
