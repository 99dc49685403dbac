"""Calls os._exit(3) inside a function: each check's process vanishes; each is reported, in a fresh process.

kata: clipping
expect: fail
says: exited (status 3)
"""
import os


def clip_grad_norm(grads, max_norm):
    os._exit(3)
