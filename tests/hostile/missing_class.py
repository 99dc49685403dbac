"""Defines ADAM instead of Adam: every check says the name is missing, and suggests the near miss.

kata: adam
expect: fail
says: does not define 'Adam'
says: Did you mean 'ADAM'?
"""


class ADAM:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = lr

    def step(self, params, grads):
        pass
