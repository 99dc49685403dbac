"""Shared helpers: grading a file exactly as `kata grade --file` does."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader import catalog, grade

ROOT = Path(__file__).resolve().parent.parent
KATAS = catalog.load()
MISTAKES = sorted(p for p in (ROOT / "solutions" / "mistakes").glob("*.py") if not p.name.startswith("__"))


def kata_of(path: Path) -> str:
    """The kata a catalogued mistake file belongs to, from the catalogue."""
    from grader import diagnose

    return next(m.kata for m in diagnose.catalogue() if m.file == path.name)


def grade_file(kata: str, path: Path, seed: int = 1) -> grade.Report:
    return grade.grade(KATAS[kata], path, seed)


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path
