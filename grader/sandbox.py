"""Run a learner's file in a child process with limits, and collect what it reports.

The child (grader.child) imports the file and runs each plan; it reports on a private pipe, one
JSON event per line. This module enforces the limits, survives whatever the child does, and turns
every way the child can end (done, exception, exit, signal, timeout, garbage) into plain results.
A check whose record did not arrive intact has no record, so it can never pass.

The parent watches the events as they stream: each check has its own time limit (`Limits.check`)
inside the budget of the whole run (`Limits.wall`). A check that hangs or crashes is reported, its
child is killed, and a fresh child runs the checks after it, while the budget lasts.

Nothing the child started survives it: its process group is killed, then every process that still
carries the run's marker (an environment variable), or shares its group or session, or descends
from one that does, is stopped and killed; the grader makes itself the subreaper of its
descendants (Linux) so that orphans come back to it and are reaped. See docs/isolation.md.

This module does not import numpy at load time (grader.codec does): `kata grade` starts the child
before the parent imports numpy, so the two imports overlap.
"""

from __future__ import annotations

import atexit
import json
import math
import os
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from grader import processes
from grader.processes import KILL_GRACE, TOKEN_VAR

PIPE_LIMIT = 64 * 1024 * 1024  # bytes of events accepted from one child
RAW_OUTPUT_LIMIT = 16 * 1024  # bytes kept of what the child wrote straight to its stdout/stderr
MIN_RESTART = 0.5  # seconds of budget left below which no fresh child is started

# Exit statuses the child uses for its own failures (a learner's os._exit can imitate them: that only
# changes the message, never the verdict).
EXIT_CHANNEL = 70  # the private report channel was closed or broken
EXIT_NO_MEMORY = 71  # out of memory while reporting a result
EXIT_BROKEN = 72  # the child's own reporting code failed: the learner's code broke what it relies on


class SandboxError(RuntimeError):
    """The child could not even start (before any learner code ran): a grader or setup problem."""


