"""The debugging katas: a fixed script passes on hidden data, the handed-out script and the catalogued
wrong fixes fail with their own diagnosis, and deleting the training never passes.

Most tests run the checks in this process (the reference, a variant or an edited stub as the
"learner"), which is what grading does minus the child process; one test per kata goes through the
whole gate (`kata validate`), child processes included.
"""

from __future__ import annotations

import importlib
import re
import types
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from conftest import KATAS, ROOT, grade_file
from grader import diagnose, drivers, validate
from grader.checks import Verdict, judge, load

HANDED_OUT = {  # kata → the catalogued mistake that is the stub's own bug
    "uphill": "uphill-error-sign",
    "overshoot": "overshoot-lr-too-high",
    "restart": "restart-cosine-restarts",
    "spikes": "spikes-no-clipping",
    "overfit": "overfit-no-regularization",
}
DELETED = {kata: f"{kata}-no-training" for kata in HANDED_OUT}
MARKER = re.compile(r"^ *raise NotImplementedError\(.*\)\n", re.MULTILINE)


def module_from(source: str, name: str) -> types.ModuleType:
    module = types.ModuleType(name)
    exec(compile(source, f"<{name}>", "exec"), module.__dict__)  # noqa: S102 - our own stub text
    return module


def run_checks(kata: str, module: Any, seed: int, name: bool = True) -> list[tuple[str, Verdict, diagnose.Diagnosis | None]]:
    """Every check of `kata` on `module`, judged and (when failing and `name`) diagnosed, as grading does."""
    reference = importlib.import_module(f"solutions.{kata}")
    out = []
    for check in load(kata)(seed):
        with np.errstate(all="ignore"):
            expected, got = drivers.run(check.plan, reference), drivers.run(check.plan, module)
        verdict = judge(check, got, {"reference": expected})
        named = diagnose.diagnose(kata, check, got, expected) if name and verdict.status != "pass" else None
        out.append((check.id, verdict, named))
    return out


def headline(results: list[tuple[str, Verdict, diagnose.Diagnosis | None]]) -> str | None:
    named = diagnose.headline([d for _, _, d in results])
    return named.mistake.id if named else None


def variant(mistake_id: str) -> types.ModuleType:
    mistake = next(m for m in diagnose.catalogue() if m.id == mistake_id)
    return importlib.import_module(mistake.module)


@pytest.mark.parametrize("seed", [0, 11, 2024])
@pytest.mark.parametrize("kata", list(HANDED_OUT))
def test_fixed_script_meets_every_rule_on_hidden_data(kata: str, seed: int) -> None:
    results = run_checks(kata, importlib.import_module(f"solutions.{kata}"), seed)
    assert len(results) >= 5
    assert [(i, v.message) for i, v, _ in results if v.status != "pass"] == []


@pytest.mark.parametrize("kata", list(HANDED_OUT))
def test_untouched_stub_is_not_started(kata: str, tmp_path: Path) -> None:
    stub = tmp_path / f"{kata}.py"
    stub.write_text(KATAS[kata].stub())
    report = grade_file(kata, stub)
    assert report.not_started and report.status == "fail"


@pytest.mark.parametrize("kata", list(HANDED_OUT))
def test_stub_run_as_handed_out_fails_and_names_its_planted_bug(kata: str) -> None:
    """Delete the not-started marker, add a comment, change nothing else: the bug is caught and named."""
    source, count = MARKER.subn("", KATAS[kata].stub())
    assert count == 1
    results = run_checks(kata, module_from(source + "\n# looked at it, seems fine\n", f"stub_{kata}"), seed=5)
    assert any(v.status == "fail" for _, v, _ in results)
    assert headline(results) == HANDED_OUT[kata]


def test_stub_run_as_handed_out_is_diagnosed_through_the_grader(tmp_path: Path) -> None:
    path = tmp_path / "uphill.py"
    path.write_text(MARKER.sub("", KATAS["uphill"].stub()) + "\n# my notes\n")
    report = grade_file("uphill", path, seed=9)
    assert report.status == "fail" and not report.not_started
    assert report.diagnosis is not None and report.diagnosis.mistake.id == "uphill-error-sign"
    failing = next(t for t in report.tests if t.check.id == "data-1")
    assert "held-out MSE" in failing.verdict.message and "least squares" in failing.verdict.message


