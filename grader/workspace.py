"""The learner's workspace: kata files, backups, and the progress file (.kata/progress.json).

Nothing here deletes or overwrites a learner's file without first copying it to .kata/backups/.
The progress file is written atomically; a corrupt one is kept aside and rebuilt, never dropped.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from grader.catalog import Kata

PROGRESS_FORMAT = 1
NOT_STARTED, IN_PROGRESS, PASSED = "not started", "in progress", "passed"


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class Workspace:
    root: Path

    @property
    def state_dir(self) -> Path:
        return self.root / ".kata"

    @property
    def progress_path(self) -> Path:
        return self.state_dir / "progress.json"

    def file_for(self, kata: Kata) -> Path:
        return self.root / f"{kata.name}.py"

    # -- progress -------------------------------------------------------------------------

    def load(self, katas: dict[str, Kata]) -> tuple[dict[str, Any], str | None]:
        """The progress data, and a warning when the file was unreadable and had to be rebuilt."""
        path = self.progress_path
        if not path.exists():
            return self._fresh(), None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            _validate(data)
            return data, None
        except (ValueError, OSError, TypeError, KeyError) as exc:
            kept = self._keep_aside(path)
            data = self._rebuild(katas)
            self.save(data)
            return data, (f"the progress file {path} could not be read ({exc.__class__.__name__}: {exc}); "
                          f"it was kept as {kept} and rebuilt from the kata files present")

    def save(self, data: dict[str, Any]) -> None:
        """Write the progress file atomically: a temporary file in the same folder, then rename."""
        self.state_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.state_dir, prefix=".progress-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, indent=2, sort_keys=True)
                f.write("\n")
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.progress_path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _fresh(self) -> dict[str, Any]:
        return {"format": PROGRESS_FORMAT, "current": None, "katas": {}}

    def _keep_aside(self, path: Path) -> Path:
        target = path.with_name(f"progress.corrupt-{datetime.now().strftime('%Y%m%d-%H%M%S-%f')}.json")
        path.replace(target)
        return target

    def _rebuild(self, katas: dict[str, Kata]) -> dict[str, Any]:
        data = self._fresh()
        for kata in katas.values():
            if self.status_of_file(kata) == IN_PROGRESS:
                data["katas"][kata.name] = {"status": IN_PROGRESS}
        return data

    def status_of_file(self, kata: Kata) -> str:
        path = self.file_for(kata)
        if not path.exists():
            return NOT_STARTED
        try:
            same = path.read_text(encoding="utf-8") == kata.stub()
        except (OSError, UnicodeDecodeError):
            same = False
        return NOT_STARTED if same else IN_PROGRESS

    # -- files ----------------------------------------------------------------------------

    def backup(self, path: Path) -> Path:
        """Copy a learner's file into .kata/backups/ under a name that never collides."""
        folder = self.state_dir / "backups"
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = folder / f"{path.stem}-{stamp}{path.suffix}"
        n = 1
        while target.exists():
            n += 1
            target = folder / f"{path.stem}-{stamp}-{n}{path.suffix}"
        shutil.copy2(path, target)
        return target

    def write_stub(self, kata: Kata, force: bool) -> tuple[Path, Path | None, bool]:
        """Write the stub; returns (path, backup or None, written). An existing file needs force."""
        path = self.file_for(kata)
        self.root.mkdir(parents=True, exist_ok=True)
        backup = None
        if path.exists():
            if not force:
                return path, None, False
            backup = self.backup(path)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(kata.stub(), encoding="utf-8")
        os.replace(tmp, path)
        return path, backup, True


def _validate(data: Any) -> None:
    if not isinstance(data, dict) or data.get("format") != PROGRESS_FORMAT:
        raise ValueError("not a progress file of this version")
    if not isinstance(data.get("katas"), dict) or not all(isinstance(v, dict) for v in data["katas"].values()):
        raise ValueError("'katas' is not a table of katas")
    if data.get("current") is not None and not isinstance(data["current"], str):
        raise ValueError("'current' is not a kata name")


def entry(data: dict[str, Any], name: str) -> dict[str, Any]:
    return data["katas"].setdefault(name, {})


def status(data: dict[str, Any], ws: Workspace, kata: Kata) -> str:
    recorded = data["katas"].get(kata.name, {})
    if recorded.get("passed_at"):
        return PASSED
    return ws.status_of_file(kata)
