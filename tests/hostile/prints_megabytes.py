"""Prints about 20 MB per call (print, sys.stderr and fd 1), and returns wrong values: the output
kept is bounded, the run stays fast, the verdict is a plain fail.

kata: schedules
expect: fail
says: FAIL
"""
import os
import sys

BLOCK = "loss " * 200_000  # 1 MB


def noisy():
    for _ in range(10):
        print(BLOCK)
        sys.stderr.write(BLOCK)
    os.write(1, BLOCK.encode() * 5)


noisy()


def lr_schedule(step, warmup_steps, total_steps, max_lr, min_lr=0.0):
    noisy()
    return max_lr


def step_decay(initial_lr, epoch, drop_factor=0.5, drop_every=10):
    noisy()
    return initial_lr
