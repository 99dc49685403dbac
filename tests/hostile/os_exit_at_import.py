"""Calls os._exit(0) while being imported: the process vanishes with status 0 and no report.

kata: sgd
expect: error
says: exited (status 0)
says: os._exit()
cli: yes
"""
import os

os._exit(0)
