"""Processes a grading run leaves behind, found and stopped.

Every process the learner's child starts inherits a random token in its environment; after a run,
each process in the child's group or session, or carrying the token, or re-parented to us (the
grader is a subreaper), is stopped with SIGSTOP (so it cannot fork again) and then killed.
"""

from __future__ import annotations

import os
import signal
import time

TOKEN_VAR = "KATA_SANDBOX_TOKEN"  # marks every process the child starts (inherited environment)
KILL_GRACE = 2.0  # seconds allowed for stopping and killing leftovers and draining the pipes
children: set[int] = set()  # pids of the child processes running now (never mistaken for leftovers)


def _processes() -> dict[int, tuple[str, int, int, int, int]]:
    """Every process: pid → (state, ppid, process group, session, start time in clock ticks), from /proc."""
    table: dict[int, tuple[str, int, int, int, int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
            fields = stat[stat.rindex(b")") + 2:].split()
            table[int(name)] = (fields[0].decode(), int(fields[1]), int(fields[2]), int(fields[3]), int(fields[19]))
        except (OSError, ValueError, IndexError):
            continue
    return table


def _carries(pid: int, marker: bytes) -> bool:
    try:
        with open(f"/proc/{pid}/environ", "rb") as f:
            return marker in f.read()
    except OSError:
        return False


def start_time(pid: int) -> int:
    """A process's start time in clock ticks since boot (0 when unknown)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
        return int(stat[stat.rindex(b")") + 2:].split()[19])
    except (OSError, ValueError, IndexError):
        return 0


def leftovers(group: int, token: str, since: int = 0) -> set[int]:
    """Living processes of a run: those with its marker, group or session; the orphans re-parented
    to this process (the subreaper) since the run started, other than the children it started
    itself; and all their descendants."""
    if not os.path.isdir("/proc/self"):
        return set()
    me = os.getpid()
    marker = f"{TOKEN_VAR}={token}\0".encode()
    table = _processes()
    found = {pid for pid, (state, ppid, pgid, sid, start) in table.items()
             if pid != me and (pgid == group or sid == group or _carries(pid, marker)
                               or (since and ppid == me and start >= since and pid not in children))}
    kids: dict[int, list[int]] = {}
    for pid, info in table.items():
        kids.setdefault(info[1], []).append(pid)
    todo = list(found)
    while todo:
        for kid in kids.get(todo.pop(), []):
            if kid not in found and kid != me:
                found.add(kid)
                todo.append(kid)
    return {pid for pid in found if table[pid][0] not in "ZX"}


def sweep(group: int, token: str, since: int = 0) -> None:
    """Stop the group and every leftover (stopped processes cannot fork, and their descendants stay
    where they are) until no new one appears; then kill them all and reap the orphans."""
    try:
        os.killpg(group, signal.SIGSTOP)
    except (ProcessLookupError, PermissionError):
        pass
    stopped: set[int] = set()
    if os.path.isdir("/proc/self"):
        give_up = time.monotonic() + KILL_GRACE / 2
        while time.monotonic() < give_up:
            new = leftovers(group, token, since) - stopped
            if not new:
                break
            for pid in new:
                _signal(pid, signal.SIGSTOP)
            stopped |= new
    try:
        os.killpg(group, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    for pid in stopped:
        _signal(pid, signal.SIGKILL)
    # Orphans come back to this process (the subreaper): reap them, never the main child here.
    pending = {pid for pid in stopped if pid != group}
    give_up = time.monotonic() + 0.5
    while pending and time.monotonic() < give_up:
        for pid in list(pending):
            try:
                if os.waitpid(pid, os.WNOHANG) != (0, 0):
                    pending.discard(pid)
            except ChildProcessError:  # not (or no longer) our child: its own parent, or init, reaps it
                if _state(pid) in "ZX":
                    pending.discard(pid)
        if pending:
            time.sleep(0.005)


def _state(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
        return stat[stat.rindex(b")") + 2:].split()[0].decode()
    except (OSError, ValueError, IndexError):
        return "X"


def _signal(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass
