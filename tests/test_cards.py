"""Interview cards: every kata has one, rendered with the numbers of a real grading run."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from conftest import KATAS, ROOT, grade_file
from grader import cards, grade, render
from grader.cli import cli

SEED = 7


@pytest.fixture(scope="module")
def reports() -> dict[str, grade.Report]:
    """Each kata's reference solution, graded exactly as a learner's file is."""
    return {name: grade_file(name, ROOT / "solutions" / f"{name.replace('-', '_')}.py", SEED) for name in KATAS}


def _numbers(report: grade.Report) -> dict[str, str]:
    return cards.numbers(report)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.mark.parametrize("name", list(KATAS))
def test_every_kata_has_a_card_rendered_with_every_number_line(name: str, reports: dict[str, grade.Report]) -> None:
    report = reports[name]
    assert report.status == "pass"
    data = cards.load(name)
    assert 2 <= len(data["followup"]) <= 3 and data["number"]
    view = cards.card_view(report, KATAS[name].title, "this run")
    assert len(view["numbers"]) == len(data["number"])  # no line was skipped for a missing number
    text = render.render("card.txt.j2", **view)
    assert view["question"] in text.replace("\n", " ") or view["question"][:40] in text
    assert "Numbers from this run" in text and "{{" not in text


def test_adam_card_numbers_are_the_learners_first_step(reports: dict[str, grade.Report]) -> None:
    n = _numbers(reports["adam"])
    assert abs(float(n["first_step_over_lr"]) - 1) < 1e-3  # bias-corrected: the first step is lr·sign(g)
    assert float(n["uncorrected_over_lr"]) == pytest.approx(0.1 / np.sqrt(0.001), rel=1e-3)
    assert float(n["tiny_step_min"]) < float(n["tiny_step_max"]) < 1  # eps shows for tiny gradients


def test_momentum_card_numbers(reports: dict[str, grade.Report]) -> None:
    n = _numbers(reports["momentum"])
    assert float(n["first_step_over_lr_g"]) == pytest.approx(0.1)  # 1 − β
    assert 0 < float(n["noise_rms_ratio"]) < 0.5 and n["heavy_ball_factor"] == "10"


def test_sgd_card_compares_the_learners_line_with_least_squares(reports: dict[str, grade.Report]) -> None:
    from solutions import sgd

    x, y = np.array([2.0, 5.0, 10.0, 3.0, 8.0]), np.array([15.0, 30.0, 55.0, 18.0, 48.0])
    w, b, _ = sgd.train(x, y, lr=0.001, steps=500)
    fit_w, fit_b = np.polyfit(x, y, 1)
    n = _numbers(reports["sgd"])
    assert (float(n["w"]), float(n["b"])) == pytest.approx((w, b), rel=1e-3)
    assert (float(n["fit_w"]), float(n["fit_b"])) == pytest.approx((fit_w, fit_b), rel=1e-3)
    assert float(n["max_stable_lr"]) > 0.001  # the lr the kata uses is stable


def test_clipping_card_counts_the_calls_where_clipping_fired(reports: dict[str, grade.Report]) -> None:
    n = _numbers(reports["clipping"])
    assert 0 < int(n["fired"]) < int(n["calls"])
    assert float(n["angle_mine"]) < 1e-6 < float(n["angle_per_array"])


def test_schedules_and_adamw_and_training_loop_numbers(reports: dict[str, grade.Report]) -> None:
    s = _numbers(reports["schedules"])
    assert s["lr_at_peak"] == s["max_lr"] and float(s["lr_at_total"]) == 0
    a = _numbers(reports["adamw"])
    assert a["zero_factor"] == "0.98"  # 1 − lr·λ with lr = 0.1, λ = 0.2
    assert float(a["l2_large"].rstrip("%")) < float(a["mine_large"].rstrip("%"))  # L2 barely decays big-gradient weights
    t = _numbers(reports["training-loop"])
    history = next(r for r in reports["training-loop"].tests if r.check.id == "train").got["results"][0]["returned"][2]
    assert float(t["clip_share"].rstrip("%")) == pytest.approx(100 * np.mean(np.array(history["grad_norm"]) > 1.0), abs=0.05)


def test_another_accepted_convention_gets_its_own_card(tmp_path: Path) -> None:
    report = grade_file("adamw", ROOT / "tests" / "alternates" / "adamw_torch_order.py", SEED)
    assert report.status == "pass"
    view = cards.card_view(report, KATAS["adamw"].title, "this run")
    assert len(view["numbers"]) == len(cards.load("adamw")["number"])


def test_scenario_numbers_hook_adds_a_line_only_when_given(reports: dict[str, grade.Report],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    data = dict(cards.load("momentum"))
    data["number"] = data["number"] + [{"text": "In the ravine, momentum damped the oscillation to {{ ravine_damping }}."}]
    monkeypatch.setattr(cards, "load", lambda kata: data)
    without = cards.card_view(reports["momentum"], "t", "s")["numbers"]
    with_it = cards.card_view(reports["momentum"], "t", "s", scenarios={"ravine_damping": "5%"})["numbers"]
    assert len(with_it) == len(without) + 1 and with_it[-1].endswith("to 5%.")


def test_numbers_in_card_texts_are_verified() -> None:
    """Every number an answer or follow-up states is a default, a formula constant, or computed here."""
    assert round(np.sqrt(1e-8), 12) == 1e-4  # eps inside the root acts like √eps
    computed = {"10", "31.6", "3.16", "1e-4"}  # see tests/test_interview.py::test_numbers_in_the_bank_are_verified
    primer = {"0.9", "0.999", "1e-8", "1e-3", "0.01", "1.0", "5", "10%", "32", "512"}  # defaults and rules of thumb
    formula = {"0", "1", "2"}
    number = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?:e-?\d+)?%?")
    for name in KATAS:
        data = cards.load(name)
        texts = [data["question"], data["answer"]] + [f["question"] + f["answer"] for f in data["followup"]]
        stated = {n for t in texts for n in number.findall(t)}
        assert stated <= computed | primer | formula, (name, stated - computed - primer - formula)


def test_grade_shows_the_card_after_a_pass_and_explain_shows_it_again(workspace: Path) -> None:
    run("start", "clipping")
    shutil.copy(ROOT / "solutions" / "clipping.py", workspace / "clipping.py")
    code, out = run("grade", "--seed", "3")
    assert code == 0 and "Interview card" in out and "Numbers from this run (seed 3)" in out
    code, out = run("explain", "clipping")
    assert code == 0 and "Numbers from your run (clipping.py, seed 3)" in out
    code, out = run("grade", "--seed", "3", "--format", "json")
    assert json.loads(out)["status"] == "pass"  # JSON output stays one results object, no card


def test_explain_before_passing_uses_the_reference_and_says_so(workspace: Path) -> None:
    code, out = run("explain", "adam")
    assert code == 0 and "Interview card" in out and "the reference solution" in out
    assert "The reference's first step" in out and "Your first step" not in out
    run("start", "momentum")
    shutil.copy(ROOT / "solutions" / "mistakes" / "momentum_not_carried.py", workspace / "momentum.py")
    code, out = run("explain", "momentum")
    assert code == 0 and "does not pass yet" in out


def test_no_card_for_a_failing_grade(workspace: Path) -> None:
    code, out = run("grade", "adam", "--file", str(ROOT / "solutions" / "mistakes" / "adam_no_bias_correction.py"))
    assert code == 1 and "Interview card" not in out
