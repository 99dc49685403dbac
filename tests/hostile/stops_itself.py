"""Sends itself SIGSTOP inside step (a process that is stopped never ends by itself): each check is
stopped at its time limit, and the process is killed.

kata: momentum
expect: fail
says: Timeout
limits: wall=2 check=0.5
"""
import os
import signal


class Momentum:
    def __init__(self, lr=0.01, beta=0.9):
        self.lr, self.beta = lr, beta

    def step(self, params, grads):
        os.kill(os.getpid(), signal.SIGSTOP)
