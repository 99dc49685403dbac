"""Turn results into what a person or a program reads: text through Jinja templates, or JSON.

Every decision and all arithmetic happen here in Python; templates only show. Text that came
from the learner (messages, printed output, code lines) is cleaned of control and escape
sequences before it reaches a template, so it cannot drive the terminal.
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
from functools import lru_cache
from typing import Any

import numpy as np

from grader.codec import Opaque, TypedArray
from grader.compare import describe
from grader.grade import Report, TestResult

RESULTS_VERSION = 3
_CONTROL = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x9b[0-9;?]*[ -/]*[@-~]|\x1b[@-_][^\x1b]*?(\x07|\x1b\\)|\x1b.|"
                      r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean(text: Any, limit: int = 2000) -> str:
    """Learner text made safe to print: no escape sequences, control characters or bidirectional
    overrides; lone surrogates (which no output encoding accepts) become U+FFFD; bounded."""
    text = _SURROGATE.sub("\ufffd", _CONTROL.sub("", str(text)))
    return text if len(text) <= limit else text[:limit] + f"… ({len(text) - limit} more characters)"


def fmt(value: Any) -> str:
    """A value as a short string: numbers to 10 significant digits, arrays abbreviated."""
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, (int, float)):
        return f"{value:.10g}"
    if isinstance(value, np.ndarray):
        return np.array2string(value, precision=10, threshold=12, edgeitems=3, max_line_width=100)
    if isinstance(value, TypedArray):
        return f"{value.dtype} array {fmt(value.array)}"
    if isinstance(value, Opaque):
        return clean(repr(value), 200)
    if isinstance(value, (list, tuple)):
        inner = ", ".join(fmt(v) for v in value[:6]) + (", …" if len(value) > 6 else "")
        return f"[{inner}]" if isinstance(value, list) else f"({inner})"
    return clean(repr(value), 200)


def use_colour(stream: Any) -> bool:
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


def _bytecode_cache(jinja2: Any) -> Any:
    """Compiled templates kept between runs (compiling them costs more than grading a kata)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "optimizer-katas", "templates")
    try:
        os.makedirs(folder, exist_ok=True)
        return jinja2.FileSystemBytecodeCache(folder)
    except OSError:
        return None  # a read-only home: compile every time


@lru_cache(maxsize=2)
def environment(colour: bool) -> Any:
    import jinja2  # imported here: JSON output and the fast paths do not need it

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("grader", "templates"),
        bytecode_cache=_bytecode_cache(jinja2),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    codes = {"pass": "32", "fail": "31", "error": "35", "dim": "2", "bold": "1", "warn": "33"}
    env.filters["style"] = (lambda text, name: f"\x1b[{codes[name]}m{text}\x1b[0m") if colour else (lambda text, name: text)
    return env


def render(template: str, stream: Any = None, **context: Any) -> str:
    return environment(use_colour(stream or sys.stdout)).get_template(template).render(**context)


# -- grading results ------------------------------------------------------------------------


def _update_evidence(test: TestResult) -> dict[str, str] | None:
    """For an optimizer step that went wrong: the expected update against the learner's, and their ratio."""
    diff, plan = test.verdict.difference, test.check.plan
    if diff is None or plan.get("driver") != "trajectory" or diff.kind != "value" or len(diff.where) < 3:
        return None
    try:
        step = int(diff.where[0].split()[1]) - 1
        param = int(diff.where[1][len("params["):-1])
        index = tuple(json.loads(diff.where[2][len("index "):]))
    except (ValueError, IndexError):
        return None
    previous = plan["params"][param] if step == 0 else test.expected["steps"][step - 1]["params"][param]
    before = float(np.asarray(previous, dtype=float)[index])
    expected, got = diff.expected - before, diff.got - before
    ratio = got / expected if expected else math.inf
    digits = 4 if abs(ratio - 1) > 1e-3 else 10  # near 1, show where it parts from 1
    return {"expected": fmt(expected), "got": fmt(got), "ratio": "0" if ratio == 0 else f"{ratio:.{digits}g}"}


def diagnosis_view(diagnosis: Any, test: TestResult | None, colour: bool = False) -> dict[str, Any] | None:
    """A named mistake, its three texts rendered with the evidence of this run."""
    if diagnosis is None:
        return None
    m = diagnosis.mistake
    evidence: dict[str, Any] = {"ratio": f"{diagnosis.ratio:.4g}" if diagnosis.ratio is not None else None,
                                "where": None, "expected": None, "got": None}
    if test is not None and test.verdict.difference is not None:
        d = test.verdict.difference
        evidence.update(where=d.place, expected=fmt(d.expected), got=fmt(d.got))
    env = environment(colour)
    texts = {part: env.from_string(getattr(m, part)).render(**evidence).strip() for part in ("what", "why", "question")}
    return {"id": m.id, "kind": m.kind, "summary": m.summary, "how": diagnosis.how, **texts}


def test_view(test: TestResult) -> dict[str, Any]:
    v, c = test.verdict, test.check
    view: dict[str, Any] = {
        "name": c.name, "id": c.id, "status": v.status, "rule": c.rule, "tolerance": c.tolerance,
        "message": clean(v.message), "look": c.look, "convention": v.convention, "output": clean(test.output),
        "where": None, "expected": None, "got": None, "kind": None, "step_update": None, "error": None,
        "diagnosis": test.diagnosis.mistake.id if test.diagnosis else None, "repeat": False,
    }
    if v.difference is not None:
        d = v.difference
        view.update(where=d.place, expected=fmt(d.expected), got=fmt(d.got), kind=d.kind, step_update=_update_evidence(test))
        if d.kind == "shape":
            view.update(expected=f"shape {d.expected.shape}", got=f"shape {d.got.shape}")
        elif d.kind in ("type", "length"):
            view.update(expected=describe(d.expected), got=describe(d.got))
    if v.error is not None:
        view["error"] = {k: clean(v.error.get(k)) if v.error.get(k) is not None else None
                         for k in ("type", "message", "line", "code", "function")}
    return view


