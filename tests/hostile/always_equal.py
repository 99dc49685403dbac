"""Returns objects that claim to equal anything (__eq__, __float__, __array__, __bool__) and whose repr
is hostile (escapes, huge, or raising): the grader only sees a description of them (a float subclass
arrives as the plain float it holds), so they fail.

kata: clipping
expect: fail
says: repr failed
"""
import numpy as np


class Liar(float):
    def __eq__(self, other):
        return True

    __ne__ = lambda self, other: False  # noqa: E731
    __hash__ = float.__hash__

    def __array__(self, *args, **kwargs):
        return np.zeros(3)

    def __bool__(self):
        return True

    def __repr__(self):
        return "\x1b[2J\x1b]0;pwned\x07" + "x" * 100_000


class Broken:
    def __eq__(self, other):
        return True

    def __repr__(self):
        raise RuntimeError("no repr for you")


def clip_grad_norm(grads, max_norm=1.0):
    return [Broken() for _ in grads], Liar(0.0)
