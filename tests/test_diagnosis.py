"""Every known mistake is caught and named; correct code written differently still passes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import KATAS, ROOT, grade_file
from grader import diagnose, validate
from grader.cli import cli

MISTAKES = diagnose.catalogue()
ALTERNATES = sorted((ROOT / "tests" / "alternates").glob("*.py"))


def grade_json(*args: str) -> tuple[int, dict]:
    result = CliRunner().invoke(cli, ["grade", *args, "--format", "json"], catch_exceptions=False)
    return result.exit_code, json.loads(result.output)


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: m.id)
def test_catalogued_mistake_fails_with_its_own_diagnosis_through_grade_file(mistake: diagnose.Mistake) -> None:
    code, data = grade_json(mistake.kata, "--file", str(ROOT / "solutions" / "mistakes" / mistake.file), "--seed", "17")
    assert code == 1 and data["status"] == "fail"
    assert data["diagnosis"] == mistake.id
    named = [t["diagnosis"] for t in data["tests"] if t["diagnosis"]]
    assert named and all(d["what"] and d["why"] and d["question"] for d in named)
    assert any(d["id"] == mistake.id for d in named)


def test_every_catalogue_entry_has_a_file_and_every_file_an_entry() -> None:
    files = {p.name for p in (ROOT / "solutions" / "mistakes").glob("*.py") if not p.name.startswith("__")}
    assert files == {m.file for m in MISTAKES}
    assert len({m.id for m in MISTAKES}) == len(MISTAKES)
    assert {m.kata for m in MISTAKES} == set(KATAS)


@pytest.mark.parametrize("path", ALTERNATES, ids=lambda p: p.stem)
def test_correct_code_written_differently_passes(path: Path) -> None:
    kata = max((k for k in KATAS.values() if path.stem.startswith(k.module + "_")), key=lambda k: len(k.module)).name
    report = grade_file(kata, path, seed=23)
    assert report.status == "pass", [(t.check.id, t.verdict.difference) for t in report.tests if t.verdict.status != "pass"]


def test_adamw_in_pytorch_order_passes_and_is_named() -> None:
    code, data = grade_json("adamw", "--file", str(ROOT / "tests" / "alternates" / "adamw_torch_order.py"))
    assert code == 0
    assert data["conventions"] == ["decay before the Adam step (PyTorch's order)"]
    code, data = grade_json("adamw", "--file", str(ROOT / "solutions" / "adamw.py"))
    assert code == 0 and data["conventions"] == ["decay after the Adam step (the primer's order)"]


def test_heavy_ball_momentum_is_named_as_a_convention_with_its_exact_relation() -> None:
    code, data = grade_json("momentum", "--file", str(ROOT / "solutions" / "mistakes" / "momentum_heavy_ball.py"))
    first = next(t for t in data["tests"] if t["id"] == "first-step")
    assert first["diagnosis"]["kind"] == "convention"
    assert "1/(1 − β)" in first["diagnosis"]["what"]
    ratio = float(re.search(r"first step is ([0-9.]+)×", first["diagnosis"]["what"]).group(1))
    assert ratio == pytest.approx(1 / (1 - 0.9), rel=1e-3)


def test_first_step_fingerprint_names_a_mistake_hidden_behind_a_second_one(tmp_path: Path) -> None:
    """No bias correction *and* an early return at lr = 0: no variant matches the lr-change check, the fingerprint does."""
    source = (ROOT / "solutions" / "mistakes" / "adam_no_bias_correction.py").read_text()
    source = source.replace("        self.t += 1\n", "        if self.lr == 0:\n            return\n        self.t += 1\n", 1)
    path = tmp_path / "adam.py"
    path.write_text(source)
    report = grade_file("adam", path, seed=4)
    by_id = {t.check.id: t for t in report.tests}
    assert report.diagnosis is not None and report.diagnosis.mistake.id == "adam-no-bias-correction"
    lr_check = by_id["lr-changes"].diagnosis
    assert lr_check is not None and lr_check.how == "first step"
    # √(1−β2)/(1−β1) exactly when |g| ≫ eps; gradients near 1e-2 here move the median by ~eps/(√(1−β2)·|g|)
    assert lr_check.ratio == pytest.approx((1 - 0.9) / (1 - 0.999) ** 0.5, rel=1e-5)


def test_unknown_mistake_gets_evidence_but_no_diagnosis(tmp_path: Path) -> None:
    source = (ROOT / "solutions" / "adam.py").read_text().replace("return self.lr * m_hat", "return 2 * self.lr * m_hat")
    path = tmp_path / "adam.py"
    path.write_text(source)
    report = grade_file("adam", path)
    assert report.status == "fail" and report.diagnosis is None
    first = next(t for t in report.tests if t.check.id == "first-step")
    assert first.verdict.difference is not None and first.verdict.difference.where[0] == "step 1"


@pytest.fixture(scope="module")
def gate() -> dict[str, validate.Outcome]:
    return {name: validate.validate(kata, seed=1) for name, kata in KATAS.items()}


@pytest.mark.parametrize("kata", list(KATAS))
def test_validate_gate_holds(kata: str, gate: dict[str, validate.Outcome]) -> None:
    outcome = gate[kata]
    assert outcome.ok, outcome.problems
    assert outcome.variants >= 3 and outcome.caught == outcome.diagnosed == outcome.variants


def test_docs_table_is_what_validate_measures(gate: dict[str, validate.Outcome]) -> None:
    doc = (ROOT / "docs" / "mistakes.md").read_text()
    generated = validate.markdown_table(list(gate.values())) + "\n## The catalogue\n\n" + validate.catalogue_table()
    assert generated in doc, "docs/mistakes.md is stale: paste the output of `kata validate --markdown`"
