"""The `kata` command: parse, call one function, echo. Exit codes are part of the interface:
0 every check passed · 1 a check failed, or the learner's code errored or timed out ·
2 usage error (unknown kata, a name that is not a kata name, a missing, unreadable or folder
file, a workspace file that cannot be backed up or written) · 3 internal grader error."""

from __future__ import annotations

import io
import os
import re
import sys
from importlib import resources
from pathlib import Path
from typing import Any, NoReturn

import click

from grader import catalog, hints, workspace

EXIT_PASS, EXIT_FAIL, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
DEMO_SEED = 2024


class KataUsageError(click.ClickException):
    """A mistake in how the command was called: exit status 2."""

    exit_code = EXIT_USAGE


def _katas() -> dict[str, catalog.Kata]:
    return catalog.load()


def _kata(name: str) -> catalog.Kata:
    katas = _katas()
    if not workspace.valid_name(name):
        raise KataUsageError(f"{name[:60]!r} is not a kata name: katas are named by plain lowercase words "
                             f"({', '.join(katas)}), never by a path")
    if name not in katas:
        raise KataUsageError(f"unknown kata {name!r}. Known katas: {', '.join(katas)}")
    return katas[name]


def _workspace(directory: Path | None) -> workspace.Workspace:
    return workspace.Workspace((directory or Path.cwd()).absolute())


def _load(ws: workspace.Workspace) -> dict[str, Any]:
    data, warning = ws.load(_katas())
    if warning:
        click.echo(f"warning: {warning}", err=True)
    return data


def _save(ws: workspace.Workspace, data: dict[str, Any]) -> None:
    """Save progress; when it cannot be saved, say so and carry on (the command's work is done)."""
    try:
        ws.save(data)
    except workspace.WorkspaceError as exc:
        click.echo(f"warning: {exc}", err=True)


_UNSHOWABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _gradable(path: Path, hint: str) -> None:
    """A file that can be graded: a readable regular file whose name can be shown as it is."""
    if _UNSHOWABLE.search(str(path)):
        raise KataUsageError(f"the file name {str(path)!r} contains control characters or bytes that are not "
                             f"text; rename the file")
    if path.is_dir():
        raise KataUsageError(f"{path} is a folder, not a file.")
    if path.exists() and not path.is_file():
        raise KataUsageError(f"{path} is not a regular file (a pipe or a device, say).")
    if not path.is_file():
        raise KataUsageError(f"no file to grade at {path}.{hint}")
    try:
        with open(path, "rb") as f:
            f.read(1)
    except OSError as exc:
        raise KataUsageError(f"{path} cannot be read ({exc.strerror or exc}).") from exc


def _echo(text: str) -> None:
    click.echo(text, nl=False)


dir_option = click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path),
                          help="The workspace folder (default: the current directory).")


class _Group(click.Group):
    """Every command: a workspace that cannot be used as asked is a usage error (exit 2), never a crash."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except workspace.WorkspaceError as exc:
            raise KataUsageError(str(exc)) from exc


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="optimizer-katas")
def cli() -> None:
    """Optimizer katas: write SGD, momentum, Adam, AdamW, schedules and clipping; get them graded.

    Start with `kata list`, then `kata start adam`, edit adam.py, and `kata grade`.
    """


@cli.command("list")
@dir_option
def list_command(directory: Path | None) -> None:
    """Every kata in teaching order, with this workspace's status."""
    from grader.render import render

    ws = _workspace(directory)
    data, warning = ws.load(_katas())
    colours = {workspace.PASSED: "pass", workspace.IN_PROGRESS: "warn", workspace.NOT_STARTED: "dim"}
    rows = []
    for kata in _katas().values():
        status = workspace.status(data, ws, kata)
        rows.append({"name": kata.name, "title": kata.title, "summary": kata.summary, "status": status,
                     "colour": colours[status], "hints": int(data["katas"].get(kata.name, {}).get("hints_used", 0)),
                     "levels": len(kata.hints)})
    _echo(render("list.txt.j2", katas=rows, warning=warning))


