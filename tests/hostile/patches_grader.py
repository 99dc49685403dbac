"""Replaces the grader's own driver inside the child with one that reports an empty trajectory, and the
codec's encoder: records are checked in the parent against what was asked for, so it fails.

kata: adam
expect: fail
says: FAIL
"""
import sys

drivers = sys.modules["grader.drivers"]
codec = sys.modules["grader.codec"]
drivers.DRIVERS["trajectory"] = lambda plan, module: {"steps": []}
codec.encode = lambda value, depth=0: {"__dict__": {"steps": []}}


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = lr

    def step(self, params, grads):
        pass
