"""The learner's workspace: kata files, backups, and the progress file (.kata/progress.json).

Nothing here deletes or overwrites a learner's file without first copying it to .kata/backups/
(and checking the copy). Kata names are plain lowercase words, never paths. The progress file is
written atomically (a temporary file in the same folder, flushed, then renamed over the old one);
one that cannot be read, or that was edited into something invalid, is reported, kept aside under
a new name and rebuilt from what was still valid and the kata files present: never a crash, never
silently emptied. When it cannot even be kept aside, it is left alone and progress is not saved.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from grader.catalog import Kata

PROGRESS_FORMAT = 1
NOT_STARTED, IN_PROGRESS, PASSED = "not started", "in progress", "passed"
NAME = re.compile(r"[a-z][a-z0-9_-]{0,39}")
STATUSES = ("pass", "fail", "error")
# The fields of one kata's entry, and what each must hold.
FIELDS: dict[str, Any] = {
    "started_at": str, "last_graded_at": str, "passed_at": str, "solution_forced_at": str,
    "last_status": STATUSES, "last_seed": int, "attempts": int, "hints_used": int, "status": (IN_PROGRESS,),
}


class WorkspaceError(Exception):
    """The workspace cannot be used as asked (a name that is a path, a folder where a file should
    be, a file that cannot be backed up, a progress file that cannot be written). Nothing was lost."""


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def valid_name(name: Any) -> bool:
    """A kata name: lowercase letters, digits, "_" and "-" (no separators, dots, or anything else a path needs)."""
    return isinstance(name, str) and NAME.fullmatch(name) is not None


@dataclass
class Workspace:
    root: Path
    blocked: str | None = field(default=None, compare=False)  # why the progress file must not be written

    @property
    def state_dir(self) -> Path:
        return self.root / ".kata"

    @property
    def progress_path(self) -> Path:
        return self.state_dir / "progress.json"

    def file_for(self, kata: Kata) -> Path:
        if not valid_name(kata.name):
            raise WorkspaceError(f"{kata.name!r} is not a kata name")
        return self.root / f"{kata.name}.py"

    # -- progress -------------------------------------------------------------------------

    def load(self, katas: dict[str, Kata]) -> tuple[dict[str, Any], str | None]:
        """The progress data, and a warning when the file was unreadable or invalid and was rebuilt."""
        path = self.progress_path
        if not os.path.lexists(path):
            return self._fresh(), None
        try:
            if not path.is_file():
                raise OSError("it is not a regular file")
            raw = json.loads(path.read_bytes().decode("utf-8"))
        except (OSError, ValueError, RecursionError) as exc:  # unreadable, not UTF-8, not JSON
            problems = [f"it could not be read ({_describe(exc)})"]
            data = self._rebuild(katas, self._fresh())
        else:
            data, problems = _salvage(raw, katas)
            if not problems:
                return data, None
            data = self._rebuild(katas, data)
        try:
            kept = self._keep_aside(path)
        except OSError as exc:
            self.blocked = (f"the unreadable progress file {path} could not be kept aside ({_describe(exc)}), "
                            f"so it is left as it is and progress is not saved until it is fixed or removed")
            return data, f"the progress file {path}: {'; '.join(problems)}. " + self.blocked
        warning = (f"the progress file {path}: {'; '.join(problems)}. The original was kept as {kept}, "
                   f"and progress was rebuilt from what was still valid and the kata files present")
        try:
            self.save(data)
        except WorkspaceError as exc:
            warning += f"; the rebuilt file could not be written: {exc}"
        return data, warning

    def save(self, data: dict[str, Any]) -> None:
        """Write the progress file atomically: a temporary file in the same folder, flushed, then renamed."""
        if self.blocked:
            raise WorkspaceError(self.blocked)
        try:
            self.state_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WorkspaceError(f"progress could not be saved in {self.state_dir} ({_describe(exc)})") from exc
        try:
            write_json_atomically(self.progress_path, data, sort_keys=True)
        except (OSError, ValueError, TypeError) as exc:
            raise WorkspaceError(f"progress could not be saved to {self.progress_path} ({_describe(exc)}); "
                                 f"the previous file is unchanged") from exc

    def _fresh(self) -> dict[str, Any]:
        return {"format": PROGRESS_FORMAT, "current": None, "katas": {}}

    def _keep_aside(self, path: Path) -> Path:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = path.with_name(f"progress.corrupt-{stamp}.json")
        n = 1
        while os.path.lexists(target):
            n += 1
            target = path.with_name(f"progress.corrupt-{stamp}-{n}.json")
        path.rename(target)
        return target

    def _rebuild(self, katas: dict[str, Kata], data: dict[str, Any]) -> dict[str, Any]:
        """Add an entry for every kata whose file is present and no longer the stub."""
        for kata in katas.values():
            if kata.name not in data["katas"] and self.status_of_file(kata) == IN_PROGRESS:
                data["katas"][kata.name] = {"status": IN_PROGRESS}
        return data

    def status_of_file(self, kata: Kata) -> str:
        path = self.file_for(kata)
        if not os.path.lexists(path):
            return NOT_STARTED
        try:
            same = path.read_text(encoding="utf-8") == kata.stub()
        except (OSError, UnicodeDecodeError):
            same = False
        return NOT_STARTED if same else IN_PROGRESS

    # -- files ----------------------------------------------------------------------------

    def backup(self, path: Path) -> Path:
        """Copy a learner's file into .kata/backups/ under a name that never collides, and check the copy."""
        folder = self.state_dir / "backups"
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            n = 1
            while True:
                target = folder / (f"{path.stem}-{stamp}{path.suffix}" if n == 1 else f"{path.stem}-{stamp}-{n}{path.suffix}")
                try:
                    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
                    break
                except FileExistsError:
                    n += 1
            if path.is_symlink() and not path.exists():  # a dangling link: keep the link itself
                target.unlink()
                os.symlink(os.readlink(path), target)
                return target
            shutil.copyfile(path, target)
            shutil.copystat(path, target)
            if target.read_bytes() != path.read_bytes():
                raise OSError("the copy differs from the original")
        except OSError as exc:
            raise WorkspaceError(f"{path} could not be backed up ({_describe(exc)}), so it was left unchanged") from exc
        return target

    def write_stub(self, kata: Kata, force: bool) -> tuple[Path, Path | None, bool]:
        """Write the stub; returns (path, backup or None, written). An existing file needs force,
        and is backed up first; anything other than a regular file (or a link to one) is refused."""
        path = self.file_for(kata)
        backup = None
        if os.path.lexists(path):
            if path.exists() and not path.is_file():
                kind = "a folder" if path.is_dir() else "not a regular file"
                raise WorkspaceError(f"{path} is {kind}: it was left as it is, and no stub was written")
            if not force:
                return path, None, False
            backup = self.backup(path)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.root, prefix=f".{path.name}-", suffix=".tmp")
        except OSError as exc:
            raise WorkspaceError(f"the stub could not be written in {self.root} ({_describe(exc)})") from exc
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(kata.stub())
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, 0o644 & ~_umask())
            os.replace(tmp, path)
            _sync_folder(self.root)
        except BaseException as exc:
            Path(tmp).unlink(missing_ok=True)
            if isinstance(exc, OSError):
                raise WorkspaceError(f"the stub could not be written to {path} ({_describe(exc)})") from exc
            raise
        return path, backup, True


