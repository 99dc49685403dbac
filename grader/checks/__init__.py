"""Hidden checks: each one builds a plan, and judges the learner's record against the references.

Every check has the same shape: inputs (the plan, built from the seed) → the learner's record
(from the child) → the references' records (computed here, one per accepted convention) →
a Verdict. The cases are hidden; the rule each check tests is stated in the kata's docstring.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from grader.catalog import module_name
from grader.compare import Difference, Raised, first_difference

Record = dict[str, Any]


@dataclass
class Verdict:
    status: str  # "pass", "fail" or "error"
    message: str
    convention: str | None = None
    difference: Difference | None = None
    error: dict[str, Any] | None = None
    not_implemented: bool = False


@dataclass
class Check:
    """One hidden check. `view` picks from a record what this check compares."""

    id: str
    name: str
    rule: str
    plan: dict[str, Any]
    look: str  # where to look when it fails
    view: Callable[[Record], Any] = lambda r: r
    labels: Sequence[Any] = ()
    rtol: float = 1e-9
    atol: float = 1e-12
    explain: Callable[[Record, Record], str | None] | None = None  # a specific reading of a failure
    expected_view: Callable[[Record], Any] | None = None  # the expected side, when not the reference's view
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def tolerance(self) -> str:
        if self.rtol == 0 and self.atol == 0:
            return "exact"
        return f"rtol {self.rtol:g}, atol {self.atol:g}"


def learner_error(record: Record) -> dict[str, Any] | None:
    """The exception the learner's code raised inside a check's procedure, if any."""
    return record.get("error") if isinstance(record, dict) else None


def unexpected_exception(got: Record, expected: Record) -> tuple[int, dict[str, Any]] | None:
    """The first call (numbered from 1) that raised where the reference did not raise that type."""
    for n, (g, e) in enumerate(zip(got.get("results") or [], expected.get("results") or []), start=1):
        error = g.get("raised") if isinstance(g, dict) else None
        if error and error.get("type") != (e.get("raised") or {}).get("type"):
            return n, error
    return None


def judge(check: Check, got: Record, expected: dict[str, Record]) -> Verdict:
    """Pass when the learner's view matches one accepted convention's view; otherwise say where not."""
    error = learner_error(got)
    if error:
        steps = got.get("steps")
        at = f" at step {len(steps) + 1}" if isinstance(steps, list) and check.plan["driver"] == "trajectory" else ""
        return Verdict("error", f"your code raised {error['type']}{at}: {error['message']}", error=error,
                       not_implemented=error["type"] == "NotImplementedError")
    raised = unexpected_exception(got, next(iter(expected.values())))
    if raised:
        n, error = raised
        return Verdict("error", f"your code raised {error['type']} in call {n}: {error['message']}", error=error,
                       not_implemented=error["type"] == "NotImplementedError")
    first: Difference | None = None
    matching = []
    for convention, record in expected.items():
        try:
            want = (check.expected_view or check.view)(record)
            diff = first_difference(want, check.view(got), check.rtol, check.atol, check.labels)
        except (KeyError, IndexError, TypeError, AttributeError):
            diff = Difference([], (check.expected_view or check.view)(record), None, "type")
        if diff is None:
            matching.append(convention)
        first = first or diff
    if matching:  # a convention is named only where this check tells the accepted ones apart
        return Verdict("pass", "", convention=matching[0] if len(matching) < len(expected) else None)
    assert first is not None
    message = (check.explain(got, expected[next(iter(expected))]) if check.explain else None) or ""
    return Verdict("fail", message, difference=first)


def load(kata: str) -> Callable[[int], list[Check]]:
    """The check builder of a kata: grader.checks.<kata>.build(seed)."""
    return importlib.import_module(f"grader.checks.{module_name(kata)}").build


def calls_view(record: Record) -> list[Any]:
    """Each call's returned value, or a Raised marker when it raised."""
    return [r["returned"] if "returned" in r else raised(r) for r in record["results"]]


def raised(result: Record) -> Raised:
    """The marker of a call that raised (or returned nothing at all)."""
    return Raised(str((result.get("raised") or {}).get("type", "nothing returned")))


def call_plan(target: str, calls: list[tuple[list[Any], dict[str, Any]]], **options: Any) -> dict[str, Any]:
    return {"driver": "calls", "target": target, "calls": calls, **options}


def references(kata: str) -> dict[str, Any]:
    """The accepted conventions of a kata: name → object holding the reference targets."""
    module = importlib.import_module(f"grader.checks.{module_name(kata)}")
    if hasattr(module, "references"):
        return module.references()
    return {"reference": importlib.import_module(f"solutions.{module_name(kata)}")}