@dataclass(frozen=True)
class Limits:
    """Per-kata resource limits (katas/catalog.toml, `limits` table of a kata).

    `wall` is the budget of the whole grading run, in seconds; `check` the most one check (one
    trajectory or one series of calls) may take before it is stopped and the next checks run in a
    fresh process; `cpu` the CPU seconds of one child process; `memory_mb` its address-space cap.
    """

    wall: float = 10.0
    cpu: int = 10
    memory_mb: int = 1024
    check: float = 3.0

    def __post_init__(self) -> None:
        for name in ("wall", "cpu", "memory_mb", "check"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
                raise ValueError(f"limit {name} must be a positive number, not {value!r}")
        if not isinstance(self.cpu, int) or not isinstance(self.memory_mb, int):
            raise ValueError("limits cpu and memory_mb must be whole numbers")


@dataclass
class Outcome:
    """What the child said about one check: its record, or why there is none."""

    record: Any = None
    error: dict[str, Any] | None = None  # an exception in the learner's code, or a crash
    output: str = ""
    seconds: float = 0.0


@dataclass
class RunResult:
    """Outcomes by check id ("import" first); every check that was sent has one (or "NotRun")."""

    outcomes: dict[str, Outcome] = field(default_factory=dict)
    raw_output: str = ""


# -- the child process --------------------------------------------------------------------------


_subreaper: bool | None = None
_live: set["Child"] = set()  # children not stopped yet: stopped at exit if a caller never collected them


@atexit.register
def _stop_all() -> None:
    for child in list(_live):
        child.stop()


def new_token() -> str:
    """The marker of one child's processes (tests wrap this to know which processes are theirs)."""
    return secrets.token_hex(16)


def _become_subreaper() -> bool:
    """Linux: orphaned descendants are re-parented to this process (not init), so they can be reaped."""
    global _subreaper
    if _subreaper is None:
        _subreaper = False
        if sys.platform.startswith("linux"):
            try:
                import ctypes

                libc = ctypes.CDLL(None, use_errno=True)
                _subreaper = libc.prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
            except (OSError, AttributeError):
                pass
    return _subreaper


# The child starts without the site module (-S: about 12 ms less start-up, on the critical path of
# every grade) and gets this process's import path instead, so it imports the same grader and numpy.
BOOT = ("import sys, json; sys.path[:] = json.loads(sys.argv.pop(1)); "
        "import runpy; runpy.run_module('grader.child', run_name='__main__', alter_sys=True)")


def child_path() -> list[str]:
    """The import path for the child: the folder holding the grader package, then this process's
    path without the current directory (a learner's folder must not shadow numpy or the grader)."""
    import grader

    here = os.path.dirname(os.path.dirname(os.path.abspath(grader.__file__)))
    return [here] + [p for p in sys.path if p and os.path.isabs(p) and p != here and p != os.getcwd()]


class Child:
    """One running child process, its pipes, and everything it reported so far."""

    def __init__(self, limits: Limits, deadline: float | None = None) -> None:
        self.limits = limits
        self.started = time.monotonic()
        self.deadline = self.started + limits.wall if deadline is None else deadline
        self.token = new_token()
        self.ids: list[str] = ["import"]
        self.drivers: dict[str, str] = {}
        self.cond = threading.Condition()
        self.events: list[tuple[float, dict[str, Any]]] = []  # (arrival time here, event)
        self.problem: str | None = None  # "garbled" or "too much": nothing after it is trusted
        self.events_closed = False
        self.exited = False
        self.status: int | None = None
        self.rusage: Any = None
        self.raw = bytearray()
        self.raw_dropped = 0
        self._reaped = False

        _become_subreaper()
        read_fd, write_fd = os.pipe()
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON") and k != TOKEN_VAR}
        env.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
        env[TOKEN_VAR] = self.token
        cpu = max(1, min(limits.cpu, math.ceil(self.deadline - self.started) + 1))
        self.cpu_limit = cpu
        self._early_status: int | None = None
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-I", "-B", "-S", "-c", BOOT, json.dumps(child_path()), str(write_fd), str(cpu),
                 str(limits.memory_mb), str(os.getpid())],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                pass_fds=(write_fd,),
                start_new_session=True,  # its own session and process group, killed whole at the end
                env=env,
            )
        except BaseException:
            os.close(read_fd)
            raise
        finally:
            os.close(write_fd)
        processes.children.add(self.proc.pid)
        _live.add(self)
        self.since = processes.start_time(self.proc.pid)
        self.threads = [
            threading.Thread(target=self._drain_raw, daemon=True),
            threading.Thread(target=self._read_events, args=(read_fd,), daemon=True),
            threading.Thread(target=self._wait_exit, daemon=True),
        ]
        for t in self.threads:
            t.start()

    # threads ----------------------------------------------------------------------------------

    def _drain_raw(self) -> None:
        """Read the child's stdout+stderr to the end, keeping a bounded start, so it never blocks."""
        fd = self.proc.stdout.fileno()
        while True:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            room = RAW_OUTPUT_LIMIT - len(self.raw)
            if room > 0:
                self.raw.extend(chunk[:room])
            self.raw_dropped += max(0, len(chunk) - max(room, 0))

    def _read_events(self, fd: int) -> None:
        """Parse events as they arrive, stamping each with the time it arrived here."""
        buffer = bytearray()
        total = 0
        try:
            while True:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                total += len(chunk)
                if self.problem:
                    continue  # keep draining so the child never blocks, trust nothing more
                if total > PIPE_LIMIT:
                    self._flag("too much")
                    continue
                buffer.extend(chunk)
                while (end := buffer.find(b"\n")) >= 0:
                    line = bytes(buffer[:end])
                    del buffer[:end + 1]
                    if not line.strip():
                        continue
                    try:
                        event = json.loads(line)
                        if not isinstance(event, dict) or not isinstance(event.get("event"), str):
                            raise ValueError("not an event")
                    except Exception:  # noqa: BLE001 - garbage of any kind (even nested too deep)
                        self._flag("garbled")
                        buffer.clear()
                        break
                    with self.cond:
                        self.events.append((time.monotonic(), event))
                        self.cond.notify_all()
        finally:
            os.close(fd)
            with self.cond:
                self.events_closed = True
                self.cond.notify_all()

    def _flag(self, problem: str) -> None:
        with self.cond:
            self.problem = self.problem or problem
            self.cond.notify_all()

    def _wait_exit(self) -> None:
        """Notice the child's exit without reaping it, so its pid (and group id) stays reserved."""
        try:
            if hasattr(os, "waitid"):
                os.waitid(os.P_PID, self.proc.pid, os.WEXITED | os.WNOWAIT)
            else:  # pragma: no cover - platforms without waitid (macOS): poll, which reaps
                while not self._reaped:
                    pid, status = os.waitpid(self.proc.pid, os.WNOHANG)
                    if pid:
                        self._early_status = os.waitstatus_to_exitcode(status)
                        break
                    time.sleep(0.02)
        except ChildProcessError:
            pass
        with self.cond:
            self.exited = True
            self.cond.notify_all()

    # control ----------------------------------------------------------------------------------

    def send(self, request: str) -> None:
        """Write the request in the background: the child reads it only after its own imports."""
        def write() -> None:
            try:
                self.proc.stdin.write(request.encode())
                self.proc.stdin.close()
            except (BrokenPipeError, OSError, ValueError):
                pass  # the child died early; its exit status says why
        threading.Thread(target=write, daemon=True).start()

    def stop(self) -> None:
        """Kill the child, its group and every leftover process; reap the child; drain the pipes."""
        if self._reaped:
            return
        processes.sweep(self.proc.pid, self.token, self.since)  # the unreaped child keeps its group id reserved
        try:
            _, status, self.rusage = os.wait4(self.proc.pid, 0)
            self.status = os.waitstatus_to_exitcode(status)
        except ChildProcessError:  # reaped already (platforms without waitid)
            self.status = self._early_status
        self._reaped = True
        processes.children.discard(self.proc.pid)
        _live.discard(self)
        self.proc.returncode = self.status
        for stream in (self.proc.stdin,):
            try:
                stream.close()
            except (OSError, ValueError):
                pass
        for t in self.threads:
            t.join(timeout=KILL_GRACE / 2)
        try:
            self.proc.stdout.close()
        except (OSError, ValueError):
            pass

    def cpu_seconds(self) -> float:
        return (self.rusage.ru_utime + self.rusage.ru_stime) if self.rusage is not None else 0.0

    def peak_mib(self) -> float:
        return self.rusage.ru_maxrss / 1024 if self.rusage is not None else 0.0


