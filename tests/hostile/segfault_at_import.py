"""Sends itself SIGSEGV at import: reported as a crash with the signal's name.

kata: schedules
expect: error
says: SIGSEGV
"""
import os
import signal

os.kill(os.getpid(), signal.SIGSEGV)