SPARK = "▁▂▃▄▅▆▇█"
BLOWN_UP = 1e6  # values above are drawn as "×" with the non-finite ones: a blown-up run, off the scale


def sparklines(curves: list[tuple[str, list[float]]], width: int = 48) -> list[dict[str, str]]:
    """Curves as rows of block characters on one shared scale (log10 when all values are positive).

    Each curve is sampled at `width` evenly spaced steps; a value that is not finite (a run that blew
    up, or any value above BLOWN_UP) is drawn as "×", and a curve that ended early leaves blanks.
    """
    longest = max((len(v) for _, v in curves), default=0)
    if not longest:
        return []
    count = min(width, longest)
    picks = sorted({round(i * (longest - 1) / max(count - 1, 1)) for i in range(count)})  # (np.unique imports numpy.ma)
    finite = [x for _, v in curves for x in v if np.isfinite(x) and x <= BLOWN_UP]
    use_log = bool(finite) and min(finite) > 0
    scaled = lambda x: math.log10(x) if use_log else x  # noqa: E731
    low, high = (min(map(scaled, finite)), max(map(scaled, finite))) if finite else (0.0, 1.0)
    rows = []
    for label, values in curves:
        chars = []
        for i in picks:
            if i >= len(values):
                chars.append(" ")
            elif not np.isfinite(values[i]) or values[i] > BLOWN_UP:
                chars.append("×")
            else:
                level = 0 if high == low else (scaled(values[i]) - low) / (high - low)
                chars.append(SPARK[min(len(SPARK) - 1, int(level * len(SPARK)))])
        rows.append({"label": label, "line": "".join(chars)})
    return rows


def scenario_view(result: Any) -> dict[str, Any]:
    return {"id": result.id, "title": result.title, "lines": result.lines, "error": clean(result.error) if result.error else None,
            "plot": sparklines(result.curves) if not result.error else [], "axis": result.axis,
            "log_scale": bool(result.curves) and all(x > 0 for _, v in result.curves for x in v if np.isfinite(x))}


def conventions(report: Report) -> list[str]:
    """The accepted conventions the learner's code was told apart as (usually none or one)."""
    return sorted({t.verdict.convention for t in report.tests if t.verdict.convention})


def report_view(report: Report, title: str) -> dict[str, Any]:
    tests = [test_view(t) for t in report.tests]
    seen: set[str] = set()
    for view in tests:  # a mistake already explained above is shown in one line
        if view["diagnosis"]:
            view["repeat"] = view["diagnosis"] in seen
            seen.add(view["diagnosis"])
    headline = report.diagnosis
    first = next((t for t in report.tests if headline and t.diagnosis and t.diagnosis.mistake.id == headline.mistake.id), None)
    error = report.import_error
    return {
        "scenarios": [scenario_view(r) for r in report.scenarios],
        "conventions": conventions(report),
        "diagnosis": diagnosis_view(headline, first),
        "kata": report.kata, "title": title, "seed": report.seed, "file": report.file, "status": report.status,
        "message": clean(report.message), "not_started": report.not_started, "tests": tests,
        "passed": sum(t["status"] == "pass" for t in tests), "total": len(tests),
        "import_error": {k: clean(error.get(k)) if error.get(k) is not None else None
                         for k in ("type", "message", "line", "code")} if error else None,
        "raw_output": clean(report.raw_output),
    }


def report_json(report: Report) -> str:
    """exercism's results.json (version 3) shape, plus kata, seed and a diagnosis per test.

    Each test's `test_code` is the rule it checks (its cases are hidden); `message` explains a
    failure; `output` is what the learner's code printed during it.
    """
    status = "error" if report.not_started else report.status
    tests = []
    for t in report.tests:
        view = test_view(t)
        message = None
        if view["status"] != "pass":
            message = view["message"] or (
                f"at {view['where']}: expected {view['expected']}, got {view['got']} ({view['tolerance']})"
                if view["where"] is not None or view["expected"] is not None else view["message"])
        tests.append({
            "name": t.check.name, "status": view["status"], "message": message, "test_code": t.check.rule,
            "output": view["output"] or None, "id": t.check.id, "rule": t.check.rule,
            "diagnosis": diagnosis_view(t.diagnosis, t),
            "convention": view["convention"],
        })
    data = {
        # exercism's statuses: "error" when no test ran meaningfully (a file that could not be loaded,
        # or one not started), with the top-level message; otherwise message is null.
        "version": RESULTS_VERSION, "status": status,
        "message": clean(report.message) if status == "error" else None,
        "tests": tests, "kata": report.kata, "seed": report.seed, "not_started": report.not_started,
        "diagnosis": report.diagnosis.mistake.id if report.diagnosis else None,
        "conventions": conventions(report),
        "scenarios": [{"id": r.id, "title": r.title, "summary": r.lines, "error": clean(r.error) if r.error else None,
                       "numbers": {k: v if v is None or math.isfinite(v) else None for k, v in r.numbers.items()}}
                      for r in report.scenarios],
    }
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False, default=str)
