"""Replaces numpy's and math's comparison functions and operator.eq with ones that always agree,
then steps without bias correction: the comparison happens in the grader's process, so it still fails.

kata: adam
expect: fail
says: FAIL
"""
import math
import operator

import numpy as np
import numpy.testing


def always(*args, **kwargs):
    return True


def never_raise(*args, **kwargs):
    return None


np.allclose = np.isclose = np.array_equal = np.array_equiv = always
np.testing.assert_allclose = np.testing.assert_array_equal = numpy.testing.assert_almost_equal = never_raise
math.isclose = always
math.isnan = math.isinf = lambda x: False
operator.eq = always


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.m, self.v = {}, {}

    def step(self, params, grads):
        for i, (p, g) in enumerate(zip(params, grads)):
            self.m[i] = self.beta1 * self.m.get(i, 0.0) + (1 - self.beta1) * g
            self.v[i] = self.beta2 * self.v.get(i, 0.0) + (1 - self.beta2) * g * g
            p -= self.lr * self.m[i] / (np.sqrt(self.v[i]) + self.eps)
