"""Reference solutions: the oracle every verdict is computed from.

They run only in the grader's own process, never in the learner's child process.
"""
