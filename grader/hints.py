"""Which hint `kata hint` shows next: the named mistake of the last grade first, then the ladder.

The ladder (katas/catalog.toml, `hints`) climbs one level per request: a nudge, the formula, the
shape of the code; the level reached is kept as `hints_used`. When the last grade of the workspace
file named a catalogued mistake (`last_diagnosis`), the next request shows a hint made from that
mistake's `question` and `what` (solutions/mistakes/catalog.toml) once, before the ladder goes on.
"""

from __future__ import annotations

from typing import Any

from grader.catalog import Kata


def record_grade(entry: dict[str, Any], diagnosis: Any) -> None:
    """Keep the mistake the last grade named (or forget it), so the next hint starts there."""
    entry.pop("mistake_hint_shown", None)
    if diagnosis is not None:
        entry["last_diagnosis"] = diagnosis.mistake.id
    else:
        entry.pop("last_diagnosis", None)


def next_hint(kata: Kata, entry: dict[str, Any], colour: bool = False) -> tuple[str, dict[str, Any]]:
    """The template and view of the next hint; updates the progress entry."""
    from grader import diagnose
    from grader.render import environment

    used = int(entry.get("hints_used", 0))
    levels = len(kata.hints)
    named = entry.get("last_diagnosis")
    if named and entry.get("mistake_hint_shown") != named:
        mistake = next((m for m in diagnose.catalogue() if m.id == named and m.kata == kata.name), None)
        if mistake is not None:
            entry["mistake_hint_shown"] = named
            env = environment(colour)
            text = {part: " ".join(env.from_string(getattr(mistake, part)).render(ratio=None).split())
                    for part in ("question", "what")}
            return "hint_mistake.txt.j2", {"name": kata.name, "id": mistake.id, "summary": mistake.summary,
                                           "next_level": min(used + 1, levels), "levels": levels, **text}
    level = min(used + 1, levels)
    entry["hints_used"] = level
    return "hint.txt.j2", {"name": kata.name, "level": level, "levels": levels, "text": kata.hints[level - 1]}
