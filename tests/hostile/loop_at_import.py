"""Loops forever at import: stopped at the wall-clock budget and reported as a timeout.

kata: momentum
expect: error
says: Timeout
says: time budget
limits: wall=2
"""
while True:
    pass
