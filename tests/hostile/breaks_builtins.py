"""Replaces builtins (isinstance, len, repr, type, str) and json.dumps with broken ones, at import and
again inside step, then steps like plain SGD: reports are written with the originals; the grader code that
runs in the broken process fails, and says so; never a pass.

kata: adam
expect: fail
says: the grader's own code failed
"""
import builtins
import json


def sabotage():
    builtins.isinstance = lambda obj, cls: True
    builtins.len = lambda obj: 0
    builtins.repr = lambda obj: "PASS"
    json.dumps = lambda *args, **kwargs: '{"event": "done"}'
    del builtins.sorted


sabotage()


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = lr

    def step(self, params, grads):
        for p, g in zip(params, grads):
            p -= self.lr * g
        sabotage()
