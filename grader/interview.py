"""Mock interviews: the question bank, picking questions, scripted answers, and stored sessions.

The flow of one session: pick questions (seeded; never-asked ones first, then the ones you scored
lowest on) → for each, take an answer (typed, or from a file or stdin) → score it against the
question's rubric (grader/rubric.py) → show the covered and missed points, red flags and the model
answer → a summary. Sessions are appended to .kata/interviews.json, written atomically.
"""

from __future__ import annotations

import json
import random
import re
import time
import tomllib
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable

from grader.rubric import Point, RedFlag, Score, compile_phrase, score
from grader.workspace import write_json_atomically

BANK_FORMAT = STORE_FORMAT = 1
MINUTES_PER_QUESTION = 3  # about a minute to answer, two to read the feedback
WEAK_BELOW = 60  # percent: a topic averaging less is weak
RECENT = 3  # a topic's average is over its last RECENT answers
ANSWER_KEPT = 4000  # characters of each answer stored in the session


class BankError(Exception):
    """The shipped bank is malformed: a packaging bug, never the learner's doing."""


@dataclass(frozen=True)
class Question:
    id: str
    topic: str
    question: str
    answer: str
    points: tuple[Point, ...]
    flags: tuple[RedFlag, ...]

    def score(self, answer: str) -> Score:
        return score(answer, self.points, self.flags)


@dataclass(frozen=True)
class Bank:
    topics: dict[str, str]
    questions: tuple[Question, ...]

    def get(self, id: str) -> Question:
        return next(q for q in self.questions if q.id == id)

    @property
    def ids(self) -> list[str]:
        return [q.id for q in self.questions]


def _question(entry: dict[str, Any], topics: dict[str, str]) -> Question:
    qid = entry["id"]
    if entry["topic"] not in topics:
        raise BankError(f"question {qid}: unknown topic {entry['topic']!r}")
    points = tuple(Point(p["id"], p["label"], tuple(compile_phrase(m) for m in p["match"])) for p in entry["point"])
    flags = tuple(RedFlag(f["id"], f["label"], f["why"], tuple(compile_phrase(m) for m in f["match"]), tuple(f.get("unless", ())))
                  for f in entry.get("red_flag", ()))
    if len(points) < 3 or not flags:
        raise BankError(f"question {qid}: needs at least 3 key points and a red flag")
    return Question(qid, entry["topic"], " ".join(entry["question"].split()), entry["answer"].strip(), points, flags)


