"""The authors' gate (`kata validate`): for each kata, the stub is "not started", the reference
passes, every catalogued mistake fails *and* receives its own diagnosis, and every hint, template
and interview card renders with real results (Jinja's StrictUndefined turns a missing variable into an error).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from grader import catalog, diagnose, grade, render


@dataclass
class Outcome:
    kata: str
    variants: int = 0
    caught: int = 0
    diagnosed: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _render_everything(report: grade.Report, kata: catalog.Kata) -> None:
    """Render the text and JSON forms of a report; raises if any template misses a variable."""
    render.render("grade.txt.j2", **render.report_view(report, kata.title))
    render.report_json(report)


def validate(kata: catalog.Kata, seed: int) -> Outcome:
    out = Outcome(kata.name)
    with tempfile.TemporaryDirectory() as tmp:
        stub = Path(tmp) / f"{kata.name}.py"
        for text, label in ((kata.stub(), "the stub"), (kata.stub() + "\n# notes\n", "the stub with a comment added")):
            stub.write_text(text, encoding="utf-8")
            report = grade.grade(kata, stub, seed)
            _render_everything(report, kata)
            if not report.not_started or report.status == "pass":
                out.problems.append(f"{label} is not reported as not started")
    with resources.as_file(resources.files("solutions").joinpath(f"{kata.module}.py")) as path:
        report = grade.grade(kata, path, seed)
    _render_everything(report, kata)
    from grader import cards

    if not cards.has_card(kata.name):
        out.problems.append("no interview card (katas/cards/<kata>.toml)")
    elif report.status == "pass":
        render.render("card.txt.j2", **cards.card_view(report, kata.title, "validate"))
    if report.status != "pass":
        failing = [t.check.id for t in report.tests if t.verdict.status != "pass"]
        out.problems.append(f"the reference fails {failing or report.message}")
    for mistake in diagnose.for_kata(kata.name):
        out.variants += 1
        with resources.as_file(resources.files("solutions.mistakes").joinpath(mistake.file)) as path:
            report = grade.grade(kata, path, seed)
        _render_everything(report, kata)
        if report.status == "pass":
            out.problems.append(f"{mistake.id} passes")
            continue
        out.caught += 1
        named = report.diagnosis.mistake.id if report.diagnosis else None
        if named == mistake.id:
            out.diagnosed += 1
        else:
            out.problems.append(f"{mistake.id} is diagnosed as {named}")
    for level in range(1, len(kata.hints) + 1):
        render.render("hint.txt.j2", name=kata.name, level=level, levels=len(kata.hints), text=kata.hints[level - 1])
    if len(kata.hints) < 3:
        out.problems.append(f"only {len(kata.hints)} hints (a ladder needs 3)")
    return out


def catalogue_table() -> str:
    rows = ["| kata | id | mistake |", "|---|---|---|"]
    rows += [f"| {m.kata} | `{m.id}` | {m.summary}{' (a convention)' if m.kind == 'convention' else ''} |"
             for m in diagnose.catalogue()]
    return "\n".join(rows) + "\n"


def markdown_table(outcomes: list[Outcome]) -> str:
    rows = ["| kata | variants | caught | diagnosed |", "|---|---|---|---|"]
    rows += [f"| {o.kata} | {o.variants} | {o.caught} | {o.diagnosed} |" for o in outcomes]
    total = [sum(getattr(o, k) for o in outcomes) for k in ("variants", "caught", "diagnosed")]
    rows.append(f"| all | {total[0]} | {total[1]} | {total[2]} |")
    return "\n".join(rows) + "\n"
