"""The `diagnose` kata: logs from real faulty runs, a reference that names every one, wrong classifiers named."""

from __future__ import annotations

import importlib
from pathlib import Path

import numpy as np
import pytest

from conftest import KATAS, grade_file
from grader import codec, diagnose, drivers, validate
from grader.checks import judge, load
from solutions import diagnose as reference
from solutions import training_logs

MODES = list(training_logs.MODES)


def run_checks(module: object, seed: int) -> dict[str, tuple[str, str | None]]:
    """check id → (verdict status, the catalogued mistake named when it failed)."""
    out = {}
    for check in load("diagnose")(seed):
        expected, got = drivers.run(check.plan, reference), drivers.run(check.plan, module)
        verdict = judge(check, got, {"reference": expected})
        named = diagnose.diagnose("diagnose", check, got, expected) if verdict.status != "pass" else None
        out[check.id] = (verdict.status, named.mistake.id if named else None)
    return out


def test_the_fix_vocabulary_is_the_same_on_both_sides() -> None:
    assert reference.FIRST_FIX == training_logs.FIRST_FIX
    assert set(MODES) == set(training_logs.FIRST_FIX)
    for mode in MODES:  # the stub's docstring pins every mode and fix, quoted
        assert f'"{mode}"' in KATAS["diagnose"].stub() and f'"{training_logs.FIRST_FIX[mode]}"' in KATAS["diagnose"].stub()


@pytest.mark.parametrize("mode", MODES)
def test_reference_names_the_planted_fault_of_every_log_on_many_seeds(mode: str) -> None:
    for variant in range(len(training_logs.MODES[mode])):
        for seed in range(12):
            log = training_logs.make_log(mode, seed, variant)
            assert reference.diagnose(log) == (mode, training_logs.FIRST_FIX[mode]), (mode, variant, seed)


def test_logs_come_from_seeded_runs_and_are_plain_data() -> None:
    log = training_logs.make_log("spiking", 3)
    assert log == training_logs.make_log("spiking", 3)
    assert log != training_logs.make_log("spiking", 4)
    assert set(log) == {"loss", "grad_norm", "val_loss", "lr"} and len({len(v) for v in log.values()}) == 1
    assert codec.decode(codec.encode(log)) == log  # crosses the process boundary unchanged
    diverged = training_logs.make_log("diverging", 3)["loss"]
    assert diverged[-1] > 1e10 * diverged[0]  # an actual run that blew up, not a drawn curve


def test_dead_relu_and_discarded_update_both_read_as_not_decreasing() -> None:
    dead = training_logs.make_log("not-decreasing", 0, variant=1)
    assert max(dead["grad_norm"]) == 0.0  # no gradient flows through dead units
    discarded = training_logs.make_log("not-decreasing", 0, variant=0)
    assert min(discarded["grad_norm"]) > 0  # gradients exist, the update is lost
    assert reference.diagnose(dead)[0] == reference.diagnose(discarded)[0] == "not-decreasing"


@pytest.mark.parametrize("seed", [0, 5, 77])
def test_reference_passes_every_check(seed: int) -> None:
    results = run_checks(reference, seed)
    assert len(results) == 7 and all(status == "pass" for status, _ in results.values())


def test_untouched_stub_is_not_started(tmp_path: Path) -> None:
    stub = tmp_path / "diagnose.py"
    stub.write_text(KATAS["diagnose"].stub())
    report = grade_file("diagnose", stub)
    assert report.not_started and report.status == "fail"


WRONG = {  # mistake → checks it must fail (it may fail more on some seeds)
    "diagnose-rising-is-diverging": {"overfitting"},
    "diagnose-last-values": {"spiking", "oscillating"},
    "diagnose-spiking-oscillating-swapped": {"spiking", "oscillating"},
    "diagnose-always-healthy": set(MODES) - {"healthy"},
}


@pytest.mark.parametrize("mistake_id", list(WRONG))
def test_wrong_classifier_fails_where_expected_and_is_named(mistake_id: str) -> None:
    mistake = next(m for m in diagnose.catalogue() if m.id == mistake_id)
    results = run_checks(importlib.import_module(mistake.module), seed=21)
    failing = {check for check, (status, _) in results.items() if status != "pass"}
    assert WRONG[mistake_id] <= failing
    named = [name for status, name in results.values() if status != "pass"]
    assert max(set(named), key=named.count) == mistake_id


def test_a_failing_answer_reports_the_numbers_the_rules_use(tmp_path: Path) -> None:
    path = tmp_path / "diagnose.py"
    path.write_text("def diagnose(log):\n    return 'healthy', 'none'\n")
    report = grade_file("diagnose", path, seed=2)
    spiking = next(t for t in report.tests if t.check.id == "spiking")
    assert spiking.verdict.status == "fail" and "largest jump" in spiking.verdict.message
    assert report.diagnosis is not None and report.diagnosis.mistake.id == "diagnose-always-healthy"


def test_validate_gate_holds() -> None:
    outcome = validate.validate(KATAS["diagnose"], seed=8)
    assert outcome.ok, outcome.problems
    assert outcome.variants >= 3 and outcome.caught == outcome.diagnosed == outcome.variants
