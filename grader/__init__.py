"""The `kata` command: optimizer katas and their isolated grader."""

__version__ = "0.1.0"