# -- turning events into outcomes ---------------------------------------------------------------


def collect(child: Child) -> RunResult:
    """Watch the child until it is done, dies, garbles its report or runs out of time; then explain."""
    result = RunResult()
    seen = 0
    position = 0  # index in child.ids of the next "begin" expected
    running: str | None = None
    began = child.started
    done = False
    timed_out: str | None = None  # "check" or "wall"
    bad: str | None = None

    def apply(at: float, event: dict[str, Any]) -> str | None:
        nonlocal position, running, began, done
        kind, check_id = event.get("event"), event.get("id")
        if kind == "begin" and running is None and position < len(child.ids) and check_id == child.ids[position]:
            running, began = check_id, at
            position += 1
        elif kind == "end" and running is not None and check_id == running:
            result.outcomes[running] = _outcome(event, child.drivers.get(running), at - began)
            running = None
        elif kind == "done" and running is None and position >= 1:
            done = True
        else:
            return "garbled"
        return None

    try:
        with child.cond:
            while True:
                while seen < len(child.events) and not done and bad is None:
                    bad = apply(*child.events[seen])
                    seen += 1
                if done or bad or child.problem or child.exited:
                    break
                now = time.monotonic()
                limit = child.deadline
                if running is not None and running != "import":
                    limit = min(limit, began + child.limits.check)
                if now >= limit:
                    timed_out = "wall" if limit == child.deadline else "check"
                    break
                child.cond.wait(min(limit - now, 0.25))
    except BaseException:  # Ctrl-C in the grader, or our own failure: never leave the child running
        child.stop()
        raise
    elapsed = time.monotonic() - began
    child.stop()
    if not (done or timed_out):  # the child ended: read what it wrote before it went
        with child.cond:
            while seen < len(child.events) and not done and bad is None:
                bad = apply(*child.events[seen])
                seen += 1
    raw = _text(bytes(child.raw).decode("utf-8", "replace"), RAW_OUTPUT_LIMIT)
    if child.raw_dropped:
        raw += f"\n… ({child.raw_dropped} more bytes not kept)"
    result.raw_output = raw
    if done:
        return result
    if position == 0 and not timed_out:
        raise SandboxError(f"the grading process stopped before loading the file "
                           f"({_why_it_ended(child)['message']}); its output: {raw[-2000:]!r}")
    if position == 0 and timed_out:
        reason = {"type": "NotStarted", "message": f"the grading process had not even loaded the file when the "
                  f"{child.limits.wall:g} s time budget ran out (a very slow or overloaded machine)"}
    elif timed_out == "check":
        reason = {"type": "Timeout", "message": f"still running after {child.limits.check:g} s, the time limit "
                  f"of one check: an infinite loop, a wait that never ends, or far too much work"}
    elif timed_out:
        reason = {"type": "Timeout", "message": f"still running when the {child.limits.wall:g} s time budget of "
                  f"the whole run ran out: an infinite loop, a wait that never ends, or far too much work"}
    elif bad or child.problem == "garbled":
        reason = {"type": "GarbledReport", "message": "the grader's private report channel received data it did "
                  "not send: something in the process wrote to it, so nothing after that point is trusted"}
    elif child.problem:
        reason = {"type": "TooMuchOutput", "message": f"the process sent more than {PIPE_LIMIT // 2**20} MiB "
                  f"of results, more than the grader accepts"}
    else:
        reason = _why_it_ended(child)
    for key in ("line", "code", "function"):
        reason.setdefault(key, None)
    if running is not None:
        result.outcomes[running] = Outcome(error=reason, seconds=elapsed)
    else:
        result.outcomes["_end"] = Outcome(error=reason)
    return result


