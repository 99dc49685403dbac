"""The learner's side of the process boundary: import their file, run the plans, report data.

Started by grader.sandbox as `python -I -m grader.child FD CPU MEMORY_MB PARENT_PID`. Limits itself, reads
one JSON request on stdin, writes one JSON event per line to file descriptor FD, and nothing
else: no verdict is formed here. The learner's code runs in this process, so nothing here is
trusted by the parent; this side only tries hard to describe what happened, specifically.
"""

from __future__ import annotations

import contextlib
import gc
import io
import os
import re
import resource
import sys
import types
from typing import Any, Iterator

OUTPUT_LIMIT = 4000  # characters of the learner's printed output kept per check
FILE_LIMIT = 64 * 1024 * 1024  # largest file the learner's code may write, in bytes
OPEN_FILES = 256  # file descriptors the child may hold at once
SOURCE_LIMIT = 16 * 1024 * 1024  # largest learner file the child will try to load, in bytes
EXIT_CHANNEL, EXIT_NO_MEMORY, EXIT_BROKEN = 70, 71, 72  # as in grader.sandbox (the parent's module)
_CODING = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")


class BoundedWriter(io.TextIOBase):
    """Stands in for sys.stdout and sys.stderr: keeps the first OUTPUT_LIMIT characters."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.kept = 0
        self.dropped = 0

    def writable(self) -> bool:
        return True

    def write(self, text: Any) -> int:
        text = str(text)
        room = OUTPUT_LIMIT - self.kept
        if room > 0:
            self.parts.append(text[:room])
            self.kept += min(room, len(text))
        self.dropped += max(0, len(text) - max(room, 0))
        return len(text)

    def take(self) -> dict[str, Any]:
        out = {"text": "".join(self.parts), "dropped": self.dropped}
        self.parts, self.kept, self.dropped = [], 0, 0
        return out


def limit_resources(cpu_seconds: int, memory_mb: int) -> None:
    """Cap this process before any learner code runs (the parent also keeps a wall clock)."""
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_LIMIT, FILE_LIMIT))
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    cap = OPEN_FILES if hard == resource.RLIM_INFINITY else min(OPEN_FILES, hard)
    resource.setrlimit(resource.RLIMIT_NOFILE, (cap, cap))


def not_text(path: str) -> dict[str, Any] | None:
    """The file as bytes: a clear error when it cannot be Python source in UTF-8 (or its declared coding)."""
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > SOURCE_LIMIT:
                return {"type": "ValueError", "message": f"your file is {size / 2**20:.0f} MiB, too large to be a "
                        f"kata file (at most {SOURCE_LIMIT // 2**20} MiB)", "line": None, "code": None, "function": None}
            data = f.read()
    except OSError as exc:
        return {"type": type(exc).__name__, "message": f"your file could not be read: {exc.strerror or exc}",
                "line": None, "code": None, "function": None}
    if b"\0" in data:
        line = data[:data.index(b"\0")].count(b"\n") + 1
        return {"type": "ValueError", "message": "your file contains NUL bytes: it is not a Python text file "
                "(was a binary or UTF-16 file saved under this name?)", "line": line, "code": None, "function": None}
    if any(_CODING.match(line) for line in data.split(b"\n", 2)[:2]):
        return None  # a declared encoding (PEP 263): Python reads it that way
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        return {"type": "UnicodeDecodeError", "message": f"your file is not UTF-8 text: byte 0x{data[exc.start]:02x} "
                f"on line {line} cannot be read as UTF-8. Save the file as UTF-8 (every editor can) and grade again",
                "line": line, "code": None, "function": None}
    return None


def explain(info: dict[str, Any], memory_mb: int) -> dict[str, Any]:
    """Make the description of an exception say what it means for a graded function."""
    kind, message = info.get("type"), info.get("message") or ""
    if kind == "SystemExit":
        said = f" (with {message!r})" if message else ""
        info["message"] = (f"your code called sys.exit(){said}: the grader calls your functions, "
                           f"so they must return a value, never exit")
    elif kind == "KeyboardInterrupt":
        info["message"] = "your code raised KeyboardInterrupt (nobody pressed Ctrl-C)" + (f": {message}" if message else "")
    elif kind == "RecursionError":
        info["message"] = f"{message}: infinite recursion? A function keeps calling itself without reaching a base case"
    elif kind == "MemoryError":
        info["message"] = (f"out of memory: your code needed more than the {memory_mb} MiB memory cap"
                           + (f" ({message})" if message else ""))
    return info


def explain_record(record: Any, memory_mb: int) -> Any:
    """Apply `explain` to the error of a record and to each call's exception."""
    if isinstance(record, dict):
        if isinstance(record.get("error"), dict):
            explain(record["error"], memory_mb)
        for result in record.get("results") or []:
            if isinstance(result, dict) and isinstance(result.get("raised"), dict):
                explain(result["raised"], memory_mb)
    return record


