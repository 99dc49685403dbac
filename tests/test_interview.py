"""Mock interviews: the bank's coverage, the offline scoring, scripted sessions, and their storage."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from conftest import ROOT
from grader import interview as mock
from grader import rubric
from grader.cli import cli

BANK = mock.bank()
SCRIPTS = tomllib.loads((Path(__file__).parent / "interview_scripts.toml").read_text(encoding="utf-8"))


def run(*args: str, input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.output


def test_bank_covers_the_decision_framework_and_the_most_asked_questions() -> None:
    framework = {"optimizer", "learning-rate", "schedules", "clipping", "regularisation"}
    assert framework <= {q.topic for q in BANK.questions}
    most_asked = {"adam-vs-sgd", "bias-correction", "why-warmup", "weight-decay-vs-l2", "exploding-gradients",
                  "momentum", "adagrad-rmsprop", "batch-size-lr", "choose-lr", "lr-range-test"}
    assert most_asked <= set(BANK.ids)
    assert any(p.id == "range-test" for p in BANK.get("choose-lr").points)


@pytest.mark.parametrize("question", BANK.questions, ids=lambda q: q.id)
def test_model_answer_covers_its_whole_rubric_without_a_red_flag(question: mock.Question) -> None:
    score = question.score(question.answer)
    assert [p.id for p in score.missed] == [] and score.flags == []


@pytest.mark.parametrize("question", BANK.questions, ids=lambda q: q.id)
def test_scripted_good_answer_scores_above_the_poor_one(question: mock.Question) -> None:
    good, poor = question.score(SCRIPTS[question.id]["good"]), question.score(SCRIPTS[question.id]["poor"])
    assert good.flags == []
    assert good.percent >= 80 and good.percent > poor.percent


@pytest.mark.parametrize("qid", [q for q, v in SCRIPTS.items() if "partial" in v])
def test_a_partial_answer_scores_between_the_good_and_the_poor_one(qid: str) -> None:
    question = BANK.get(qid)
    good, partial, poor = (question.score(SCRIPTS[qid][k]).percent for k in ("good", "partial", "poor"))
    assert good > partial > poor


@pytest.mark.parametrize("key", sorted(SCRIPTS["red_flags"]))
def test_each_red_flag_is_raised_by_its_statement_and_not_by_its_negation(key: str) -> None:
    qid, fid = key.split("/")
    said, negated = SCRIPTS["red_flags"][key]
    question = BANK.get(qid)
    assert fid in [f.id for f in question.flags]
    assert fid in [f.id for f, _ in question.score(said).flags]
    assert fid not in [f.id for f, _ in question.score(negated).flags]


def test_every_red_flag_of_the_bank_has_a_scripted_example() -> None:
    assert {f"{q.id}/{f.id}" for q in BANK.questions for f in q.flags} == set(SCRIPTS["red_flags"])


def test_a_red_flag_costs_a_point() -> None:
    question = BANK.get("bias-correction")
    right = "m and v start at zero, so they are biased towards zero early on; we divide by 1 - beta^t."
    assert question.score(right + " Without bias correction the first steps are too small.").points == \
        question.score(right).points - 1


def test_normalisation_reads_symbols_and_common_spellings() -> None:
    assert rubric.words("Learning-rate warm-up, β1 = 0.9, isn't √v̂ 1e-8") == \
        ["lr", "warmup", "beta", "1", "0.9", "is", "not", "sqrt", "v", "1e-8"]
    assert rubric.matches(rubric.compile_phrase("step*/updat* larger first"),
                          rubric.words("The first updates are larger"), ordered=False)
    assert not rubric.matches(rubric.compile_phrase("adam generali* better sgd"),
                              rubric.words("SGD generalises better than Adam"), ordered=True)


def test_keyword_stuffing_fools_the_scorer_as_the_docs_say() -> None:
    """docs/interview.md states this limitation: the words of a point in one sentence cover it."""
    question = BANK.get("momentum")
    stuffed = "velocity oscillation damped consistent direction ravine beta 0.9"
    assert question.score(stuffed).percent == 100


def test_numbers_in_the_bank_are_verified() -> None:
    """Every number a model answer, label or red flag states is a primer default or is computed here."""
    from grader.checks import adam as adam_checks

    d = adam_checks.DEFAULTS
    assert (d["lr"], d["beta1"], d["beta2"], d["eps"]) == (1e-3, 0.9, 0.999, 1e-8)
    assert round(1 / (1 - d["beta1"])) == 10  # m starts 10 times too small; momentum looks back ~10 steps
    assert round(1 / np.sqrt(1 - d["beta2"]), 1) == 31.6  # √v starts 31.6 times too small
    assert round((1 - d["beta1"]) / np.sqrt(1 - d["beta2"]), 2) == 3.16  # so the first step is 3.16 times too large
    m_steps = next(t for t in range(1, 10**5) if d["beta1"] ** t < 0.01)
    v_steps = next(t for t in range(1, 10**5) if d["beta2"] ** t < 0.01)
    assert 10 <= m_steps < 100 and 1000 <= v_steps < 10000  # "a few tens of steps for m, a few thousand for v"
    primer = {"0.1", "1e-6", "1e-1", "1.0", "5%", "32", "512"}  # SGD's lr, the range test, max_norm, warmup, batches
    formula = {"1", "2", "0"}
    allowed = {"1e-3", "0.9", "0.999", "1e-8", "10", "31.6", "3.16"} | primer | formula
    number = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?:e-?\d+)?%?")
    for q in BANK.questions:
        texts = [q.question, q.answer] + [p.label for p in q.points] + [f.label + f.why for f in q.flags]
        stated = {n for t in texts for n in number.findall(t)}
        assert stated <= allowed, (q.id, stated - allowed)


def test_pick_is_seeded_and_prefers_questions_not_yet_asked() -> None:
    a = mock.pick(BANK.questions, 4, None, seed=3, sessions=[])
    assert a == mock.pick(BANK.questions, 4, None, seed=3, sessions=[])
    assert a != mock.pick(BANK.questions, 4, None, seed=4, sessions=[])
    asked = [{"questions": [{"id": q.id, "topic": q.topic, "percent": 90} for q in a]}]
    assert not {q.id for q in a} & {q.id for q in mock.pick(BANK.questions, 4, None, seed=3, sessions=asked)}
    only = mock.pick(BANK.questions, 10, "clipping", seed=1, sessions=[])
    assert {q.topic for q in only} == {"clipping"} and len(only) == 2


def test_scripted_session_scores_stores_and_shows_progress(workspace: Path) -> None:
    ids = ["bias-correction", "when-to-clip", "weight-decay-vs-l2"]
    good = workspace / "good.json"
    good.write_text(json.dumps({i: SCRIPTS[i]["good"] for i in ids}))
    code, out = run("interview", "--answers", str(good))
    assert code == 0, out
    assert out.count("Model answer:") == 3 and "RED FLAG" not in out
    stored = json.loads((workspace / ".kata" / "interviews.json").read_text())
    (first,) = stored["sessions"]
    assert [q["id"] for q in first["questions"]] == ids and first["mode"] == "scripted"
    assert first["started_at"] and first["percent"] == 100

    poor = workspace / "poor.txt"
    poor.write_text("\n---\n".join(SCRIPTS[i]["poor"] for i in ids))
    code, out = run("interview", "--answers", str(poor), "--topic", "adam", "--minutes", "3")
    assert code == 0 and "Question 1 of 1" in out
    assert "Earlier sessions:" in out and "100%" in out
    stored = json.loads((workspace / ".kata" / "interviews.json").read_text())
    assert len(stored["sessions"]) == 2 and stored["sessions"][1]["questions"][0]["topic"] == "adam"


def test_answers_on_stdin_are_used_in_order_and_the_seed_replays_the_questions(workspace: Path) -> None:
    answers = "\n---\n".join(["Momentum keeps a velocity."] * 3)
    out_a = run("interview", "--seed", "11", "--minutes", "9", input=answers)[1]
    out_b = run("interview", "--seed", "11", "--minutes", "9", input=answers)[1]
    asked = lambda out: re.findall(r"Question \d of 3 · .*\n(.*)", out)  # noqa: E731
    assert len(asked(out_a)) == 3
    sessions = json.loads((workspace / ".kata" / "interviews.json").read_text())["sessions"]
    assert [q["answer"] for q in sessions[0]["questions"]] == ["Momentum keeps a velocity."] * 3
    # the second run prefers questions not asked yet, so only the seed's order is shared
    assert sessions[0]["seed"] == sessions[1]["seed"] == 11
    assert out_b.count("Question") == 3


def test_unknown_topic_and_unknown_question_are_usage_errors(workspace: Path) -> None:
    assert run("interview", "--topic", "adagrad", input="x")[0] == 2
    bad = workspace / "a.json"
    bad.write_text(json.dumps({"no-such-question": "x"}))
    assert run("interview", "--answers", str(bad))[0] == 2
    assert not (workspace / ".kata" / "interviews.json").exists()


def test_a_corrupt_interviews_file_is_kept_aside(workspace: Path) -> None:
    (workspace / ".kata").mkdir()
    (workspace / ".kata" / "interviews.json").write_text("{broken")
    result = CliRunner().invoke(cli, ["interview", "--seed", "1", "--minutes", "3"], input="an answer")
    assert result.exit_code == 0
    assert [p.read_text() for p in (workspace / ".kata").glob("interviews.corrupt-*.json")] == ["{broken"]
    assert len(json.loads((workspace / ".kata" / "interviews.json").read_text())["sessions"]) == 1


def test_typed_answers_end_at_an_empty_line_and_quit_stops() -> None:
    lines = iter(["first line\n", "second\n", "\n", "quit\n"])
    answer = mock.typed(lambda: next(lines, ""), clock=lambda: 0.0)
    question = BANK.questions[0]
    assert answer(question) == ("first line\nsecond", 0.0)
    assert answer(question) is None


def test_learner_text_is_cleaned_before_it_is_shown() -> None:
    question = BANK.get("momentum")
    item = mock.result(question, "Momentum keeps a velocity\x1b[2J of past gradients.", None)
    view = mock.feedback_view(question, item, show_answer=True)
    assert "\x1b" not in view["answer"] and all("\x1b" not in c["sentence"] for c in view["covered"])


def test_the_bank_ships_in_the_package() -> None:
    assert (ROOT / "katas" / "interview" / "bank.toml").is_file()
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "interview/*.toml" in pyproject["tool"]["setuptools"]["package-data"]["katas"]


def test_a_typed_session_ends_when_the_time_is_up() -> None:
    questions = mock.pick(BANK.questions, 3, None, seed=1, sessions=[])
    now = iter([0.0, 100.0])  # the clock before each question: in time, then past the deadline
    shown: list[str] = []
    results = mock.conduct(questions, BANK.topics, lambda q: ("Momentum keeps a velocity.", 5.0), shown.append,
                           lambda template, **kw: f"{template}\n", interactive=True, deadline=50.0,
                           clock=lambda: next(now))
    assert len(results) == 1 and shown[-1] == "interview_note.txt.j2\n"