def _outcome(event: dict[str, Any], driver: str | None, seconds: float) -> Outcome:
    """One "end" event, checked and normalised: anything malformed becomes an unreadable result."""
    from grader import codec

    outcome = Outcome(output=_output_text(event.get("output")), seconds=seconds)
    if "error" in event:
        outcome.error = _error(event["error"])
        return outcome
    if driver is None:
        return outcome  # the import: no record
    try:
        record = codec.decode(event.get("record"))
        problem = _malformed(record, driver)
    except Exception:  # noqa: BLE001 - whatever the data, it is the child's, never our crash
        problem = "it could not be decoded"
    if problem:
        outcome.error = {"type": "UnreadableResult", "message": f"the result reported for this check is not "
                         f"what the grader sent out to collect ({problem})", "line": None, "code": None, "function": None}
        return outcome
    outcome.record = record
    return outcome


def _error(data: Any) -> dict[str, Any]:
    """An error description as the rest of the grader expects it: these keys, these types."""
    if not isinstance(data, dict):
        data = {}
    line = data.get("line")
    return {
        "type": _plain(data.get("type") or "Error", 120),
        "message": _text(data.get("message") or "", 4000),
        "line": line if isinstance(line, int) and not isinstance(line, bool) else None,
        "code": _plain(data["code"], 400) if isinstance(data.get("code"), str) else None,
        "function": _plain(data["function"], 120) if isinstance(data.get("function"), str) else None,
    }


def _malformed(record: Any, driver: str) -> str | None:
    """Check a record's shape against its driver, and normalise its errors and returned values in place."""
    from grader.codec import Opaque

    if not isinstance(record, dict):
        return "not a table"
    if "error" in record:
        record["error"] = _error(record["error"])
    if driver == "trajectory":
        steps = record.setdefault("steps", [])
        if not isinstance(steps, list) or not all(isinstance(s, dict) and isinstance(s.get("params"), list)
                                                  and isinstance(s.get("grads"), list) for s in steps):
            return "its steps are not a list of parameters and gradients"
    elif driver == "optimize":
        steps = record.setdefault("steps", [])
        if not isinstance(steps, list) or not all(isinstance(s, list) for s in steps):
            return "its steps are not a list of parameters"
    elif driver == "calls":
        results = record.setdefault("results", [])
        if not isinstance(results, list) or not all(isinstance(r, dict) for r in results):
            return "its calls are not a list"
        for r in results:
            if "raised" in r:
                r["raised"] = _error(r["raised"])
            for key in ("returned", "again", "args_after"):
                if key in r:
                    r[key] = _learner_value(r[key], Opaque)
            if "warnings" in r:
                r["warnings"] = [_plain(w, 200) for w in r["warnings"]] if isinstance(r["warnings"], list) else []
    for value in _walk(record):
        if isinstance(value, Opaque):
            value.kind, value.text = _plain(value.kind, 120), _plain(value.text, 400)
    return None


