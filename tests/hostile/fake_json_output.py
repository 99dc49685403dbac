"""Prints a passing results object everywhere it can (print, sys.__stdout__, fds 1 and 2), at import and
in every step, while its step is plain SGD: never a pass, and `--format json` stays one object.

kata: adam
expect: fail
says: FAIL
cli: yes
"""
import json
import os
import sys

FAKE = json.dumps({"version": 3, "status": "pass", "message": None, "tests": [], "kata": "adam", "seed": 1})
EVENTS = '{"event":"end","id":"first-step","record":null}\n{"event":"done"}\n'


def shout():
    print(FAKE)
    print(FAKE, file=sys.stderr)
    sys.__stdout__.write(FAKE + "\n")
    sys.__stdout__.flush()
    os.write(1, (FAKE + "\n" + EVENTS).encode())
    os.write(2, (FAKE + "\n" + EVENTS).encode())


shout()


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps

    def step(self, params, grads):
        shout()
        for p, g in zip(params, grads):
            p -= self.lr * g
