"""Calls sys.exit() inside step: every check reports it, and the grader carries on.

kata: adam
expect: fail
says: sys.exit()
cli: yes
"""
import sys


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps

    def step(self, params, grads):
        sys.exit("done training")