@cli.command()
@click.argument("name")
@dir_option
@click.option("--force", is_flag=True, help="Replace an existing file with a fresh stub (a backup is kept first).")
def start(name: str, directory: Path | None, force: bool) -> None:
    """Write the stub of kata NAME as NAME.py in the workspace."""
    from grader.render import render

    kata = _kata(name)
    ws = _workspace(directory)
    data = _load(ws)
    path, backup, written = ws.write_stub(kata, force)
    entry = workspace.entry(data, kata.name)
    entry.setdefault("started_at", workspace.now())
    data["current"] = kata.name
    _save(ws, data)
    _echo(render("start.txt.j2", path=str(path), backup=str(backup) if backup else None, written=written,
                 name=kata.name, title=kata.title, summary=kata.summary, implement=list(kata.implement),
                 dir_option=f"--dir {directory}" if directory else ""))


@cli.command()
@click.argument("name", required=False)
@click.option("--file", "files", type=click.Path(dir_okay=False, path_type=Path), multiple=True,
              help="Grade this file instead of the workspace's NAME.py (one file per run).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json prints one results object (exercism's results.json v3 names) and nothing else.")
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), help="Replay the random cases of an earlier run.")
@dir_option
def grade(name: str | None, files: tuple[Path, ...], fmt: str, seed: int | None, directory: Path | None) -> None:
    """Grade kata NAME (default: the one started or graded last)."""
    from grader import grade as grading

    if len(files) > 1:  # one results object per run: a second --file would otherwise be silently ignored
        raise KataUsageError("--file takes one file per run; grade several with a loop, e.g. "
                             "`for f in *.py; do kata grade adam --file \"$f\" --format json; done`")
    file = files[0] if files else None
    ws = _workspace(directory)
    data = _load(ws)
    katas = _katas()
    if name is None and file is not None:  # a file named after a kata ("adam.py", "training_loop.py")
        name = next((k.name for k in katas.values() if file.stem in (k.name, k.module)), None)
    name = name or data.get("current")
    if name is None:
        raise KataUsageError("which kata? Name it (`kata grade adam`) or start one first (`kata start adam`).")
    kata = _kata(name)
    path = file or ws.file_for(kata)
    _gradable(path, "" if file else f" Run `kata start {kata.name}` first.")
    report = grading.grade(kata, path, grading.new_seed() if seed is None else seed,
                           while_waiting=_warm_renderer if fmt == "text" else None)
    if file is None:  # progress records the workspace's own file; --file grading (a teacher's) never does
        entry = workspace.entry(data, kata.name)
        entry.update(last_graded_at=workspace.now(), last_status=report.status, last_seed=report.seed,
                     attempts=int(entry.get("attempts", 0)) + 1)
        hints.record_grade(entry, report.diagnosis)
        if report.status == "pass":
            entry.setdefault("passed_at", workspace.now())
        data["current"] = kata.name
        _save(ws, data)
    _show_report(report, kata, fmt)
    sys.exit(EXIT_PASS if report.status == "pass" else EXIT_FAIL)


def _warm_renderer() -> None:
    """Import Jinja and compile the report template while the learner's code runs."""
    from grader import render

    render.environment(render.use_colour(sys.stdout)).get_template("grade.txt.j2")


def _show_report(report: Any, kata: catalog.Kata, fmt: str) -> None:
    from grader import render

    if fmt == "json":
        click.echo(render.report_json(report))
    else:
        _echo(render.render("grade.txt.j2", **render.report_view(report, kata.title)))
        if report.status == "pass" and not report.not_started:
            _show_card(report, kata, f"this run (seed {report.seed})")


def _show_card(report: Any, kata: catalog.Kata, source: str, own: bool = True) -> bool:
    """Show the interview card; False when the run's values could not be used (a note says so)."""
    from grader import cards, render

    if not cards.has_card(kata.name):
        return False
    try:
        view = cards.card_view(report, kata.title, source, own=own, colour=render.use_colour(sys.stdout))
    except Exception as exc:  # noqa: BLE001 - odd values in a passing result must not cost the verdict
        click.echo(f"(the interview card could not use your run's values: {type(exc).__name__}; "
                   f"`kata explain {kata.name}` shows it with the reference's)", err=True)
        return False
    _echo("\n" + render.render("card.txt.j2", **view))
    return True


@cli.command()
@click.argument("name", required=False)
@dir_option
def hint(name: str | None, directory: Path | None) -> None:
    """Show the next hint of kata NAME (default: the current kata): a nudge, the formula, the code's shape."""
    from grader.render import render

    ws = _workspace(directory)
    data = _load(ws)
    if name is None and not data.get("current"):
        raise KataUsageError("which kata? Name it (`kata hint adam`) or start one first (`kata start adam`).")
    kata = _kata(data["current"] if name is None else name)
    entry = workspace.entry(data, kata.name)
    template, view = hints.next_hint(kata, entry)
    _save(ws, data)
    _echo(render(template, **view))


