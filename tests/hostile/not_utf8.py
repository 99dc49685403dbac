"""Saved in Latin-1, not UTF-8 (the byte 0xe9 on line 11): a clear message with the line, never a traceback.

kata: schedules
expect: error
says: not UTF-8
says: line 11
says: 0xe9
"""


NAME = "café"


def step_decay(initial_lr, epoch, drop_factor=0.5, drop_every=10):
    return initial_lr * drop_factor ** (epoch // drop_every)
