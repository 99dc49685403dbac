"""Writes a forged "import finished" and "done" on the grader's private channel (its fd is in sys.argv):
the checks it skipped are reported as not run, never as passed.

kata: momentum
expect: fail
says: not run
"""
import os
import sys

os.write(int(sys.argv[1]), b'{"event":"end","id":"import","output":{"text":"","dropped":0}}\n{"event":"done"}\n')


class Momentum:
    def __init__(self, lr=0.01, beta=0.9):
        self.lr, self.beta = lr, beta

    def step(self, params, grads):
        pass
