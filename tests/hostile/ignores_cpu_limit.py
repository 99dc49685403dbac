"""Ignores SIGXCPU and burns CPU in two threads: the hard CPU limit kills it; reported as over the
CPU-time limit.

kata: schedules
expect: fail
says: CpuLimit
says: CPU time
limits: wall=3 cpu=1 check=3
"""
import signal
import threading

signal.signal(signal.SIGXCPU, signal.SIG_IGN)


def burn():
    while True:
        pass


def lr_schedule(step, warmup_steps, total_steps, max_lr, min_lr=0.0):
    threading.Thread(target=burn, daemon=True).start()
    burn()


def step_decay(initial_lr, epoch, drop_factor=0.5, drop_every=10):
    return initial_lr
