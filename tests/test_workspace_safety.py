"""Never losing work: names are never paths, a learner's file is never replaced without a checked
backup, the progress file is written atomically, and a broken one is reported, kept and rebuilt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import KATAS, ROOT
from grader import workspace
from grader.cli import cli

BAD_NAMES = ["../../x", "../adam", "adam/../adam", "a/b", "/tmp/adam", "..", ".", "", "adam.py", "Adam",
             "-adam", "adam\x1b[2J", "adam\\x", "x" * 200, "adam\n", "ädam"]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))  # output holds stderr too
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def tree(root: Path) -> dict[str, bytes | None]:
    """Everything under root: file contents, None for folders."""
    return {str(p.relative_to(root)): (None if p.is_dir() else p.read_bytes()) for p in sorted(root.rglob("*"))}


@pytest.fixture
def deep(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace two folders down, so `../../x` would land inside tmp_path if it were followed."""
    monkeypatch.setenv("NO_COLOR", "1")
    ws = tmp_path / "a" / "b"
    ws.mkdir(parents=True)
    monkeypatch.chdir(ws)
    return tmp_path


# -- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", BAD_NAMES, ids=repr)
def test_a_name_that_is_not_a_kata_name_exits_2_and_writes_nothing(deep: Path, name: str) -> None:
    before = tree(deep)
    for command in (["start", name], ["start", name, "--force"], ["reset", name], ["hint", name],
                    ["solution", name, "--force"], ["grade", name]):
        code, out = run(*command)
        assert code == 2, (command, out)
        assert "\x1b" not in out
    assert tree(deep) == before


def test_kata_names_are_all_valid_names() -> None:
    assert all(workspace.valid_name(name) for name in KATAS)


