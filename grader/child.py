"""The learner's side of the process boundary: import their file, run the plans, report data.

Started by grader.sandbox as `python -I -m grader.child FD`. Reads one JSON request on stdin,
writes one JSON event per line to file descriptor FD, and nothing else: no verdict is formed here.
"""

from __future__ import annotations

import importlib.util
import io
import os
import resource
import sys
from typing import Any

OUTPUT_LIMIT = 4000  # characters of the learner's printed output kept per check
FILE_LIMIT = 64 * 1024 * 1024  # largest file the learner's code may write, in bytes


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


def main() -> None:
    fd = int(sys.argv[1])
    limit_resources(int(sys.argv[2]), int(sys.argv[3]))
    write = os.write  # kept before any learner code can replace os.write

    def emit(event: dict[str, Any]) -> None:
        data = (codec.dumps(event) + "\n").encode()
        while data:
            data = data[write(fd, data):]

    from grader import codec, drivers  # after the fd is known, so an import failure is visible

    request = codec.decode_request(sys.stdin.read())
    sys.stdin.close()
    sys.stdin = io.StringIO("")
    capture = BoundedWriter()
    sys.stdout = sys.stderr = capture

    path = request["file"]
    emit({"event": "begin", "id": "import"})
    try:
        spec = importlib.util.spec_from_file_location("learner_" + request["kata"], path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    except BaseException as exc:  # noqa: BLE001 - any failure of the learner's module is a result
        info = drivers.error_info(exc, path)
        if isinstance(exc, SyntaxError):
            info.update(line=exc.lineno, code=(exc.text or "").rstrip()[:200], message=exc.msg)
        emit({"event": "end", "id": "import", "error": info, "output": capture.take()})
        emit({"event": "done"})
        os._exit(0)
    emit({"event": "end", "id": "import", "output": capture.take()})

    for check in request["checks"]:
        emit({"event": "begin", "id": check["id"]})
        plan = dict(check["plan"], _file=path)
        record = drivers.run(plan, module)
        try:
            encoded = codec.encode(record)
        except BaseException as exc:  # noqa: BLE001 - a returned object that cannot be described
            encoded = codec.encode({"error": {"type": "UnreadableResult", "message": f"the result could not be read back: {type(exc).__name__}", "line": None, "code": None, "function": None}})
        emit({"event": "end", "id": check["id"], "record": encoded, "output": capture.take()})
    emit({"event": "done"})
    os._exit(0)  # skip the learner's atexit handlers and lingering threads


if __name__ == "__main__":
    main()
