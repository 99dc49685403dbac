"""The hint ladder, the hint for the mistake the last grade named, and hints shown by `kata list`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from conftest import KATAS, ROOT
from grader import diagnose
from grader.cli import cli


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def progress(workspace: Path) -> dict:
    return json.loads((workspace / ".kata" / "progress.json").read_text())["katas"]


def test_every_kata_has_a_ladder_of_three_hints() -> None:
    assert all(len(k.hints) == 3 for k in KATAS.values())


def test_the_first_hint_after_a_named_mistake_is_about_that_mistake(workspace: Path) -> None:
    run("start", "adam")
    shutil.copy(ROOT / "solutions" / "mistakes" / "adam_no_bias_correction.py", workspace / "adam.py")
    assert run("grade", "--seed", "2")[0] == 1
    assert progress(workspace)["adam"]["last_diagnosis"] == "adam-no-bias-correction"
    mistake = next(m for m in diagnose.catalogue() if m.id == "adam-no-bias-correction")
    code, out = run("hint", "adam")
    assert code == 0 and "[adam-no-bias-correction]" in out
    assert mistake.question.split()[0] in out and "Hint 1 of 3" not in out
    assert progress(workspace)["adam"].get("hints_used", 0) == 0  # the ladder has not moved
    assert "Hint 1 of 3" in run("hint", "adam")[1]  # then the ladder goes on
    assert "Hint 2 of 3" in run("hint", "adam")[1]
    assert run("grade", "--seed", "2")[0] == 1  # the same mistake graded again: its hint comes first again
    assert "[adam-no-bias-correction]" in run("hint", "adam")[1]


def test_a_pass_forgets_the_mistake(workspace: Path) -> None:
    run("start", "momentum")
    shutil.copy(ROOT / "solutions" / "mistakes" / "momentum_not_carried.py", workspace / "momentum.py")
    run("grade")
    assert progress(workspace)["momentum"]["last_diagnosis"] == "momentum-not-carried"
    shutil.copy(ROOT / "solutions" / "momentum.py", workspace / "momentum.py")
    assert run("grade")[0] == 0
    assert "last_diagnosis" not in progress(workspace)["momentum"]
    assert "Hint 1 of 3" in run("hint", "momentum")[1]


def test_list_shows_the_hint_levels_used(workspace: Path) -> None:
    run("hint", "schedules")
    run("hint", "schedules")
    out = run("list")[1]
    line = next(l for l in out.splitlines() if l.startswith("schedules"))
    assert "hints used 2 of 3" in line
    assert "hints used" not in next(l for l in out.splitlines() if l.startswith("adam "))
