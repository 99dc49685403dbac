"""`kata next` follows the progress file and the stored mock interviews."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from click.testing import CliRunner

from conftest import KATAS
from grader.cli import cli


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def ago(days: float) -> str:
    return (datetime.now(timezone.utc) - timedelta(days=days)).isoformat(timespec="seconds")


def write_progress(workspace: Path, katas: dict[str, dict]) -> None:
    (workspace / ".kata").mkdir(exist_ok=True)
    (workspace / ".kata" / "progress.json").write_text(json.dumps({"format": 1, "current": None, "katas": katas}))


def order(out: str) -> list[str]:
    """The subjects of the numbered suggestions, in order."""
    return [line.split(". ", 1)[1].split(":")[0] for line in out.splitlines() if line[:3].strip().rstrip(".").isdigit()]


def test_fresh_workspace_suggests_the_katas_in_teaching_order_then_an_interview(workspace: Path) -> None:
    code, out = run("next", "--all")
    assert code == 0
    assert order(out) == list(KATAS) + ["interview"]
    assert "kata start sgd" in out
    code, out = run("next")
    assert order(out) == list(KATAS)[:5] and "more: `kata next --all`" in out


def test_failing_first_then_untried_then_due_for_a_refresh_then_weak_topics(workspace: Path) -> None:
    write_progress(workspace, {
        "clipping": {"last_status": "fail", "last_diagnosis": "clipping-per-array", "attempts": 2, "last_graded_at": ago(1)},
        "sgd": {"last_status": "pass", "passed_at": ago(30), "last_graded_at": ago(30), "hints_used": 0},
        "momentum": {"last_status": "pass", "passed_at": ago(1), "last_graded_at": ago(1), "hints_used": 3},
        "adam": {"last_status": "pass", "passed_at": ago(1), "last_graded_at": ago(1), "hints_used": 0},
        "adamw": {"last_status": "pass", "passed_at": ago(2), "last_graded_at": ago(2), "solution_forced_at": ago(3)},
        "schedules": {"started_at": ago(1)},
    })
    (workspace / "schedules.py").write_text("# started\n")
    (workspace / ".kata" / "interviews.json").write_text(json.dumps({"format": 1, "sessions": [
        {"finished_at": ago(1), "percent": 50, "questions": [
            {"id": "when-to-clip", "topic": "clipping", "percent": 20},
            {"id": "momentum", "topic": "momentum", "percent": 100}]}]}))
    code, out = run("next", "--all")
    assert code == 0
    got = order(out)
    untried = [k for k in KATAS if k not in ("clipping", "sgd", "momentum", "adam", "adamw", "schedules")]
    assert got[:2] == ["clipping", "schedules"]
    assert got[2:2 + len(untried)] == untried
    refresh = got[2 + len(untried):-1]
    assert set(refresh) == {"sgd", "momentum", "adamw"} and "adam" not in got  # adam: recent, no hints
    assert got[-1].startswith("interview") and "Gradient clipping" in out.splitlines()[-2]
    assert "clipping-per-array" in out and "30 days ago" in out and "3 of 3 hints" in out


def test_a_pass_takes_a_kata_off_the_list(workspace: Path) -> None:
    import shutil

    from conftest import ROOT

    run("start", "sgd")
    assert order(run("next")[1])[0] == "sgd"
    shutil.copy(ROOT / "solutions" / "sgd.py", workspace / "sgd.py")
    assert run("grade")[0] == 0
    assert "sgd" not in order(run("next", "--all")[1])