def missing(module: Any, plan: dict[str, Any]) -> dict[str, Any] | None:
    """The record of a check whose function or class the file does not define (a clear message)."""
    name = str(plan.get("target", "")).split(".")[0]
    try:
        defined = vars(module)
        if not name or name in defined or hasattr(module, name):
            return None
        names = [n for n in defined if not n.startswith("_")]
    except BaseException:  # noqa: BLE001 - a module whose attributes misbehave: let the driver report it
        return None
    import difflib

    same = [n for n in names if n.lower() == name.lower()]
    close = same or difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    hint = f" Did you mean {close[0]!r}? (names are case-sensitive)" if close else ""
    info = {"type": "AttributeError", "message": f"your file does not define {name!r}, which this kata asks for.{hint}",
            "line": None, "code": None, "function": None}
    return {"results": [], "error": info} if plan.get("driver") == "calls" else {"steps": [], "error": info}


class Pristine:
    """Module namespaces as they were before the learner's code ran.

    `restore()` undoes the learner's changes to the grader's own modules for good (no honest code
    patches them). `swapped()` puts the original builtins and json back only while the child
    encodes and writes a report, then gives the learner's versions back, so their code keeps
    running in the world it made, and a patched builtin cannot break the report.
    """

    def __init__(self, grader: list[Any], shared: list[Any], tables: list[dict[str, Any]]) -> None:
        self.grader = [(vars(m), dict(vars(m))) for m in grader]
        self.shared = [(vars(m), dict(vars(m))) for m in shared]
        self.tables = [(t, dict(t)) for t in tables]

    def restore(self) -> None:
        for namespace, saved in self.grader + self.tables:
            namespace.update(saved)

    @contextlib.contextmanager
    def swapped(self) -> Iterator[None]:
        theirs = [(namespace, dict(namespace)) for namespace, _ in self.shared]
        for namespace, saved in self.shared:
            namespace.update(saved)
        try:
            yield
        finally:
            for namespace, mine in theirs:
                added = [key for key in namespace if key not in mine]
                namespace.update(mine)
                for key in added:
                    del namespace[key]


def die_with_parent(parent: int) -> None:
    """Linux: be killed when the grader dies (it may be killed itself, with no chance to clean up)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None).prctl(1, 9, 0, 0, 0)  # PR_SET_PDEATHSIG, SIGKILL
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # it died before that took effect
        os._exit(1)


def load_source(path: str, name: str) -> types.ModuleType:
    """Run the learner's file as a module, compiled from its source every time: never from a
    __pycache__ entry (one left by an earlier version with the same size and mtime would grade the
    old code), and never writing one into the learner's folder."""
    module = types.ModuleType(name)
    module.__file__ = path
    sys.modules[name] = module  # dataclasses and pickling look the module up by name
    with open(path, "rb") as f:
        code = compile(f.read(), path, "exec", dont_inherit=True)
    exec(code, module.__dict__)
    return module