@pytest.mark.parametrize("kata", list(HANDED_OUT))
def test_deleting_the_training_fails_and_is_named(kata: str) -> None:
    results = run_checks(kata, variant(DELETED[kata]), seed=3)
    assert all(v.status == "fail" for i, v, _ in results if not i.startswith(("first-loss", "losses-fall", "reported")))
    assert headline(results) == DELETED[kata]


FIT_ZEROS = "import numpy as np\ndef fit(X, y, *a, **k):\n    return np.zeros(X.shape[1]), 0.0, [float(np.mean(y ** 2))]\n"
TRAIN_ZEROS = "import numpy as np\ndef train(X, y, rng, *a, **k):\n    return [np.zeros(X.shape[1])] * 400, [0.0] * 400\n"


@pytest.mark.parametrize("kata,source", [("uphill", FIT_ZEROS), ("overshoot", FIT_ZEROS), ("restart", TRAIN_ZEROS),
                                         ("spikes", TRAIN_ZEROS.replace(", [0.0] * 400", "")),
                                         ("overfit", "import numpy as np\ndef fit(X, y, *a, **k):\n    return np.zeros(X.shape[1])\n")])
def test_returning_the_initial_weights_never_passes(kata: str, source: str) -> None:
    results = run_checks(kata, module_from(source, f"zeros_{kata}"), seed=4, name=False)
    assert sum(v.status == "fail" for _, v, _ in results) >= 3


CORRECT_BUT_DIFFERENT = {
    # the sign fixed in the update instead of in the error
    "uphill": ("        w = w - lr * grad_w\n        b = b - lr * grad_b\n", "        w = w + lr * grad_w\n        b = b + lr * grad_b\n"),
    # a constant lr, safely below 2/λmax of every data set the docstring describes
    "overshoot": ("    lr = 0.5\n", "    lr = 0.02\n"),
    # one cycle: the restarting helper called with cycles=1
    "restart": ("        lr = warmup_cosine(step, warmup, steps, max_lr)\n", "        lr = warmup_cosine(step, warmup, steps, max_lr, cycles=1)\n"),
    # the bad rows dropped instead of clipping: targets far outside the rest
    "spikes": ("    n, d = X.shape\n", "    keep = np.abs(y - np.median(y)) < 50 * np.median(np.abs(y - np.median(y)))\n"
                                      "    X, y = X[keep], y[keep]\n    n, d = X.shape\n"),
    # L1 by proximal steps (soft thresholding), exact zeros
    "overfit": ("        w = w - lr * grad\n", "        w = w - lr * grad\n        w = np.sign(w) * np.maximum(np.abs(w) - lr * 0.3, 0.0)\n"),
}


@pytest.mark.parametrize("kata", list(HANDED_OUT))
def test_a_different_correct_fix_passes(kata: str) -> None:
    """The checks judge behaviour, not text: another sound fix of the stub passes too."""
    old, new = CORRECT_BUT_DIFFERENT[kata]
    source = MARKER.sub("", KATAS[kata].stub())
    assert old in source
    results = run_checks(kata, module_from(source.replace(old, new), f"other_{kata}"), seed=6)
    assert [(i, v.message) for i, v, _ in results if v.status != "pass"] == []


def test_halving_the_handed_out_lr_still_diverges_on_every_hidden_data_set() -> None:
    source = MARKER.sub("", KATAS["overshoot"].stub()).replace("    lr = 0.5\n", "    lr = 0.25\n")
    results = run_checks("overshoot", module_from(source, "halved"), seed=8)
    assert [v.status for i, v, _ in results if i.startswith("data-")] == ["fail"] * 5
    assert headline(results) == "overshoot-lr-too-high"


def test_the_grader_judges_weights_on_rows_the_script_never_sees() -> None:
    for check in load("uphill")(0)[:5]:
        data = check.extra["data"]
        (args, _), = check.plan["calls"]
        assert args[0] is data.X and len(data.X_val) > len(data.X)
        assert not any(np.shares_memory(a, data.X_val) for a in args if isinstance(a, np.ndarray))


@pytest.mark.parametrize("kata", list(HANDED_OUT))
def test_validate_gate_holds(kata: str) -> None:
    outcome = validate.validate(KATAS[kata], seed=8)
    assert outcome.ok, outcome.problems
    assert outcome.variants >= 3 and outcome.caught == outcome.diagnosed == outcome.variants