@lru_cache(maxsize=1)
def bank() -> Bank:
    text = resources.files("katas").joinpath("interview", "bank.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    if data.get("format_version") != BANK_FORMAT:
        raise BankError(f"bank format {data.get('format_version')!r}, expected {BANK_FORMAT}")
    topics = dict(data["topics"])
    questions = tuple(_question(q, topics) for q in data["question"])
    if len({q.id for q in questions}) != len(questions):
        raise BankError("two questions share an id")
    return Bank(topics, questions)


def question_count(minutes: int) -> int:
    return max(1, minutes // MINUTES_PER_QUESTION)


def pick(questions: tuple[Question, ...], count: int, topic: str | None, seed: int,
         sessions: list[dict[str, Any]]) -> list[Question]:
    """`count` questions: never asked first, then those with the lowest best score; ties in seeded order."""
    pool = [q for q in questions if topic in (None, q.topic)]
    random.Random(seed).shuffle(pool)
    best: dict[str, int] = {}
    for session in sessions:
        for item in session.get("questions", []):
            best[item["id"]] = max(best.get(item["id"], 0), int(item.get("percent", 0)))
    pool.sort(key=lambda q: (q.id in best, best.get(q.id, 0)))
    return pool[:count]


# -- scripted answers -----------------------------------------------------------------------------

_SEPARATOR = re.compile(r"^[ \t]*---[ \t]*$", re.M)


def parse_answers(text: str) -> list[str] | dict[str, str]:
    """A JSON object {question id: answer} (those questions, in that order), or plain text whose
    answers are separated by lines of three dashes (used in the order the questions are asked)."""
    if text.lstrip().startswith("{"):
        data = json.loads(text)
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
            raise ValueError("an answers file in JSON maps question ids to answer texts")
        return data
    blocks = [b.strip() for b in _SEPARATOR.split(text)]
    while blocks and not blocks[-1]:
        blocks.pop()
    return blocks


# -- results and sessions -------------------------------------------------------------------------


def result(question: Question, answer: str, seconds: float | None) -> dict[str, Any]:
    """One answered question as stored, and as the feedback template shows it."""
    s = question.score(answer)
    return {
        "id": question.id, "topic": question.topic, "points": s.points, "total": s.total, "percent": s.percent,
        "covered": [{"id": p.id, "label": p.label, "sentence": sentence} for p, sentence in s.covered],
        "missed": [{"id": p.id, "label": p.label} for p in s.missed],
        "red_flags": [{"id": f.id, "label": f.label, "why": f.why, "sentence": sentence} for f, sentence in s.flags],
        "seconds": round(seconds) if seconds is not None else None, "answer": answer[:ANSWER_KEPT],
    }


def session(results: list[dict[str, Any]], started: str, finished: str, seed: int, topic: str | None,
            minutes: int, mode: str) -> dict[str, Any]:
    points, total = sum(r["points"] for r in results), sum(r["total"] for r in results)
    return {"started_at": started, "finished_at": finished, "seed": seed, "topic": topic, "minutes": minutes,
            "mode": mode, "points": points, "total": total, "percent": round(100 * points / total) if total else 0,
            "questions": results}


def topic_averages(sessions: list[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    """topic → (average percent of its last RECENT answers, answers counted)."""
    answers: dict[str, list[int]] = {}
    for s in sessions:
        for item in s.get("questions", []):
            answers.setdefault(item["topic"], []).append(int(item["percent"]))
    return {t: (round(sum(v[-RECENT:]) / len(v[-RECENT:])), len(v[-RECENT:])) for t, v in answers.items()}


def weak_topics(sessions: list[dict[str, Any]]) -> list[tuple[str, int]]:
    """Practised topics averaging below WEAK_BELOW, weakest first."""
    return sorted(((t, avg) for t, (avg, _) in topic_averages(sessions).items() if avg < WEAK_BELOW), key=lambda x: x[1])


def summary_view(current: dict[str, Any], earlier: list[dict[str, Any]], topics: dict[str, str]) -> dict[str, Any]:
    this: dict[str, list[int]] = {}
    for r in current["questions"]:
        this.setdefault(r["topic"], []).append(r["percent"])
    history = [{"date": s["finished_at"][:16].replace("T", " "), "percent": s["percent"]} for s in earlier[-5:]]
    weak = weak_topics(earlier + [current])
    return {
        "questions": current["questions"], "percent": current["percent"], "points": current["points"],
        "total": current["total"], "history": history, "sessions": len(earlier) + 1,
        "topics": [{"id": t, "title": topics.get(t, t), "percent": round(sum(v) / len(v))} for t, v in this.items()],
        "weak": [{"id": t, "title": topics.get(t, t), "percent": p} for t, p in weak], "weak_below": WEAK_BELOW,
    }


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _valid_session(session: Any) -> bool:
    """The fields the summaries and `kata next` read, with the types they read them as."""
    return (isinstance(session, dict) and isinstance(session.get("finished_at"), str) and _number(session.get("percent"))
            and isinstance(session.get("questions"), list)
            and all(isinstance(q, dict) and isinstance(q.get("id"), str) and isinstance(q.get("topic"), str)
                    and _number(q.get("percent")) for q in session["questions"]))


@dataclass
class Store:
    """The mock-interview sessions of a workspace: .kata/interviews.json."""

    root: Path

    @property
    def path(self) -> Path:
        return self.root / ".kata" / "interviews.json"

    def load(self) -> tuple[list[dict[str, Any]], str | None]:
        """The stored sessions, and a warning when the file was unreadable (it is kept aside)."""
        if not self.path.exists():
            return [], None
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("format") != STORE_FORMAT or not isinstance(data.get("sessions"), list):
                raise ValueError("not an interviews file of this version")
            bad = next((i for i, s in enumerate(data["sessions"]) if not _valid_session(s)), None)
            if bad is not None:
                raise ValueError(f"session {bad + 1} is not a session this version wrote")
            return data["sessions"], None
        except (ValueError, OSError, AttributeError) as exc:
            kept = self.path.with_name(f"interviews.corrupt-{datetime.now().strftime('%Y%m%d-%H%M%S-%f')}.json")
            self.path.replace(kept)
            return [], f"the interviews file could not be read ({exc}); it was kept as {kept}"

    def append(self, new: dict[str, Any]) -> None:
        sessions, _ = self.load()
        self._save({"format": STORE_FORMAT, "sessions": sessions + [new]})

    def _save(self, data: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_json_atomically(self.path, data)


# -- conducting a session -----------------------------------------------------------------------

Answerer = Callable[[Question], "tuple[str, float | None] | None"]  # None: stop the session


def scripted(answers: list[str] | dict[str, str]) -> Answerer:
    """Answers from a file or stdin: by question id (a JSON object) or in order (plain text)."""
    queue = list(answers) if isinstance(answers, list) else None

    def answer(question: Question) -> tuple[str, float | None] | None:
        if queue is None:
            return (answers[question.id], None) if question.id in answers else None  # type: ignore[call-overload]
        return (queue.pop(0), None) if queue else None
    return answer


def typed(read_line: Callable[[], str], clock: Callable[[], float] = time.monotonic) -> Answerer:
    """Answers typed at a terminal: lines until an empty one; `skip` answers nothing, `quit` or EOF stops."""
    def answer(question: Question) -> tuple[str, float | None] | None:
        start, lines = clock(), []
        while True:
            line = read_line()
            if line == "":  # end of input
                return None if not lines else ("\n".join(lines), clock() - start)
            line = line.rstrip("\n")
            if not lines and line.strip().lower() in ("quit", "q"):
                return None
            if not lines and line.strip().lower() == "skip":
                return "", clock() - start
            if not line.strip():
                if lines:
                    return "\n".join(lines), clock() - start
                continue
            lines.append(line)
    return answer


def feedback_view(question: Question, item: dict[str, Any], show_answer: bool) -> dict[str, Any]:
    """What interview_feedback.txt.j2 shows: learner text cleaned, the model answer on one line."""
    from grader.render import clean

    return {
        "answer": clean(item["answer"]) if show_answer else None,
        "covered": [{"label": c["label"], "sentence": clean(c["sentence"], 300)} for c in item["covered"]],
        "missed": item["missed"],
        "red_flags": [{**f, "sentence": clean(f["sentence"], 300)} for f in item["red_flags"]],
        "points": item["points"], "total": item["total"], "percent": item["percent"], "seconds": item["seconds"],
        "model": " ".join(question.answer.split()),
    }


def conduct(questions: list[Question], topics: dict[str, str], answer: Answerer, echo: Callable[[str], None],
            render: Callable[..., str], interactive: bool, deadline: float | None = None,
            clock: Callable[[], float] = time.monotonic) -> list[dict[str, Any]]:
    """Ask, score and give feedback, question by question; returns the results to store."""
    results: list[dict[str, Any]] = []
    for n, question in enumerate(questions, start=1):
        if deadline is not None and clock() > deadline:
            echo(render("interview_note.txt.j2", note="Time is up: the session ends here."))
            break
        echo(render("interview_question.txt.j2", n=n, count=len(questions), topic=topics[question.topic],
                    question=question.question, interactive=interactive))
        got = answer(question)
        if got is None:
            break
        item = result(question, *got)
        results.append(item)
        echo(render("interview_feedback.txt.j2", **feedback_view(question, item, show_answer=not interactive)))
    return results


def new_seed() -> int:
    return random.SystemRandom().randrange(10**6)
