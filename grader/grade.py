"""The grading flow, in one place: load kata → run the learner's code in a child → run the
references here → compare → diagnose → a Report (rendering is the caller's step)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from grader import catalog, sandbox

if TYPE_CHECKING:  # the checks import numpy: grade() imports them after starting the child
    from grader.checks import Check, Verdict
    from grader.diagnose import Diagnosis


class GraderBug(Exception):
    """A failure of the grader itself (exit status 3), never blamed on the learner."""


@dataclass
class TestResult:
    check: "Check"
    verdict: "Verdict"
    output: str = ""
    got: Any = None  # the learner's record
    expected: Any = None  # the first accepted convention's record
    diagnosis: "Diagnosis | None" = None


@dataclass
class Report:
    kata: str
    seed: int
    file: str
    status: str  # "pass", "fail" or "error" (the file could not be graded at all)
    message: str
    tests: list[TestResult] = field(default_factory=list)
    not_started: bool = False
    diagnosis: "Diagnosis | None" = None  # the mistake named by the most failing checks
    scenarios: list[Any] = field(default_factory=list)  # grader.scenarios.Result, informative only
    import_error: dict[str, Any] | None = None
    raw_output: str = ""


def new_seed() -> int:
    return secrets.randbelow(10**6)


def grade(kata: catalog.Kata, file: Path, seed: int, while_waiting: Callable[[], object] | None = None) -> Report:
    """Grade one file. `while_waiting` runs while the child works (the CLI warms its renderer)."""
    path = str(file.resolve())
    source = file.read_text(encoding="utf-8", errors="replace")
    if source == kata.stub():
        return Report(kata.name, seed, path, "fail", not_started_message(kata), not_started=True)

    child = sandbox.Child(kata.limits)  # started first: its start-up overlaps our imports below
    from grader import diagnose, scenarios
    from grader.checks import load, references

    checks = load(kata.name)(seed)
    behaviours = scenarios.for_kata(kata.name)
    plans = [(c.id, c.plan) for c in checks] + [(SCENARIO + s.id, s.plan) for s in behaviours]
    sandbox.request(kata.name, path, plans, kata.limits, child)
    conventions = references(kata.name)  # the references run here while the child works
    expected = _expected(checks, conventions)
    reference = next(iter(conventions.values()))
    behaviour_runs = {s.id: (scenarios.run_here(s.plan, reference), s.baseline and scenarios.run_here(s.baseline, reference))
                      for s in behaviours}
    if while_waiting:
        while_waiting()
    run = sandbox.run(kata.name, path, plans, kata.limits, child)

    imported = run.outcomes.get("import")
    if imported is None or imported.error:
        error = (imported.error if imported else None) or run.outcomes.get("_end", sandbox.Outcome()).error or {}
        return Report(kata.name, seed, path, "error", import_message(error), import_error=error,
                      raw_output=(imported.output if imported else "") + run.raw_output)

    tests = [_test_result(check, run.outcomes.get(check.id), expected[check.id]) for check in checks]
    if all(t.verdict.not_implemented for t in tests):
        return Report(kata.name, seed, path, "fail", not_started_message(kata), tests, not_started=True)
    for t in tests:
        if t.verdict.status != "pass" and t.got is not None and not t.verdict.not_implemented:
            t.diagnosis = diagnose.safely(kata.name, t.check, t.got, t.expected)
    failed = [t for t in tests if t.verdict.status != "pass"]
    return Report(kata.name, seed, path, "fail" if failed else "pass",
                  f"{len(tests) - len(failed)} of {len(tests)} checks passed", tests, raw_output=run.raw_output,
                  diagnosis=diagnose.headline([t.diagnosis for t in tests]),
                  scenarios=[_behaviour(s, run.outcomes.get(SCENARIO + s.id), *behaviour_runs[s.id]) for s in behaviours])


SCENARIO = "scenario:"  # prefix of the scenario plans' ids in the child's request


def _expected(checks: list["Check"], conventions: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every accepted convention's record for every check, computed here; a failing reference is our bug."""
    from grader import drivers

    expected = {c.id: {name: drivers.run(c.plan, ref) for name, ref in conventions.items()} for c in checks}
    for check in checks:
        for name, record in expected[check.id].items():
            if record.get("error"):
                raise GraderBug(f"reference '{name}' failed on check {check.id}: {record['error']}")
    return expected


def _test_result(check: "Check", outcome: sandbox.Outcome | None, expected: dict[str, Any]) -> TestResult:
    from grader.checks import Verdict, judge

    if outcome is None:
        verdict = Verdict("error", "not run: an earlier check stopped your code (see above)")
    elif outcome.error:
        verdict = Verdict("error", f"{outcome.error['type']}: {outcome.error['message']}", error=outcome.error)
    else:
        try:
            verdict = judge(check, outcome.record, expected)
        except Exception as exc:  # noqa: BLE001 - a result too malformed to read is a failure, never a crash
            verdict = Verdict("fail", f"your result could not be read: {type(exc).__name__}: {str(exc)[:200]}")
    return TestResult(check, verdict, outcome.output if outcome else "", outcome.record if outcome else None,
                      next(iter(expected.values())))


def _behaviour(scenario: Any, outcome: sandbox.Outcome | None, reference: Any, baseline: Any) -> Any:
    """A scenario's measured result, or why the learner's run has none."""
    from grader.scenarios import Result

    record = outcome.record if outcome and not outcome.error else None
    problem = (outcome.error if outcome else {"type": "NotRun", "message": "not run"}) or (record or {}).get("error")
    if problem:
        return Result(scenario.id, scenario.title, {}, [], error=f"{problem.get('type')}: {problem.get('message')}")
    try:
        return scenario.measure(record, reference, baseline)
    except Exception as exc:  # noqa: BLE001 - a learner's run too malformed to measure informs, never crashes
        return Result(scenario.id, scenario.title, {}, [], error=f"could not measure your run: {type(exc).__name__}: {str(exc)[:200]}")


def not_started_message(kata: catalog.Kata) -> str:
    return f"Not started yet: implement {', '.join(kata.implement)} in your file, then grade again."


def import_message(error: dict[str, Any]) -> str:
    line = f" (line {error['line']})" if error.get("line") else ""
    return f"Your file could not be loaded{line}: {error.get('type', 'Error')}: {error.get('message', '')}"