# -- validation -----------------------------------------------------------------------------


def write_json_atomically(path: Path, data: Any, **dump_options: Any) -> None:
    """Write JSON to a temporary file in the same folder, flush it to disk, then rename it over
    `path`: a reader sees the old file or the new one, never half of one."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=2, ensure_ascii=False, **dump_options)
            f.write("\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        _sync_folder(path.parent)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _salvage(raw: Any, katas: dict[str, Kata]) -> tuple[dict[str, Any], list[str]]:
    """Keep every valid part of a decoded progress file; list what was wrong with the rest."""
    data = {"format": PROGRESS_FORMAT, "current": None, "katas": {}}
    if not isinstance(raw, dict):
        return data, [f"it holds {type(raw).__name__}, not a table"]
    problems = []
    if raw.get("format") != PROGRESS_FORMAT:
        problems.append(f"its format is {raw.get('format')!r}, not {PROGRESS_FORMAT}")
    entries = raw.get("katas")
    if not isinstance(entries, dict):
        problems.append("'katas' is not a table")
        entries = {}
    for name, entry in entries.items():
        if name not in katas:
            problems.append(f"{_short(name)} is not a kata")
            continue
        if not isinstance(entry, dict):
            problems.append(f"the entry of {name} is not a table")
            continue
        kept = {}
        for key, value in entry.items():
            if key not in FIELDS or _valid_field(key, value):
                kept[key] = value  # fields of later versions are kept as they are
            else:
                problems.append(f"{name}.{key} = {_short(value)} is not valid")
        data["katas"][name] = kept
    current = raw.get("current")
    if current is not None and current not in katas:
        problems.append(f"'current' = {_short(current)} is not a kata")
    elif current is not None:
        data["current"] = current
    data.update({k: v for k, v in raw.items() if k not in data})  # fields of later versions
    return data, problems


def _valid_field(key: Any, value: Any) -> bool:
    rule = FIELDS.get(key)
    if rule is str:
        return isinstance(value, str) and len(value) < 100
    if rule is int:
        return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**63
    if isinstance(rule, tuple):
        return value in rule
    return False


def _short(value: Any) -> str:
    text = repr(value)
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return text if len(text) <= 40 else text[:37] + "..."


def _describe(exc: BaseException) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "it is not UTF-8 text"
    if isinstance(exc, json.JSONDecodeError):
        return f"not valid JSON: {exc.msg} at line {exc.lineno}"
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def _sync_folder(folder: Path) -> None:
    """Make a rename durable (best effort: not every system lets a folder be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def entry(data: dict[str, Any], name: str) -> dict[str, Any]:
    return data["katas"].setdefault(name, {})


def status(data: dict[str, Any], ws: Workspace, kata: Kata) -> str:
    recorded = data["katas"].get(kata.name, {})
    if recorded.get("passed_at"):
        return PASSED
    return ws.status_of_file(kata)