def test_the_installed_script_refuses_a_path_as_a_name(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "kata"
    if not script.exists():
        pytest.skip("the kata script is not installed next to this Python")
    ws = tmp_path / "a" / "b"
    ws.mkdir(parents=True)
    done = subprocess.run([str(script), "start", "../../x"], cwd=ws, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "not a kata name" in done.stderr
    assert tree(tmp_path) == {"a": None, "a/b": None}


# -- the learner's files ----------------------------------------------------------------------


def backups(root: Path, stem: str) -> list[bytes]:
    return sorted(p.read_bytes() for p in (root / ".kata" / "backups").glob(f"{stem}-*.py"))


def test_every_replacement_keeps_a_distinct_backup(deep: Path) -> None:
    ws = deep / "a" / "b"
    run("start", "adam")
    versions = [b"# one\n", b"# two\n", b"# three\n"]
    for text in versions:
        (ws / "adam.py").write_bytes(text)
        assert run("start", "adam", "--force")[0] == 0
    (ws / "adam.py").write_bytes(b"# four\n")
    assert run("reset", "adam")[0] == 0
    assert backups(ws, "adam") == sorted(versions + [b"# four\n"])
    assert (ws / "adam.py").read_text() == KATAS["adam"].stub()


def test_a_learner_file_named_like_the_temporary_file_is_untouched(deep: Path) -> None:
    ws = deep / "a" / "b"
    (ws / ".adam.py.tmp").write_text("# mine\n")
    run("start", "adam")
    assert (ws / ".adam.py.tmp").read_text() == "# mine\n"
    assert not [p for p in ws.iterdir() if p.name.endswith(".tmp") and p.name != ".adam.py.tmp"]


def test_a_folder_where_the_kata_file_goes_is_refused(deep: Path) -> None:
    ws = deep / "a" / "b"
    (ws / "adam.py").mkdir()
    (ws / "adam.py" / "notes.txt").write_text("keep me")
    before = tree(deep)
    for command in (["start", "adam", "--force"], ["reset", "adam"], ["grade", "adam"]):
        code, out = run(*command)
        assert code == 2 and "folder" in out, (command, out)
    assert {k: v for k, v in tree(deep).items() if ".kata" not in k} == before


def test_a_symlinked_file_is_backed_up_and_its_target_kept(deep: Path) -> None:
    ws = deep / "a" / "b"
    elsewhere = deep / "elsewhere.py"
    elsewhere.write_text("# the real work\n")
    (ws / "adam.py").symlink_to(elsewhere)
    assert run("start", "adam")[0] == 0 and elsewhere.read_text() == "# the real work\n"
    assert run("start", "adam", "--force")[0] == 0
    assert elsewhere.read_text() == "# the real work\n"
    assert backups(ws, "adam") == [b"# the real work\n"]
    assert not (ws / "adam.py").is_symlink()


def test_a_failed_backup_leaves_the_file_alone(deep: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = deep / "a" / "b"
    (ws / "sgd.py").write_text("# precious\n")

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(workspace.shutil, "copyfile", broken)
    code, out = run("reset", "sgd")
    assert code == 2 and "could not be backed up" in out and "No space left" in out
    assert (ws / "sgd.py").read_text() == "# precious\n"


def test_a_failed_stub_write_leaves_the_file_alone(deep: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = deep / "a" / "b"
    (ws / "sgd.py").write_text("# precious\n")

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(workspace.os, "replace", broken)
    code, out = run("start", "sgd", "--force")
    assert code == 2 and "could not be written" in out
    assert (ws / "sgd.py").read_text() == "# precious\n"
    assert backups(ws, "sgd") == [b"# precious\n"]
    assert not [p for p in ws.iterdir() if p.name.endswith(".tmp")]


# -- files that cannot be graded --------------------------------------------------------------


def test_a_folder_given_to_grade_is_a_usage_error(deep: Path) -> None:
    (deep / "folder.py").mkdir()
    code, out = run("grade", "adam", "--file", str(deep / "folder.py"))
    assert code == 2 and ("directory" in out or "folder" in out)


def test_an_unreadable_file_is_a_usage_error(deep: Path) -> None:
    if os.geteuid() != 0:
        target = deep / "locked.py"
        target.write_text("x = 1\n")
        target.chmod(0)
    elif os.path.exists("/proc/sys/vm/drop_caches"):
        target = Path("/proc/sys/vm/drop_caches")  # write-only even for root
    else:
        pytest.skip("running as root with no file root cannot read")
    code, out = run("grade", "adam", "--file", str(target))
    assert code == 2 and ("cannot be read" in out or "not readable" in out), out
    assert "Traceback" not in out


def test_a_file_name_with_escape_sequences_is_refused_without_echoing_them(deep: Path) -> None:
    evil = deep / "evil\x1b[2J.py"
    evil.write_text("x = 1\n")
    code, out = run("grade", "adam", "--file", str(evil))
    assert code == 2 and "\x1b" not in out


def test_a_file_that_is_not_utf8_is_graded_as_a_failure_with_its_line(deep: Path) -> None:
    code, out = run("grade", "schedules", "--file", str(ROOT / "tests" / "hostile" / "not_utf8.py"))
    assert code == 1 and "not UTF-8" in out and "line 11" in out and "Traceback" not in out


# -- the progress file ------------------------------------------------------------------------


def progress(ws: Path) -> Path:
    return ws / ".kata" / "progress.json"


def kept_aside(ws: Path) -> list[bytes]:
    return [p.read_bytes() for p in sorted((ws / ".kata").glob("progress.corrupt-*"))]


@pytest.mark.parametrize("content", [b"", b"{not json", b"\xff\xfe{}", b"[1, 2]", b'"just a string"', b"[" * 100_000,
                                     b'{"format": 99, "katas": {}}'], ids=repr)
def test_an_unreadable_progress_file_is_reported_kept_and_rebuilt(deep: Path, content: bytes) -> None:
    ws = deep / "a" / "b"
    run("start", "momentum")
    (ws / "momentum.py").write_text("# started\n")
    progress(ws).write_bytes(content)
    for command in (["list"], ["hint", "adam"], ["grade", "momentum"]):
        code, out = run(*command)
        assert code in (0, 1) and "Traceback" not in out, (command, out)
    assert kept_aside(ws) == [content]
    data = json.loads(progress(ws).read_text())
    assert data["format"] == 1 and "momentum" in data["katas"]


def test_a_hand_edited_progress_file_keeps_what_is_valid(deep: Path) -> None:
    ws = deep / "a" / "b"
    run("start", "adam")
    edited = {"format": 1, "current": "../../etc",
              "katas": {"adam": {"hints_used": 2, "attempts": "many", "passed_at": 5, "started_at": "2024-01-01"},
                        "sgd": "done", "nonsense": {"passed_at": "x"}},
              "future_field": [1, 2]}
    progress(ws).write_text(json.dumps(edited))
    code, out = run("list")
    assert code == 0 and "warning" in out and "attempts" in out and "'../../etc'" in out
    assert [json.loads(k) for k in kept_aside(ws)] == [edited]
    data = json.loads(progress(ws).read_text())
    assert data["katas"]["adam"] == {"hints_used": 2, "started_at": "2024-01-01"}
    assert data["current"] is None and data["future_field"] == [1, 2] and "nonsense" not in data["katas"]
    assert run("grade")[0] == 2  # no current kata any more: which one? (a usage error, not a crash)
    assert run("hint", "adam")[0] == 0
    assert json.loads(progress(ws).read_text())["katas"]["adam"]["hints_used"] == 3
    assert len(kept_aside(ws)) == 1  # a valid file is never kept aside again


def test_a_valid_progress_file_is_left_exactly_as_it_is(deep: Path) -> None:
    ws = deep / "a" / "b"
    run("start", "adam")
    before = progress(ws).read_bytes()
    assert run("list")[0] == 0
    assert progress(ws).read_bytes() == before and kept_aside(ws) == []


def test_a_progress_folder_is_kept_aside_and_rebuilt(deep: Path) -> None:
    ws = deep / "a" / "b"
    progress(ws).mkdir(parents=True)
    (progress(ws) / "inside.txt").write_text("keep")
    code, out = run("hint", "adam")
    assert code == 0 and "not a regular file" in out
    folders = list((ws / ".kata").glob("progress.corrupt-*"))
    assert len(folders) == 1 and (folders[0] / "inside.txt").read_text() == "keep"
    assert json.loads(progress(ws).read_text())["katas"]["adam"]["hints_used"] == 1


def test_when_it_cannot_be_kept_aside_it_is_never_overwritten(deep: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = deep / "a" / "b"
    run("start", "adam")
    progress(ws).write_bytes(b"{broken")

    def refuse(self: Path, target: Path) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(Path, "rename", refuse)
    code, out = run("hint", "adam")
    assert code == 0 and "not saved" in out and "Hint 1" in out
    assert progress(ws).read_bytes() == b"{broken"


def test_progress_is_written_atomically(deep: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = deep / "a" / "b"
    run("hint", "adam")
    before = progress(ws).read_bytes()

    def crash(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(workspace.json, "dump", crash)
    code, out = run("hint", "adam")
    assert code == 0 and "could not be saved" in out and "unchanged" in out
    assert progress(ws).read_bytes() == before
    assert [p.name for p in (ws / ".kata").iterdir() if p.name.endswith(".tmp")] == []


def test_a_file_where_the_state_folder_goes_is_reported(deep: Path) -> None:
    ws = deep / "a" / "b"
    (ws / ".kata").write_text("not a folder")
    code, out = run("hint", "adam")
    assert code == 0 and "could not be saved" in out and "Hint 1" in out
    assert (ws / ".kata").read_text() == "not a folder"
