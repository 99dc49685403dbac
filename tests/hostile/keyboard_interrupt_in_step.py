"""Raises KeyboardInterrupt inside step, and SystemExit from a second place: reported, never fatal.

kata: momentum
expect: fail
says: KeyboardInterrupt
"""


class Momentum:
    def __init__(self, lr=0.01, beta=0.9):
        self.lr, self.beta = lr, beta

    def step(self, params, grads):
        raise KeyboardInterrupt("stop")
