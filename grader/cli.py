"""The `kata` command: parse, call one function, echo. Exit codes are part of the interface:
0 every check passed · 1 a check failed, or the learner's code errored or timed out ·
2 usage error (unknown kata, missing file) · 3 internal grader error."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path
from typing import Any, NoReturn

import click

from grader import catalog, workspace

EXIT_PASS, EXIT_FAIL, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
DEMO_SEED = 2024


class KataUsageError(click.ClickException):
    """A mistake in how the command was called: exit status 2."""

    exit_code = EXIT_USAGE


def _katas() -> dict[str, catalog.Kata]:
    return catalog.load()


def _kata(name: str) -> catalog.Kata:
    katas = _katas()
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


def _echo(text: str) -> None:
    click.echo(text, nl=False)


dir_option = click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path),
                          help="The workspace folder (default: the current directory).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
                     "colour": colours[status]})
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
    ws.save(data)
    _echo(render("start.txt.j2", path=str(path), backup=str(backup) if backup else None, written=written,
                 name=kata.name, title=kata.title, summary=kata.summary, implement=list(kata.implement),
                 dir_option=f"--dir {directory}" if directory else ""))


@cli.command()
@click.argument("name", required=False)
@click.option("--file", "file", type=click.Path(dir_okay=False, path_type=Path),
              help="Grade this file instead of the workspace's NAME.py.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json prints one results object (exercism's results.json v3 names) and nothing else.")
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), help="Replay the random cases of an earlier run.")
@dir_option
def grade(name: str | None, file: Path | None, fmt: str, seed: int | None, directory: Path | None) -> None:
    """Grade kata NAME (default: the one started or graded last)."""
    from grader import grade as grading

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
    if not path.is_file():
        hint = "" if file else f" Run `kata start {kata.name}` first."
        raise KataUsageError(f"no file to grade at {path}.{hint}")
    report = grading.grade(kata, path, grading.new_seed() if seed is None else seed,
                           while_waiting=_warm_renderer if fmt == "text" else None)
    if path.resolve() == ws.file_for(kata).resolve():
        entry = workspace.entry(data, kata.name)
        entry.update(last_graded_at=workspace.now(), last_status=report.status, last_seed=report.seed,
                     attempts=int(entry.get("attempts", 0)) + 1)
        if report.status == "pass":
            entry.setdefault("passed_at", workspace.now())
        data["current"] = kata.name
        ws.save(data)
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


@cli.command()
@click.argument("name")
@dir_option
def hint(name: str, directory: Path | None) -> None:
    """Show the next hint of kata NAME: a nudge, then the formula, then the shape of the code."""
    from grader.render import render

    kata = _kata(name)
    ws = _workspace(directory)
    data = _load(ws)
    entry = workspace.entry(data, kata.name)
    level = min(int(entry.get("hints_used", 0)) + 1, len(kata.hints))
    entry["hints_used"] = level
    ws.save(data)
    _echo(render("hint.txt.j2", name=kata.name, level=level, levels=len(kata.hints), text=kata.hints[level - 1]))


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
        ws.save(data)
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


def main() -> NoReturn:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(EXIT_FAIL)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_USAGE if isinstance(exc, (click.UsageError, KataUsageError)) else exc.exit_code)
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - the grader's own failure gets exit status 3
        click.echo(f"internal grader error: {type(exc).__name__}: {exc}\n"
                   "This is a bug in the grader, not in your code. Please report it with the command you ran.", err=True)
        sys.exit(EXIT_INTERNAL)
    sys.exit(EXIT_PASS)


if __name__ == "__main__":
    main()