def main() -> None:
    fd = int(sys.argv[1])
    memory_mb = int(sys.argv[3])
    die_with_parent(int(sys.argv[4]))
    limit_resources(int(sys.argv[2]), memory_mb)
    write, exit_now = os.write, os._exit  # kept before any learner code can replace them

    from grader import codec, drivers  # after the limits, so the grader's own start-up is bounded too
    import numpy.random  # noqa: F401 - imported while the parent still builds the plans, not during a check

    import builtins
    import json.encoder

    encode, dumps, run, error_info = codec.encode, codec.dumps, drivers.run, drivers.error_info
    pristine = Pristine([codec, drivers, sys.modules[__name__]], [builtins, json, json.encoder], [drivers.DRIVERS])

    def emit(event: dict[str, Any]) -> None:
        try:
            with pristine.swapped():
                data = (dumps(event) + "\n").encode("utf-8", "backslashreplace")
                while data:
                    data = data[write(fd, data):]
        except MemoryError:
            exit_now(EXIT_NO_MEMORY)
        except OSError:
            exit_now(EXIT_CHANNEL)
        except BaseException:  # noqa: BLE001 - the learner's code broke something the report needs
            exit_now(EXIT_BROKEN)

    request = codec.decode_request(sys.stdin.read())
    sys.stdin.close()
    sys.stdin = io.StringIO("")
    capture = BoundedWriter()
    sys.stdout = sys.stderr = capture

    path = request["file"]
    emit({"event": "begin", "id": "import"})
    problem = not_text(path)
    if problem is None:
        try:
            module = load_source(path, "learner_" + request["kata"])
        except BaseException as exc:  # noqa: BLE001 - any failure of the learner's module is a result
            with pristine.swapped():
                if isinstance(exc, MemoryError):
                    module = None  # free what the file allocated, so the report can still be written
                    gc.collect()
                problem = explain(error_info(exc, path), memory_mb)
                if isinstance(exc, SyntaxError):
                    problem.update(line=exc.lineno, code=(exc.text or "").rstrip()[:200], message=exc.msg)
            del exc
    pristine.restore()
    with pristine.swapped():
        output = capture.take()
    if problem is not None:
        emit({"event": "end", "id": "import", "error": problem, "output": output})
        emit({"event": "done"})
        exit_now(0)
    emit({"event": "end", "id": "import", "output": output})

    for check in request["checks"]:
        pristine.restore()
        emit({"event": "begin", "id": check["id"]})
        plan = dict(check["plan"], _file=path)
        stage = "run"
        try:
            with pristine.swapped():
                record = missing(module, plan)
            if record is None:
                record = run(plan, module)
            pristine.restore()
            stage = "report"
            with pristine.swapped():
                encoded = encode(explain_record(record, memory_mb))
        except BaseException as exc:  # noqa: BLE001 - out of memory, a broken process, an odd result
            with pristine.swapped():
                kind, said = type(exc).__name__, drivers._message(exc)[:300]
                del exc
                record = None  # frees what the learner's code left behind before reporting
                gc.collect()
                if kind == "MemoryError":
                    info = explain({"type": "MemoryError", "message": ""}, memory_mb)
                elif stage == "run":
                    info = {"type": "GraderCodeFailed", "message": f"the grader's own code failed in your process "
                            f"({kind}: {said}): did your code replace a builtin, or part of a module the grader uses?"}
                else:
                    info = {"type": "UnreadableResult", "message": f"the result could not be read back ({kind}: {said})"}
                info.update(line=None, code=None, function=None)
                encoded = {"__dict__": {"error": {"__dict__": info}}}
        with pristine.swapped():
            output = capture.take()
        emit({"event": "end", "id": check["id"], "record": encoded, "output": output})
    emit({"event": "done"})
    exit_now(0)  # skip the learner's atexit handlers and lingering threads


if __name__ == "__main__":
    main()
