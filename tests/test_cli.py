"""The `kata` command, through click's test runner and through the installed script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import KATAS, ROOT
from grader.cli import cli

ADAM_NO_BIAS_CORRECTION = ROOT / "solutions" / "mistakes" / "adam_no_bias_correction.py"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_list_shows_every_kata_in_teaching_order(workspace: Path) -> None:
    code, out = run("list")
    assert code == 0
    positions = [out.index(name + " ") for name in KATAS]
    assert positions == sorted(positions)
    assert out.count("not started") == len(KATAS)


def test_start_then_grade_says_not_started_with_exit_1(workspace: Path) -> None:
    code, out = run("start", "adam")
    assert code == 0 and (workspace / "adam.py").read_text() == KATAS["adam"].stub()
    assert "Adam.step" in out
    code, out = run("grade")
    assert code == 1
    assert "Not started" in out and "FAIL" not in out


def test_start_never_overwrites_without_force_and_backs_up_with_force(workspace: Path) -> None:
    run("start", "momentum")
    mine = "# my work\n"
    (workspace / "momentum.py").write_text(mine)
    code, out = run("start", "momentum")
    assert code == 0 and "kept" in out
    assert (workspace / "momentum.py").read_text() == mine
    code, out = run("start", "momentum", "--force")
    assert code == 0
    backups = list((workspace / ".kata" / "backups").glob("momentum-*.py"))
    assert [b.read_text() for b in backups] == [mine]
    assert (workspace / "momentum.py").read_text() == KATAS["momentum"].stub()


def test_unknown_kata_lists_the_known_names_with_exit_2(workspace: Path) -> None:
    code, out = run("start", "adagrad")
    assert code == 2
    assert all(name in out for name in KATAS)
    assert not (workspace / "adagrad.py").exists()


def test_grade_of_a_missing_file_is_a_usage_error(workspace: Path) -> None:
    assert run("grade", "adam")[0] == 2
    assert run("grade", "adam", "--file", str(workspace / "nope.py"))[0] == 2


def test_reference_graded_with_file_passes_and_unlocks_nothing_elsewhere(workspace: Path) -> None:
    code, out = run("grade", "adam", "--file", str(ROOT / "solutions" / "adam.py"))
    assert code == 0, out
    assert "All 9 checks passed" in out or "checks passed" in out
    assert not (workspace / ".kata" / "progress.json").exists() or "passed_at" not in (workspace / ".kata" / "progress.json").read_text()


def test_adam_without_bias_correction_fails_naming_the_first_divergent_step(workspace: Path) -> None:
    code, out = run("grade", "adam", "--file", str(ADAM_NO_BIAS_CORRECTION), "--seed", "5")
    assert code == 1
    assert "FAIL" in out and "first difference at step 1, params[0]" in out


def test_json_output_is_one_results_object(workspace: Path) -> None:
    code, out = run("grade", "adam", "--file", str(ADAM_NO_BIAS_CORRECTION), "--format", "json", "--seed", "11")
    assert code == 1
    data = json.loads(out)
    assert {"version", "status", "message", "tests", "kata", "seed"} <= set(data)
    assert data["version"] == 3 and data["status"] == "fail" and data["kata"] == "adam" and data["seed"] == 11
    assert data["message"] is None  # exercism: a top-level message only when status is "error"
    for test in data["tests"]:
        assert {"name", "status", "message", "output", "diagnosis"} <= set(test)
        assert test["status"] in ("pass", "fail", "error")
        assert (test["message"] is None) == (test["status"] == "pass")
    assert any(t["status"] == "fail" for t in data["tests"])


def test_json_for_a_file_not_started_is_an_error_with_a_message(workspace: Path) -> None:
    run("start", "adam")
    code, out = run("grade", "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["status"] == "error" and "Not started" in data["message"] and data["not_started"]


def test_a_second_file_is_a_usage_error_not_silently_ignored(workspace: Path) -> None:
    code, out = run("grade", "adam", "--file", str(ADAM_NO_BIAS_CORRECTION), "--file", str(ROOT / "solutions" / "adam.py"))
    assert code == 2 and "one file per run" in out


def test_same_seed_replays_the_same_cases(workspace: Path) -> None:
    a = run("grade", "adam", "--file", str(ADAM_NO_BIAS_CORRECTION), "--seed", "42")[1]
    b = run("grade", "adam", "--file", str(ADAM_NO_BIAS_CORRECTION), "--seed", "42")[1]
    c = run("grade", "adam", "--file", str(ADAM_NO_BIAS_CORRECTION), "--seed", "43")[1]
    assert a == b and a != c


def test_passing_unlocks_the_solution_and_is_recorded(workspace: Path) -> None:
    run("start", "clipping")
    assert run("solution", "clipping")[0] != 0
    shutil.copy(ROOT / "solutions" / "clipping.py", workspace / "clipping.py")
    code, out = run("grade")
    assert code == 0, out
    code, out = run("solution", "clipping")
    assert code == 0 and "def clip_grad_norm" in out
    progress = json.loads((workspace / ".kata" / "progress.json").read_text())
    assert progress["katas"]["clipping"]["passed_at"] and progress["current"] == "clipping"
    assert "passed" in run("list")[1]


def test_solution_with_force_is_recorded(workspace: Path) -> None:
    code, out = run("solution", "adam", "--force")
    assert code == 0 and "class Adam" in out
    progress = json.loads((workspace / ".kata" / "progress.json").read_text())
    assert progress["katas"]["adam"]["solution_forced_at"]


def test_hints_climb_a_ladder_and_are_recorded(workspace: Path) -> None:
    outs = [run("hint", "adam")[1] for _ in range(4)]
    assert "Hint 1 of 3" in outs[0] and "Hint 2 of 3" in outs[1] and "Hint 3 of 3" in outs[2] and "Hint 3 of 3" in outs[3]
    progress = json.loads((workspace / ".kata" / "progress.json").read_text())
    assert progress["katas"]["adam"]["hints_used"] == 3


def test_reset_backs_up_then_restores_the_stub(workspace: Path) -> None:
    run("start", "sgd")
    (workspace / "sgd.py").write_text("# half done\n")
    code, out = run("reset", "sgd")
    assert code == 0 and "backed up" in out
    assert (workspace / "sgd.py").read_text() == KATAS["sgd"].stub()
    assert [b.read_text() for b in (workspace / ".kata" / "backups").glob("sgd-*.py")] == ["# half done\n"]


def test_corrupt_progress_file_is_kept_aside_and_rebuilt(workspace: Path) -> None:
    run("start", "adam")
    (workspace / "adam.py").write_text("# started\n")
    (workspace / ".kata" / "progress.json").write_text("{not json")
    result = CliRunner().invoke(cli, ["list"])  # output holds stderr too, in click 8.1 and later
    assert result.exit_code == 0
    assert "could not be read" in result.output
    kept = list((workspace / ".kata").glob("progress.corrupt-*.json"))
    assert [k.read_text() for k in kept] == ["{not json"]
    assert "in progress" in result.output


def test_demo_grades_the_shipped_attempt(workspace: Path) -> None:
    code, out = run("demo")
    assert code == 0
    assert "FAIL" in out and "the update there" in out


def _installed_kata() -> str:
    script = Path(sys.executable).parent / "kata"
    if not script.exists():
        pytest.skip("the kata script is not installed next to this Python")
    return str(script)


def test_installed_command_grades_in_a_subprocess(tmp_path: Path) -> None:
    kata = _installed_kata()
    env = dict(os.environ, NO_COLOR="1")
    started = subprocess.run([kata, "start", "adam"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert started.returncode == 0, started.stderr
    graded = subprocess.run([kata, "grade"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert graded.returncode == 1 and "Not started" in graded.stdout
    passed = subprocess.run([kata, "grade", "--file", str(ROOT / "solutions" / "adam.py"), "--format", "json"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert passed.returncode == 0 and json.loads(passed.stdout)["status"] == "pass"
    usage = subprocess.run([kata, "grade", "nosuchkata"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert usage.returncode == 2 and "Known katas" in usage.stderr


def test_no_colour_when_not_a_terminal(workspace: Path) -> None:
    out = run("grade", "adam", "--file", str(ADAM_NO_BIAS_CORRECTION))[1]
    assert "\x1b[" not in out