def _learner_value(value: Any, opaque: type) -> Any:
    """A value the learner's code returned, its strings cleaned. (The grader's own markers, such as
    a call that raised, are objects of grader.compare, never strings, so no string can imitate one.)"""
    if isinstance(value, str):
        return _plain(value, 400)
    if isinstance(value, list):
        return [_learner_value(v, opaque) for v in value]
    if isinstance(value, tuple):
        return tuple(_learner_value(v, opaque) for v in value)
    if isinstance(value, dict):
        return {k: _learner_value(v, opaque) for k, v in value.items()}
    return value


def _walk(value: Any, depth: int = 0) -> Any:
    if depth > 40:
        return
    yield value
    if isinstance(value, (list, tuple)):
        for v in value:
            yield from _walk(v, depth + 1)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _walk(v, depth + 1)


_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x9b[0-9;?]*[ -/]*[@-~]|\x1b[@-_][^\x1b]*?(?:\x07|\x1b\\)|\x1b.?|"
                      r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def _text(text: Any, limit: int) -> str:
    """Text from the child made safe on arrival: no escape sequences, no control characters but
    newline and tab, no bidirectional overrides, lone surrogates replaced; bounded. (The renderer
    cleans again; this way no path from the child to a screen depends on remembering to.)"""
    return _SURROGATES.sub("\ufffd", _ESCAPES.sub("", str(text)[: limit * 2]))[:limit]


def _plain(text: Any, limit: int) -> str:
    """A short single-line text from the child (a name, a type)."""
    return _text(text, limit).replace("\n", " ").replace("\t", " ")


def _output_text(output: Any) -> str:
    if not isinstance(output, dict):
        return ""
    text = _text(output.get("text", ""), 100_000)
    dropped = output.get("dropped", 0)
    dropped = dropped if isinstance(dropped, int) and not isinstance(dropped, bool) else 0
    return text + (f"\n… ({dropped} more characters not shown)" if dropped > 0 else "")


def _signal_name(sig: int) -> str:
    try:
        return signal.Signals(sig).name
    except ValueError:
        return f"signal {sig}"


def _why_it_ended(child: Child) -> dict[str, Any]:
    """Explain a child that stopped by itself before saying it was done."""
    limits, status = child.limits, child.status
    memory = ""
    if child.peak_mib() >= 0.75 * limits.memory_mb:
        memory = f"; it had used about {child.peak_mib():.0f} MiB of its {limits.memory_mb} MiB memory cap"
    if status is not None and status < 0:
        sig = -status
        name = _signal_name(sig)
        if sig == signal.SIGXCPU or (sig == signal.SIGKILL and child.cpu_seconds() >= child.cpu_limit - 0.05):
            return {"type": "CpuLimit", "message": f"used more than its {child.cpu_limit} s limit of CPU time "
                    f"(killed by {name}): an infinite loop, or far too much work"}
        if sig == signal.SIGKILL:
            return {"type": "Killed", "message": f"killed by SIGKILL from outside the grader: the system's "
                    f"out-of-memory killer, or your own code{memory}"}
        if sig in (signal.SIGSEGV, signal.SIGBUS):
            return {"type": "Crash", "message": f"the process crashed ({name}, a memory access fault): for "
                    f"example recursion far deeper than the stack allows (after raising "
                    f"sys.setrecursionlimit), a fault in C code, or a signal your code sent itself{memory}"}
        if sig == signal.SIGABRT:
            return {"type": "Crash", "message": f"the process aborted (SIGABRT): a fatal error in C code, or a "
                    f"signal your code sent itself{memory}"}
        if sig == signal.SIGXFSZ:
            return {"type": "FileLimit", "message": "wrote a file larger than the grader allows (SIGXFSZ)"}
        return {"type": "Crash", "message": f"the process was ended by signal {name}, which your code "
                f"caused or sent itself{memory}"}
    if status == EXIT_CHANNEL:
        return {"type": "ReportChannelBroken", "message": "the grader's private report channel was closed or "
                "broken by your code, so no result could be sent"}
    if status == EXIT_BROKEN:
        return {"type": "ReportBroken", "message": "the grader's reporting code failed inside your process: your "
                "code replaced or broke something it relies on (a builtin, or a module of the standard library)"}
    if status == EXIT_NO_MEMORY:
        return {"type": "MemoryError", "message": f"ran out of memory while reporting the result: your code "
                f"used up the {limits.memory_mb} MiB memory cap{memory}"}
    return {"type": "Exit", "message": f"the process exited (status {status}) without reporting a result: "
            f"os._exit() was called, or sys.exit() outside the functions the grader calls{memory}"}


