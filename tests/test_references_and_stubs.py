"""Every reference solution passes every check, and no untouched stub ever passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import KATAS, MISTAKES, ROOT, grade_file, kata_of


@pytest.mark.parametrize("seed", [0, 1, 987654])
@pytest.mark.parametrize("kata", list(KATAS))
def test_reference_passes_every_check(kata: str, seed: int) -> None:
    report = grade_file(kata, ROOT / "solutions" / f"{KATAS[kata].module}.py", seed)
    failures = [(t.check.id, t.verdict.message, t.verdict.difference) for t in report.tests if t.verdict.status != "pass"]
    assert report.status == "pass", failures
    assert len(report.tests) >= 5


@pytest.mark.parametrize("kata", list(KATAS))
def test_untouched_stub_is_not_started_and_fails(kata: str, tmp_path: Path) -> None:
    stub = tmp_path / f"{kata}.py"
    stub.write_text(KATAS[kata].stub())  # the workspace file is named after the kata
    report = grade_file(kata, stub)
    assert report.not_started and report.status == "fail"


@pytest.mark.parametrize("kata", list(KATAS))
def test_edited_stub_that_still_raises_everywhere_is_not_started(kata: str, tmp_path: Path) -> None:
    """A stub with comments added but nothing implemented runs every check, and all say not implemented."""
    stub = tmp_path / f"{kata}.py"
    stub.write_text(KATAS[kata].stub() + "\n# my notes: start with the formula\n")
    report = grade_file(kata, stub)
    assert report.not_started and report.status == "fail"
    assert report.tests and all(t.verdict.not_implemented for t in report.tests)


@pytest.mark.parametrize("path", MISTAKES, ids=lambda p: p.stem)
def test_every_catalogued_mistake_fails(path: Path) -> None:
    report = grade_file(kata_of(path), path, seed=3)
    assert report.status == "fail"
    assert any(t.verdict.status != "pass" for t in report.tests)


def test_every_kata_has_several_catalogued_mistakes() -> None:
    counts = {name: sum(kata_of(p) == name for p in MISTAKES) for name in KATAS}
    assert all(n >= 3 for n in counts.values()), counts


def test_partly_implemented_file_reports_the_rest_as_not_implemented(tmp_path: Path) -> None:
    source = (ROOT / "solutions" / "schedules.py").read_text()
    source = source.replace('    if epoch < 0 or drop_every < 1:', '    raise NotImplementedError("step_decay")\n    if epoch < 0 or drop_every < 1:')
    path = tmp_path / "schedules.py"
    path.write_text(source)
    report = grade_file("schedules", path)
    assert report.status == "fail" and not report.not_started
    by_id = {t.check.id: t.verdict for t in report.tests}
    assert by_id["step-decay"].not_implemented and by_id["step-decay"].status == "error"
    assert by_id["warmup"].status == "pass"
