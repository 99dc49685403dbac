"""Starts processes meant to outlive the grader: a grandchild in a new session (double fork + setsid),
holding the report pipes open, and a subprocess with an empty environment; then fails to load.
No process may survive the run (the test reads their pids from the message).

kata: adam
expect: error
says: RuntimeError
says: pids
"""
import os
import subprocess
import sys
import time

read_end, write_end = os.pipe()
first = os.fork()
if first == 0:
    os.setsid()
    second = os.fork()
    if second == 0:
        os.write(write_end, f"{os.getpid()}\n".encode())
        for sig in range(1, 32):
            try:
                __import__("signal").signal(sig, __import__("signal").SIG_IGN)
            except (OSError, ValueError, RuntimeError):
                pass
        time.sleep(600)
    os._exit(0)
os.waitpid(first, 0)
grandchild = int(os.read(read_end, 64).split()[0])
blank = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"], env={}, start_new_session=True)
raise RuntimeError(f"pids {grandchild} {blank.pid}")
