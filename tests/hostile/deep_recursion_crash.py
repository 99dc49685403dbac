"""Raises the recursion limit, then recurses through C code until the stack overflows: the process
dies of SIGSEGV (or, where the stack holds, RecursionError or MemoryError); reported, naming recursion.
step_decay recurses in pure Python, which Python 3.11 keeps off the C stack: it runs until a limit stops it.

kata: schedules
expect: fail
says: recursion
limits: check=1
"""
import sys

sys.setrecursionlimit(10**8)


def lr_schedule(step, warmup_steps, total_steps, max_lr, min_lr=0.0):
    return list(map(lr_schedule, [step + 1], [warmup_steps], [total_steps], [max_lr]))


def step_decay(initial_lr, epoch, drop_factor=0.5, drop_every=10):
    return step_decay(initial_lr, epoch + 1)
