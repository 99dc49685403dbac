"""Run a learner's file in a child process with limits, and collect what it reports.

The child (grader.child) imports the file and runs each plan; it reports on a private pipe, one
JSON event per line. This module enforces the limits, survives whatever the child does, and turns
every way the child can end (done, exception, exit, signal, timeout, garbage) into plain results.
A check whose record did not arrive intact has no record, so it can never pass.

This module does not import numpy at load time (grader.codec does): `kata grade` starts the child
before the parent imports numpy, so the two imports overlap.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Any

PIPE_LIMIT = 64 * 1024 * 1024  # bytes of events accepted from one child
RAW_OUTPUT_LIMIT = 16 * 1024  # bytes kept of what the child wrote straight to its stdout/stderr


@dataclass(frozen=True)
class Limits:
    """Per-kata resource limits; `wall` is the budget of the whole grading run, in seconds."""

    wall: float = 10.0
    cpu: int = 10
    memory_mb: int = 1024


@dataclass
class Outcome:
    """What the child said about one check: its record, or why there is none."""

    record: Any = None
    error: dict[str, Any] | None = None  # an exception in the learner's code, or a crash
    output: str = ""
    seconds: float = 0.0


@dataclass
class RunResult:
    """Outcomes by check id ("import" first); checks never reached are absent."""

    outcomes: dict[str, Outcome] = field(default_factory=dict)
    raw_output: str = ""


def _drain(stream: Any, sink: bytearray, limit: int) -> None:
    """Read a pipe to its end, keeping at most `limit` bytes, so the child never blocks on it."""
    while True:
        chunk = stream.read1(65536) if hasattr(stream, "read1") else stream.read(65536)
        if not chunk:
            return
        room = limit - len(sink)
        if room > 0:
            sink.extend(chunk[:room])


class Child:
    """One running child process and its three pipes."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        read_fd, write_fd = os.pipe()
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        env.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            [sys.executable, "-I", "-m", "grader.child", str(write_fd), str(limits.cpu), str(limits.memory_mb)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            pass_fds=(write_fd,),
            start_new_session=True,  # its own process group, killed whole at the end
            env=env,
        )
        os.close(write_fd)
        self.events = os.fdopen(read_fd, "rb")
        self.raw = bytearray()
        self.event_bytes = bytearray()
        self.threads = [
            threading.Thread(target=_drain, args=(self.proc.stdout, self.raw, RAW_OUTPUT_LIMIT), daemon=True),
            threading.Thread(target=_drain, args=(self.events, self.event_bytes, PIPE_LIMIT), daemon=True),
        ]
        for t in self.threads:
            t.start()

    def send(self, request: str) -> None:
        try:
            self.proc.stdin.write(request.encode())
            self.proc.stdin.close()
        except (BrokenPipeError, OSError):
            pass  # the child died early; its exit status says why

    def finish(self) -> tuple[int | None, bool]:
        """Wait within the wall budget; kill the whole group at the end. Returns (status, timed_out)."""
        remaining = self.limits.wall - (time.monotonic() - self.started)
        timed_out = False
        try:
            self.proc.wait(timeout=max(remaining, 0.01))
        except subprocess.TimeoutExpired:
            timed_out = True
        self._kill_group()
        status = self.proc.wait()
        for t in self.threads:
            t.join(timeout=1.0)
        return status, timed_out

    def _kill_group(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def collect(child: Child) -> RunResult:
    """Wait for the child and turn its events (and its end) into per-check outcomes."""
    from grader import codec
    status, timed_out = child.finish()
    result = RunResult(raw_output=bytes(child.raw).decode("utf-8", "replace"))
    running: str | None = None
    began = child.started
    done = False
    truncated = len(child.event_bytes) >= PIPE_LIMIT
    for line in bytes(child.event_bytes).split(b"\n"):
        if not line.strip():
            continue
        try:
            event = json.loads(line)
            kind, check_id = event["event"], event.get("id")
        except (ValueError, KeyError, TypeError):
            break  # garbage on the pipe: nothing after it is trusted
        if kind == "begin":
            running, began = str(check_id), time.monotonic()
        elif kind == "end" and str(check_id) == running:
            outcome = Outcome(output=_output_text(event.get("output")))
            if "error" in event:
                outcome.error = event["error"]
            else:
                try:
                    outcome.record = codec.decode(event.get("record"))
                except (ValueError, KeyError, TypeError):
                    outcome.error = {"type": "UnreadableResult", "message": "the child's report could not be read"}
            result.outcomes[running] = outcome
            running = None
        elif kind == "done":
            done = True
            break
    if not done:
        reason = _why_it_ended(status, timed_out, child.limits, truncated)
        if running is not None:
            result.outcomes[running] = Outcome(error=reason)
        else:
            result.outcomes.setdefault("_end", Outcome(error=reason))
    return result


def _output_text(output: Any) -> str:
    if not isinstance(output, dict):
        return ""
    text = str(output.get("text", ""))
    dropped = output.get("dropped", 0)
    return text + (f"\n… ({dropped} more characters not shown)" if dropped else "")


def _why_it_ended(status: int | None, timed_out: bool, limits: Limits, truncated: bool) -> dict[str, Any]:
    """Explain a child that stopped before saying it was done."""
    if timed_out:
        return {"type": "Timeout", "message": f"still running after the {limits.wall:g} s time limit: an infinite loop, or far too much work"}
    if truncated:
        return {"type": "TooMuchOutput", "message": "the child sent more data than the grader accepts"}
    if status is not None and status < 0:
        sig = -status
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        if sig == signal.SIGXCPU:
            return {"type": "CpuLimit", "message": f"used more than the {limits.cpu} s CPU-time limit"}
        if sig == signal.SIGKILL:
            return {"type": "Killed", "message": "killed (SIGKILL), for instance for using too much memory"}
        return {"type": "Crash", "message": f"the process died from signal {name}"}
    return {"type": "Exit", "message": f"the process exited (status {status}) before finishing, for example through sys.exit() or os._exit()"}


def run(kata: str, file: str, checks: list[tuple[str, dict[str, Any]]], limits: Limits,
        child: Child | None = None) -> RunResult:
    """Run every plan; when the child dies inside one check, start a fresh child for the rest.

    A `child` passed in has already been sent all of `checks` (see `request`), so the caller can
    work while it runs.

    One wall-clock budget covers all children. A timeout ends the run: the checks after the one
    that hung are left without an outcome (reported as not run).
    """
    deadline = time.monotonic() + limits.wall
    pending = list(checks)
    if child is None:
        child = request(kata, file, pending, limits)
    result = RunResult()
    while True:
        part = collect(child)
        result.outcomes.update(part.outcomes)
        result.raw_output = (result.raw_output + part.raw_output)[:RAW_OUTPUT_LIMIT]
        imported = part.outcomes.get("import")
        reached = [i for i, (check_id, _) in enumerate(pending) if check_id in part.outcomes]
        if imported is None or imported.error or not reached or len(reached) == len(pending):
            return result
        ended = part.outcomes[pending[reached[-1]][0]].error or {}
        pending = pending[reached[-1] + 1:]
        remaining = deadline - time.monotonic()
        if ended.get("type") == "Timeout" or remaining < 0.5:
            return result
        child = request(kata, file, pending, Limits(wall=remaining, cpu=max(1, int(remaining) + 1), memory_mb=limits.memory_mb))


def request(kata: str, file: str, checks: list[tuple[str, dict[str, Any]]], limits: Limits,
            child: Child | None = None) -> Child:
    """Send the plans to a child (started now unless given); collect its outcomes later with `run`."""
    from grader import codec

    child = child or Child(limits)
    child.send(codec.encode_request(kata, file, checks))
    return child
