"""Closes the grader's private channel at import: nothing can be reported; said so specifically.

kata: clipping
expect: error
says: report channel
"""
import os
import sys

os.close(int(sys.argv[1]))


def clip_grad_norm(grads, max_norm=1.0):
    return grads, 0.0
