"""Behaviour scenarios: measured on the learner's code, reported with numbers and a plot, never a verdict."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from conftest import ROOT, grade_file
from grader import scenarios
from grader.cli import cli

SCENARIO_KATAS = {"momentum": "ravine", "adam": "sparse-feature", "clipping": "corrupted-batch",
                  "schedules": "warmup", "sgd": "lr-sensitivity"}


def numbers(kata: str, path: Path) -> dict:
    report = grade_file(kata, path)
    (result,) = report.scenarios
    assert result.error is None, result.error
    return result.numbers


@pytest.mark.parametrize("kata,scenario", SCENARIO_KATAS.items())
def test_scenario_numbers_are_in_the_json_and_a_plot_in_the_text(kata: str, scenario: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    reference = str(ROOT / "solutions" / f"{kata}.py")
    data = json.loads(CliRunner().invoke(cli, ["grade", kata, "--file", reference, "--format", "json"]).output)
    (entry,) = data["scenarios"]
    assert entry["id"] == scenario and entry["error"] is None
    assert entry["numbers"] and any(isinstance(v, float) for v in entry["numbers"].values())
    text = CliRunner().invoke(cli, ["grade", kata, "--file", reference]).output
    assert "Behaviour" in text and any(ch in text for ch in "▁▂▃▄▅▆▇█")


def test_momentum_damps_the_ravine_where_plain_sgd_oscillates() -> None:
    n = numbers("momentum", ROOT / "solutions" / "momentum.py")
    assert n["sgd_sign_changes"] > 3 * n["yours_sign_changes"]
    assert n["yours_late_amplitude"] < 0.1 * n["sgd_late_amplitude"]


def test_adam_learns_the_rare_feature_that_sgd_barely_moves() -> None:
    n = numbers("adam", ROOT / "solutions" / "adam.py")
    assert n["yours_learned"] > 0.5 and n["sgd_learned"] < 0.2


def test_clipping_keeps_the_weights_bounded_through_a_corrupted_batch() -> None:
    n = numbers("clipping", ROOT / "solutions" / "clipping.py")
    assert n["yours_jump"] < 1.0 < 100.0 < n["unclipped_jump"]


def test_warmup_saves_a_run_that_a_constant_lr_blows_up() -> None:
    n = numbers("schedules", ROOT / "solutions" / "schedules.py")
    assert n["constant_lr_blowup_step"] is not None
    assert n["yours_final_loss"] < 1e-2


def test_lr_threshold_is_two_over_the_largest_curvature_and_separates_the_runs() -> None:
    n = numbers("sgd", ROOT / "solutions" / "sgd.py")
    x = scenarios.DELIVERY_X
    # Hessian of the MSE in (w, b): 2·[[mean x², mean x], [mean x, 1]]; its largest eigenvalue in closed form
    a, b, d = 2 * np.mean(x * x), 2 * np.mean(x), 2.0
    largest = (a + d) / 2 + np.sqrt(((a - d) / 2) ** 2 + b * b)
    assert n["threshold"] == pytest.approx(2 / largest, rel=1e-12)
    assert n["threshold"] < 0.1  # the primer's lr = 0.1 is far beyond it
    below = [v for k, v in n.items() if k.startswith("yours_lr_") and float(k.rsplit("_", 1)[1]) < n["threshold"]]
    above = [v for k, v in n.items() if k.startswith("yours_lr_") and float(k.rsplit("_", 1)[1]) > n["threshold"]]
    assert below and all(v is not None and v < n["start_loss"] for v in below)
    assert above and all(v is None or v > n["start_loss"] for v in above)


def test_scenarios_measure_the_learners_code_not_the_reference() -> None:
    heavy_ball = numbers("momentum", ROOT / "solutions" / "mistakes" / "momentum_heavy_ball.py")
    assert heavy_ball["yours_sign_changes"] != heavy_ball["reference_sign_changes"]


def test_a_crash_inside_a_scenario_is_reported_and_changes_no_verdict(tmp_path: Path) -> None:
    source = (ROOT / "solutions" / "clipping.py").read_text()
    source += "\n\n_calls = [0]\n_original = clip_grad_norm\n\n\ndef clip_grad_norm(grads, max_norm=1.0):\n" \
              "    _calls[0] += 1\n    if _calls[0] > 40:\n        raise RuntimeError('boom')\n    return _original(grads, max_norm)\n"
    path = tmp_path / "clipping.py"
    path.write_text(source)
    report = grade_file("clipping", path)
    (result,) = report.scenarios
    assert result.error and "boom" in result.error
    assert report.status == "pass"