@cli.command()
@click.argument("name")
@dir_option
@click.option("--force", is_flag=True, help="Show it before passing (this is recorded in the progress file).")
def solution(name: str, directory: Path | None, force: bool) -> None:
    """Show the reference solution of kata NAME (after you pass it, or with --force)."""
    kata = _kata(name)
    ws = _workspace(directory)
    data = _load(ws)
    entry = workspace.entry(data, kata.name)
    if not entry.get("passed_at") and not force:
        raise click.ClickException(
            f"the solution of {kata.name} opens once you pass it (`kata grade {kata.name}`); "
            f"`kata solution {kata.name} --force` shows it now and records that you looked.")
    if not entry.get("passed_at"):
        entry["solution_forced_at"] = workspace.now()
        _save(ws, data)
    _echo(kata.solution())


@cli.command()
@click.argument("name")
@dir_option
def reset(name: str, directory: Path | None) -> None:
    """Back up NAME.py, then restore the fresh stub."""
    kata = _kata(name)
    ws = _workspace(directory)
    _load(ws)
    path, backup, _ = ws.write_stub(kata, force=True)
    click.echo(f"Restored the stub at {path}." + (f" Your file was backed up to {backup}." if backup else ""))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def demo(fmt: str) -> None:
    """Grade a shipped attempt at the adam kata that has a typical mistake, to see real feedback.

    Exits 0 when the demo ran (the attempt itself fails, as it is meant to).
    """
    from grader import grade as grading

    kata = _kata("adam")
    with resources.as_file(resources.files("grader").joinpath("demo/adam_attempt.py")) as path:
        report = grading.grade(kata, path, DEMO_SEED)
    _show_report(report, kata, fmt)
    if fmt == "text":
        click.echo("\n(That was a shipped attempt with a typical mistake. Try your own: `kata start adam`.)")


@cli.command()
@click.argument("name", required=False)
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), default=1, show_default=True)
@click.option("--markdown", is_flag=True, help="Print only the table, in Markdown.")
def validate(name: str | None, seed: int, markdown: bool) -> None:
    """For authors: stub not started, reference passes, every known mistake caught and diagnosed."""
    from grader import validate as gate

    katas = [_kata(name)] if name else list(_katas().values())
    outcomes = []
    for kata in katas:
        outcome = gate.validate(kata, seed)
        outcomes.append(outcome)
        if not markdown:
            verdict = "ok" if outcome.ok else "PROBLEMS"
            click.echo(f"{kata.name:10s} {verdict:8s} variants {outcome.variants}, caught {outcome.caught}, "
                       f"diagnosed {outcome.diagnosed}")
            for problem in outcome.problems:
                click.echo(f"    - {problem}")
    if markdown:
        click.echo(gate.markdown_table(outcomes) + "\n## The catalogue\n\n" + gate.catalogue_table(), nl=False)
    sys.exit(EXIT_PASS if all(o.ok for o in outcomes) else EXIT_FAIL)


@cli.command()
@click.argument("name")
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), help="The cases to run (default: your last grade's).")
@dir_option
def explain(name: str, seed: int | None, directory: Path | None) -> None:
    """Show the interview card of kata NAME, with the numbers of your passing run (or the reference's)."""
    from grader import cards

    kata = _kata(name)
    if not cards.has_card(kata.name):
        raise KataUsageError(f"kata {kata.name} has no interview card yet")
    ws = _workspace(directory)
    data = _load(ws)
    seed = seed if seed is not None else int(data["katas"].get(kata.name, {}).get("last_seed", 1))
    report, source, own = cards.explain_report(kata, ws.file_for(kata), seed)
    if not _show_card(report, kata, source, own) and own:  # the learner's values could not be used
        report, source, own = cards.reference_report(kata, seed, "your run's values could not be used")
        _show_card(report, kata, source, own)


@cli.command()
@click.option("--minutes", type=click.IntRange(1, 240), default=15, show_default=True,
              help="Length of the session: one question per 3 minutes; typed sessions stop when time is up.")
