"""A syntax error (a missing colon on line 14): the file cannot be loaded, and the report says where.

kata: adam
expect: error
says: SyntaxError
says: (line 14)
"""
import numpy as np


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
    def step(self, params, grads)
        for p, g in zip(params, grads):
            p -= self.lr * g
