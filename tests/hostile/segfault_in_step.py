"""Sends itself SIGSEGV in step: every check is reported as a crash, each in a fresh process.

kata: momentum
expect: fail
says: SIGSEGV
cli: yes
"""
import os
import signal


class Momentum:
    def __init__(self, lr=0.01, beta=0.9):
        self.lr, self.beta = lr, beta

    def step(self, params, grads):
        os.kill(os.getpid(), signal.SIGSEGV)
