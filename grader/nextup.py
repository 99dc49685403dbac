"""`kata next`: what to practise now, from the progress file and the stored mock interviews.

The order: katas whose last grade failed, then katas started but never graded, then katas never
started (each group in teaching order); then passed katas due for a refresh — passed at least
STALE_DAYS ago, or with many hints or the solution looked at early — most due first; then weak
interview topics, weakest first (or a first mock interview, if there has been none).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from grader import workspace
from grader.catalog import Kata

STALE_DAYS = 7
MANY_HINTS = 2  # ladder levels used


@dataclass
class Suggestion:
    what: str  # a kata name or an interview topic
    reason: str
    command: str


def _days_since(stamp: str | None, now: datetime) -> float | None:
    if not stamp:
        return None
    try:
        then = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    if then.tzinfo is None:
        then = then.replace(tzinfo=timezone.utc)
    return max(0.0, (now - then).total_seconds() / 86400)


def suggestions(katas: dict[str, Kata], data: dict[str, Any], ws: workspace.Workspace, sessions: list[dict[str, Any]],
                topics: dict[str, str], weak: list[tuple[str, int]], now: datetime | None = None) -> list[Suggestion]:
    now = now or datetime.now(timezone.utc)
    failing, ungraded, fresh, due = [], [], [], []
    for kata in katas.values():
        entry = data["katas"].get(kata.name, {})
        status = workspace.status(data, ws, kata)
        last = entry.get("last_status")
        if last in ("fail", "error"):
            named = f", named mistake {entry['last_diagnosis']}" if entry.get("last_diagnosis") else ""
            again = " (it had passed before)" if entry.get("passed_at") else ""
            failing.append(Suggestion(kata.name, f"your last grade failed{named}{again}", f"kata grade {kata.name}"))
        elif status == workspace.PASSED:
            days = _days_since(entry.get("last_graded_at") if last == "pass" else entry.get("passed_at"), now) or 0.0
            hints = int(entry.get("hints_used", 0))
            forced = bool(entry.get("solution_forced_at"))
            reasons = []
            if days >= STALE_DAYS:
                reasons.append(f"last passed {int(days)} days ago")
            if hints >= MANY_HINTS:
                reasons.append(f"passed with {hints} of {len(kata.hints)} hints")
            if forced:
                reasons.append("you looked at the solution before passing")
            if reasons:
                weight = days / STALE_DAYS + hints + (3 if forced else 0)
                due.append((weight, Suggestion(kata.name, "; ".join(reasons) + ": solve it again from the stub",
                                               f"kata reset {kata.name}")))
        elif status == workspace.IN_PROGRESS or entry.get("started_at"):
            ungraded.append(Suggestion(kata.name, "started, never graded", f"kata grade {kata.name}"))
        else:
            fresh.append(Suggestion(kata.name, "never tried", f"kata start {kata.name}"))
    out = failing + ungraded + fresh + [s for _, s in sorted(due, key=lambda x: -x[0])]
    if not sessions:
        out.append(Suggestion("interview", "no mock interview yet", "kata interview"))
    for topic, percent in weak:
        out.append(Suggestion(f"interview: {topics.get(topic, topic)}", f"{percent}% on your recent answers",
                              f"kata interview --topic {topic}"))
    return out
