"""Loops forever in step: each check is stopped at its own time limit, until the budget runs out;
the checks left are reported as not run, with the reason.

kata: adam
expect: fail
says: Timeout
says: time limit of one check
says: not run
limits: wall=2.5 check=0.6
"""


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps

    def step(self, params, grads):
        while True:
            pass
