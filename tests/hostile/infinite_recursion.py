"""step calls itself without end: RecursionError, reported as infinite recursion.

kata: momentum
expect: fail
says: RecursionError
says: infinite recursion
"""


class Momentum:
    def __init__(self, lr=0.01, beta=0.9):
        self.lr, self.beta = lr, beta

    def step(self, params, grads):
        return self.step(params, grads)