@click.option("--topic", help="Only questions of this topic (the list is in the error for an unknown one).")
@click.option("--answers", "answers_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Take the answers from this file: plain text with answers separated by lines of ---, or a "
                   "JSON object {question id: answer}. Without it, answers come from stdin when it is not a terminal.")
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), help="Pick the same questions as an earlier session.")
@dir_option
def interview(minutes: int, topic: str | None, answers_file: Path | None, seed: int | None,
              directory: Path | None) -> None:
    """A mock interview: questions, your answers scored against visible key points, model answers."""
    import time

    from grader import interview as mock
    from grader.render import render

    bank = mock.bank()
    if topic is not None and topic not in bank.topics:
        raise KataUsageError(f"unknown topic {topic!r}. Topics: {', '.join(bank.topics)}")
    store = mock.Store(_workspace(directory).root)
    earlier, warning = store.load()
    if warning:
        click.echo(f"warning: {warning}", err=True)
    seed = mock.new_seed() if seed is None else seed
    stdin = sys.stdin
    if hasattr(stdin, "buffer"):  # bytes that are not UTF-8 become U+FFFD, never unsavable surrogates
        stdin = io.TextIOWrapper(stdin.buffer, encoding="utf-8", errors="replace")
    interactive = answers_file is None and stdin.isatty()
    questions = mock.pick(bank.questions, mock.question_count(minutes), topic, seed, earlier)
    if interactive:
        answer, deadline = mock.typed(stdin.readline), time.monotonic() + 60 * minutes
    else:
        try:
            given = mock.parse_answers(answers_file.read_text(encoding="utf-8", errors="replace") if answers_file
                                       else stdin.read())
        except ValueError as exc:
            raise KataUsageError(f"the answers could not be read: {exc}") from exc
        if isinstance(given, dict):
            unknown = [i for i in given if i not in bank.ids]
            if unknown:
                raise KataUsageError(f"unknown question ids {unknown}. Known: {', '.join(bank.ids)}")
            questions = [bank.get(i) for i in given]
        questions = questions[:len(given)]  # a session ends with its last answer
        answer, deadline = mock.scripted(given), None
    _echo(render("interview_start.txt.j2", count=len(questions), topic=topic, minutes=minutes, seed=seed,
                 interactive=interactive))
    started = workspace.now()
    results = mock.conduct(questions, bank.topics, answer, _echo, render, interactive, deadline)
    if not results:
        click.echo("No answers were given: nothing was stored.")
        return
    session = mock.session(results, started, workspace.now(), seed, topic, minutes,
                           "typed" if interactive else "scripted")
    store.append(session)
    _echo(render("interview_summary.txt.j2", path=str(store.path), **mock.summary_view(session, earlier, bank.topics)))


@cli.command("next")
@click.option("--all", "show_all", is_flag=True, help="Every suggestion, not only the first five.")
@dir_option
def next_command(show_all: bool, directory: Path | None) -> None:
    """What to practise now: failing or untried katas, then ones due a refresh, then weak interview topics."""
    from grader import interview as mock
    from grader import nextup
    from grader.render import render

    ws = _workspace(directory)
    data = _load(ws)
    sessions, warning = mock.Store(ws.root).load()
    if warning:
        click.echo(f"warning: {warning}", err=True)
    found = nextup.suggestions(_katas(), data, ws, sessions, mock.bank().topics, mock.weak_topics(sessions))
    shown = found if show_all else found[:5]
    _echo(render("next.txt.j2", suggestions=shown, more=len(found) - len(shown)))


def main() -> NoReturn:
    _exit_now(_run())


def _run() -> int:
    """Run the command; the exit status it ends with."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return EXIT_FAIL
    except click.ClickException as exc:
        exc.show()
        return EXIT_USAGE if isinstance(exc, (click.UsageError, KataUsageError)) else exc.exit_code
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_INTERNAL if exc.code else EXIT_PASS
    except Exception as exc:  # noqa: BLE001 - the grader's own failure gets exit status 3
        click.echo(f"internal grader error: {type(exc).__name__}: {exc}\n"
                   "This is a bug in the grader, not in your code. Please report it with the command you ran.", err=True)
        return EXIT_INTERNAL
    return EXIT_PASS


def _exit_now(code: int) -> NoReturn:
    """Flush, run the exit handlers (they stop any child still running), and leave without the
    interpreter's teardown of numpy and friends, which costs about 20 ms on every command."""
    import atexit

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    atexit._run_exitfuncs()
    os._exit(code)


if __name__ == "__main__":
    main()
