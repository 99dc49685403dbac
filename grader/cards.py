"""Interview cards: the one-minute answer, the follow-ups, and numbers from the learner's own run.

A card is data (katas/cards/<kata>.toml: the question, the answer, the follow-ups, and number
lines with {{ name }} placeholders) plus one template (grader/templates/card.txt.j2). The numbers are
computed in grader/card_numbers.py, one function per kata, from the records a passing Report
already holds.

A number line is shown only when every variable it names was computed, so a line for numbers that
do not exist yet is skipped, not invented. The behaviour scenarios of the Report (grader/scenarios.py)
add their numbers as <scenario>_<number>, e.g. `ravine_sgd_sign_changes`.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any, Mapping

from grader.grade import Report

CARD_FORMAT = 1
# A number line names its values as {{ name }} and nothing else: filling them in needs no template
# engine (compiling each line with Jinja cost more than the rest of the card).
PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")


class CardError(Exception):
    """A card file is missing or malformed: a packaging bug, never the learner's doing."""


@lru_cache(maxsize=None)
def load(kata: str) -> dict[str, Any]:
    """The card data of a kata: question, answer, followup (list of question/answer), number (list of text)."""
    path = resources.files("katas").joinpath("cards", f"{kata}.toml")
    if not path.is_file():
        raise CardError(f"kata {kata!r} has no interview card (katas/cards/{kata}.toml)")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    if data.get("format_version") != CARD_FORMAT or not {"question", "answer", "followup", "number"} <= set(data):
        raise CardError(f"katas/cards/{kata}.toml: needs format_version = {CARD_FORMAT}, question, answer, followup, number")
    return data


def has_card(kata: str) -> bool:
    return resources.files("katas").joinpath("cards", f"{kata}.toml").is_file()


def numbers(report: Report, scenarios: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The learner's numbers for the card of report.kata; `scenarios` adds behaviour-scenario numbers."""
    from grader.card_numbers import COMPUTE

    compute = COMPUTE.get(report.kata) or getattr(checks_module(report.kata), "card_numbers", None)
    found = compute(report) if compute else {}
    return {**found, **scenario_numbers(report), **(scenarios or {})}


def checks_module(kata: str) -> Any:
    """grader.checks.<kata>, where a kata may compute its own card numbers (card_numbers(report))."""
    import importlib

    from grader.catalog import module_name

    return importlib.import_module(f"grader.checks.{module_name(kata)}")


def scenario_numbers(report: Report) -> dict[str, str]:
    """The behaviour scenarios' numbers, named <scenario>_<number> ("ravine_sgd_sign_changes")."""
    out = {}
    for result in report.scenarios:
        if result.error:
            continue
        for key, value in result.numbers.items():
            if value is not None:
                name = f"{result.id}_{key}".replace("-", "_").replace(".", "_")
                out[name] = f"{value:.0f}" if float(value).is_integer() else f"{value:.3g}"
                if key.endswith("_learned"):
                    out[name + "_percent"] = f"{100 * value:.0f}%"
    return out


def card_view(report: Report, title: str, source: str, scenarios: Mapping[str, Any] | None = None,
              colour: bool = False, own: bool = True) -> dict[str, Any]:
    """Everything card.txt.j2 shows; number lines whose variables were not computed are left out.
    `own` is False when the numbers come from the reference solution, not the learner's run."""
    whose = {"your": "your", "Your": "Your"} if own else {"your": "the reference's", "Your": "The reference's"}
    data, found = load(report.kata), {**numbers(report, scenarios), **whose}
    lines = []
    for line in data["number"]:
        names = PLACEHOLDER.findall(line["text"])
        if set(names) <= set(found):
            lines.append(PLACEHOLDER.sub(lambda m: str(found[m.group(1)]), line["text"]).strip())
    return {"kata": report.kata, "title": title, "question": _one_line(data["question"]), "answer": _one_line(data["answer"]),
            "followups": [{"question": _one_line(f["question"]), "answer": _one_line(f["answer"])} for f in data["followup"]],
            "numbers": lines, "source": source}


def _one_line(text: str) -> str:
    """A paragraph of the data file with its line breaks undone (the template wraps it)."""
    return " ".join(text.split())


def explain_report(kata: Any, file: Any, seed: int) -> tuple[Report, str, bool]:
    """The report a card is built from, where it came from, and whether it is the learner's own:
    the workspace file's run if it passes, else the reference solution's."""
    from grader import grade

    note = "no file of yours in this folder"
    if file.is_file():
        if file.read_text(encoding="utf-8", errors="replace") == kata.stub():
            note = f"{file.name} is not started yet"
        else:
            report = grade.grade(kata, file, seed)
            if report.status == "pass":
                return report, f"your run ({file.name}, seed {seed})", True
            note = f"{file.name} does not pass yet ({report.message})"
    return reference_report(kata, seed, f"{note}; pass it to see your own")


def reference_report(kata: Any, seed: int, why: str) -> tuple[Report, str, bool]:
    """The reference solution's run, for a card that cannot use the learner's numbers."""
    from grader import grade

    with resources.as_file(resources.files("solutions").joinpath(f"{kata.module}.py")) as path:
        return grade.grade(kata, path, seed), f"the reference solution, seed {seed} ({why})", False
