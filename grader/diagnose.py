"""Name the mistake: match a failing check against the catalogue of known-wrong implementations.

For a failing check, each catalogued variant of the kata (solutions/mistakes/) runs here on the
same plan. A variant whose outputs equal the learner's to the check's tolerance names the mistake.
For optimizer trajectories, a looser fingerprint also counts: the learner's first update divided by
the expected one, element by element, equal (to 1e-6) to that ratio of a variant — so a mistake is
still named when a second one changes the later steps.
"""

from __future__ import annotations

import importlib
import tomllib
import warnings
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from grader import drivers
from grader.checks import Check, Record
from grader.compare import first_difference

FINGERPRINT_RTOL = 1e-6


@dataclass(frozen=True)
class Mistake:
    id: str
    kata: str
    file: str
    summary: str
    what: str
    why: str
    question: str
    kind: str = "mistake"  # or "convention": correct elsewhere, not the form this kata pins

    @property
    def module(self) -> str:
        return "solutions.mistakes." + self.file.removesuffix(".py")


@dataclass(frozen=True)
class Diagnosis:
    mistake: Mistake
    how: str  # "outputs" (same outputs as the variant) or "first step" (same first-step ratios)
    ratio: float | None = None  # the learner's first update over the expected one (median), if known


@lru_cache(maxsize=1)
def catalogue() -> tuple[Mistake, ...]:
    text = resources.files("solutions.mistakes").joinpath("catalog.toml").read_text(encoding="utf-8")
    return tuple(Mistake(**entry) for entry in tomllib.loads(text)["mistake"])


def for_kata(kata: str) -> list[Mistake]:
    return [m for m in catalogue() if m.kata == kata]


def run_variant(mistake: Mistake, plan: dict[str, Any]) -> Record:
    """A catalogued variant's record on a plan (our own code, so it runs here); its warnings are not printed."""
    module = importlib.import_module(mistake.module)
    with warnings.catch_warnings():  # numpy still warns, so a driver that records warnings sees them
        warnings.simplefilter("ignore")
        return drivers.run(plan, module)


def first_step_ratios(record: Record, plan: dict[str, Any], expected: Record) -> np.ndarray | None:
    """Each element's first update over the expected first update (where that is not zero)."""
    try:
        start = np.concatenate([np.ravel(np.asarray(p, dtype=float)) for p in plan["params"]])
        got = np.concatenate([np.ravel(np.asarray(p, dtype=float)) for p in record["steps"][0]["params"]])
        want = np.concatenate([np.ravel(p) for p in expected["steps"][0]["params"]])
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    if got.shape != want.shape:
        return None
    moved = want - start
    keep = np.abs(moved) > 1e-300
    with np.errstate(all="ignore"):
        ratios = (got - start)[keep] / moved[keep]
    return ratios if ratios.size and np.isfinite(ratios).all() else None


def diagnose(kata: str, check: Check, got: Record, expected: Record) -> Diagnosis | None:
    """The catalogued mistake the learner's failing record matches, if any.

    A call that raised counts as its exception's type (so a ZeroDivisionError can be named); a
    trajectory that crashed is not diagnosed, since many different mistakes crash the same way.
    """
    if not isinstance(got, dict) or got.get("error"):
        return None
    mistakes = for_kata(kata)
    records = {m.id: run_variant(m, check.plan) for m in mistakes}
    ratios = first_step_ratios(got, check.plan, expected) if check.plan["driver"] == "trajectory" else None
    ratio = float(np.median(ratios)) if ratios is not None else None
    for m in mistakes:
        try:
            same = first_difference(check.view(records[m.id]), check.view(got), check.rtol, check.atol) is None
        except (KeyError, IndexError, TypeError, AttributeError):
            same = False
        if same and not records[m.id].get("error"):
            return Diagnosis(m, "outputs", ratio)
    if ratios is None or np.allclose(ratios, 1.0, rtol=FINGERPRINT_RTOL, atol=0):
        return None
    for m in mistakes:
        theirs = first_step_ratios(records[m.id], check.plan, expected)
        if theirs is not None and theirs.shape == ratios.shape and np.allclose(ratios, theirs, rtol=FINGERPRINT_RTOL, atol=0):
            return Diagnosis(m, "first step", ratio)
    return None


def safely(kata: str, check: Check, got: Record, expected: Record) -> Diagnosis | None:
    """diagnose(), where a learner's record too malformed to compare simply matches no mistake."""
    try:
        return diagnose(kata, check, got, expected)
    except Exception:  # noqa: BLE001 - malformed learner data: no diagnosis, the verdict stands
        return None


def headline(diagnoses: list[Diagnosis | None]) -> Diagnosis | None:
    """The mistake named by the most failing checks (ties: catalogue order)."""
    found = [d for d in diagnoses if d is not None]
    if not found:
        return None
    counts = Counter(d.mistake.id for d in found)
    order = {m.id: i for i, m in enumerate(catalogue())}
    best = min(counts, key=lambda i: (-counts[i], order[i]))
    return next(d for d in found if d.mistake.id == best)