# -- the whole run --------------------------------------------------------------------------------


def run(kata: str, file: str, checks: list[tuple[str, dict[str, Any]]], limits: Limits,
        child: Child | None = None) -> RunResult:
    """Run every plan; when the child dies or hangs inside one check, a fresh child runs the rest.

    A `child` passed in has already been sent all of `checks` (see `request`), so the caller can
    work while it runs. One wall-clock budget, counted from that child's start, covers all
    children; checks left when it runs out are reported as not run, with the reason.
    """
    if child is None:
        child = request(kata, file, checks, limits)
    deadline = child.deadline
    pending = list(checks)
    result = RunResult()
    first = True
    while True:
        part = collect(child)
        result.raw_output = (result.raw_output + part.raw_output)[:RAW_OUTPUT_LIMIT]
        imported = part.outcomes.pop("import", None)
        ended = part.outcomes.pop("_end", None)
        if first:
            if imported is None and ended is not None and ended.error and ended.error["type"] == "NotStarted":
                raise SandboxError(ended.error["message"])
            if imported is not None:
                result.outcomes["import"] = imported
            if ended is not None and (imported is None or imported.error):
                result.outcomes["_end"] = ended
            if imported is None or imported.error:
                return result
        elif imported is None or imported.error:
            why = (imported.error if imported else None) or (ended.error if ended else None) or {}
            _not_run(result, pending, f"loading your file again in a fresh process, after the problem above, "
                     f"failed: {why.get('type', 'Error')}: {why.get('message', '')}")
            return result
        first = False
        result.outcomes.update({k: v for k, v in part.outcomes.items() if k in dict(pending)})
        reached = [i for i, (check_id, _) in enumerate(pending) if check_id in part.outcomes]
        if not reached:
            if ended is None:  # it said it was done without running them
                _not_run(result, pending, "the process reported that it was done without running this check")
                return result
            result.outcomes[pending[0][0]] = ended  # it died between the import and the first check
            reached = [0]
        pending = pending[reached[-1] + 1:]
        if not pending:
            return result
        if deadline - time.monotonic() < MIN_RESTART:
            _not_run(result, pending, f"the {limits.wall:g} s time budget of the whole run was used up before "
                     f"this check could run (see the checks above)")
            return result
        child = request(kata, file, pending, limits, deadline=deadline)


def _not_run(result: RunResult, pending: list[tuple[str, dict[str, Any]]], why: str) -> None:
    for check_id, _ in pending:
        result.outcomes.setdefault(check_id, Outcome(error={"type": "NotRun", "message": f"not run: {why}",
                                                            "line": None, "code": None, "function": None}))


def request(kata: str, file: str, checks: list[tuple[str, dict[str, Any]]], limits: Limits,
            child: Child | None = None, deadline: float | None = None) -> Child:
    """Send the plans to a child (started now unless given); collect its outcomes later with `run`."""
    from grader import codec

    child = child or Child(limits, deadline)
    child.ids = ["import"] + [check_id for check_id, _ in checks]
    child.drivers = {check_id: str(plan.get("driver")) for check_id, plan in checks}
    child.send(codec.encode_request(kata, file, checks))
    return child
