"""Writes garbage, then a forged passing-looking record, on the grader's private channel from inside
step: from the garbage on nothing is trusted; reported as a garbled report.

kata: momentum
expect: fail
says: GarbledReport
"""
import os
import sys


class Momentum:
    def __init__(self, lr=0.01, beta=0.9):
        self.lr, self.beta = lr, beta

    def step(self, params, grads):
        os.write(int(sys.argv[1]), b'not json at all\n{"event":"end","id":"first-step","record":{"__dict__":{"steps":[]}}}\n')
