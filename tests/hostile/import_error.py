"""Imports a module that does not exist: the file cannot be loaded, and the report names the module.

kata: momentum
expect: error
says: ModuleNotFoundError
says: numpy_optimizers_that_do_not_exist
says: (line 9)
"""
import numpy_optimizers_that_do_not_exist  # noqa: F401


class Momentum:
    def __init__(self, lr=0.01, beta=0.9):
        self.lr, self.beta = lr, beta
