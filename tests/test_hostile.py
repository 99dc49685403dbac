"""The hostile corpus (tests/hostile/): whatever a learner's file does, the verdict is honest.

Each file's docstring says which kata it targets and what it must produce:

    kata: adam                  the kata it is graded as
    expect: error | fail        the report's status ("error": the file could not be loaded at all)
    says: TEXT                  (repeatable) text the rendered report must contain
    limits: wall=2 check=0.5    (optional) limits for this case, instead of the kata's
    cli: yes                    (optional) also graded through the installed `kata` script

Every case, graded exactly as `kata grade --file` does: never a pass; the status expected (so
the exit status is 1); finished within the wall-clock limit plus a second; no escape sequence or
control character from the learner in the text report or in the JSON report's strings; and no
process left behind.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import KATAS, ROOT
from grader import grade, processes, render, sandbox

HOSTILE = ROOT / "tests" / "hostile"
CASES = sorted(HOSTILE.glob("*.py"))
SEED = 7
SECONDS: dict[str, float] = {}
REPORTS: dict[str, tuple[grade.Report, Any]] = {}  # by case, for the tests that look closer at one
_SPEC = re.compile(r"^(kata|expect|says|limits|cli): (.*)$", re.MULTILINE)
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


@dataclasses.dataclass
class Spec:
    kata: str
    expect: str
    says: list[str]
    limits: dict[str, float]
    cli: bool


def spec_of(path: Path) -> Spec:
    text = path.read_bytes().decode("utf-8", "replace")
    fields: dict[str, list[str]] = {}
    for key, value in _SPEC.findall(text):
        fields.setdefault(key, []).append(value.strip())
    limits = {}
    for item in " ".join(fields.get("limits", [])).split():
        name, value = item.split("=")
        limits[name] = int(value) if name in ("cpu", "memory_mb") else float(value)
    return Spec(fields["kata"][0], fields["expect"][0], fields.get("says", []), limits, fields.get("cli", ["no"])[0] == "yes")


def kata_for(spec: Spec) -> Any:
    kata = KATAS[spec.kata]
    return dataclasses.replace(kata, limits=dataclasses.replace(kata.limits, **spec.limits)) if spec.limits else kata


def marked_processes(tokens: list[str]) -> list[int]:
    """Living processes carrying the marker of one of these runs (other test sessions may be grading too)."""
    markers = [f"{sandbox.TOKEN_VAR}={t}\0".encode() for t in tokens]
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                environ = Path(f"/proc/{name}/environ").read_bytes()
            except OSError:
                continue
            if any(m in environ for m in markers) and not gone(int(name)):
                found.append(int(name))
    return found


@pytest.fixture
def tokens(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The markers of the children started during a test."""
    issued: list[str] = []
    original = sandbox.new_token

    def record() -> str:
        issued.append(original())
        return issued[-1]

    monkeypatch.setattr(sandbox, "new_token", record)
    return issued


def gone(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return True
    return stat[stat.rindex(b")") + 2:].split()[0] in (b"Z", b"X")


def unsafe_strings(value: Any) -> list[str]:
    """Every string in a parsed JSON value that holds a control character (tab and newline aside)."""
    if isinstance(value, str):
        return [value] if _UNSAFE.search(value) else []
    if isinstance(value, list):
        return [s for v in value for s in unsafe_strings(v)]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in unsafe_strings(k) + unsafe_strings(v)]
    return []


def rendered(report: grade.Report, kata: Any) -> str:
    return render.render("grade.txt.j2", **render.report_view(report, kata.title))


@pytest.fixture(scope="module", autouse=True)
def longest(request: pytest.FixtureRequest) -> Any:
    yield
    if SECONDS:
        name = max(SECONDS, key=SECONDS.get)
        reporter = request.config.pluginmanager.get_plugin("terminalreporter")
        line = (f"hostile corpus: {len(SECONDS)} cases, longest wall time {SECONDS[name]:.2f} s ({name}); "
                f"default memory cap {sandbox.Limits().memory_mb} MiB")
        if reporter is not None:
            reporter.write_line(line)
        (Path(os.environ.get("TMPDIR", "/tmp")) / "hostile-times.json").write_text(json.dumps(SECONDS, indent=1))


def test_the_corpus_is_there() -> None:
    assert len(CASES) >= 35
    for path in CASES:
        spec = spec_of(path)
        assert spec.kata in KATAS and spec.expect in ("error", "fail"), path.name


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_hostile_case(path: Path, monkeypatch: pytest.MonkeyPatch, tokens: list[str]) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    spec = spec_of(path)
    kata = kata_for(spec)
    started = time.monotonic()
    report = grade.grade(kata, path, SEED)
    SECONDS[path.stem] = elapsed = time.monotonic() - started
    REPORTS[path.stem] = (report, kata)

    assert report.status != "pass"
    assert report.status == spec.expect, (report.status, report.message)
    assert elapsed <= kata.limits.wall + 1, f"took {elapsed:.2f} s with a {kata.limits.wall} s limit"
    text = rendered(report, kata)
    for needle in spec.says:
        assert needle in text, f"{needle!r} not in the report:\n{text}"
    assert not _UNSAFE.search(text), repr([m.group() for m in _UNSAFE.finditer(text)][:5])
    data = json.loads(render.report_json(report))
    assert data["status"] == report.status and not unsafe_strings(data)
    assert tokens and marked_processes(tokens) == []


def case(name: str) -> Path:
    return HOSTILE / f"{name}.py"


def grade_case(name: str) -> tuple[grade.Report, Any]:
    if name in REPORTS:
        return REPORTS[name]
    spec = spec_of(case(name))
    kata = kata_for(spec)
    return grade.grade(kata, case(name), SEED), kata


def test_a_hanging_check_does_not_hide_the_others() -> None:
    report, _ = grade_case("one_check_hangs")
    verdicts = {t.check.id: t.verdict for t in report.tests}
    hung = [i for i, v in verdicts.items() if v.error and v.error.get("type") == "Timeout"]
    assert hung == ["trajectory-mixed"], verdicts
    assert all(v.status == "pass" for i, v in verdicts.items() if i not in hung)


def test_an_endless_loop_times_out_check_by_check_then_says_not_run() -> None:
    report, kata = grade_case("loop_in_step")
    kinds = [t.verdict.error["type"] for t in report.tests]
    assert set(kinds) == {"Timeout", "NotRun"} and kinds[0] == "Timeout"
    assert kinds.count("Timeout") >= 2  # each check has its own limit, within the whole budget


def test_no_process_survives_a_run() -> None:
    report, _ = grade_case("leaves_grandchild")
    pids = [int(p) for p in re.findall(r"\d+", report.import_error["message"])]
    assert len(pids) == 2
    deadline = time.monotonic() + 2
    while not all(gone(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(gone(p) for p in pids), [Path(f"/proc/{p}/cmdline").read_bytes() for p in pids if not gone(p)]


def test_printed_output_is_bounded() -> None:
    report, _ = grade_case("prints_megabytes")
    assert report.tests and all(len(t.output) < 10_000 for t in report.tests)
    assert "more characters not shown" in report.tests[0].output
    assert len(report.raw_output) <= sandbox.RAW_OUTPUT_LIMIT + 100


def test_escapes_are_cleaned_but_the_text_is_kept() -> None:
    report, kata = grade_case("escapes_in_text")
    text = rendered(report, kata)
    assert "\x1b" not in text and "\x9b" not in text and "\r" not in text
    assert "{{ 7 * 7 }}" in text and "49" not in text.split("seed")[0]
    assert "<script>alert(1)</script>" in text and "ñandú δ 日本" in text
    assert "RAW" in text  # the source line that raised, shown without its ESC


def test_a_returned_object_is_only_ever_described() -> None:
    report, _ = grade_case("always_equal")
    verdicts = {t.check.id: t.verdict.status for t in report.tests}
    assert verdicts["below"] == verdicts["above"] == verdicts["norm"] == verdicts["zeros"] == "fail"


# -- through the installed script --------------------------------------------------------------


def _kata_script() -> str:
    script = Path(sys.executable).parent / "kata"
    if not script.exists():
        pytest.skip("the kata script is not installed next to this Python")
    return str(script)


CLI_CASES = [p for p in CASES if spec_of(p).cli]


@pytest.mark.parametrize("path", CLI_CASES, ids=lambda p: p.stem)
def test_hostile_case_through_the_installed_script(path: Path, tmp_path: Path) -> None:
    script = _kata_script()
    spec = spec_of(path)
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    for fmt in ("text", "json"):
        started = time.monotonic()
        done = subprocess.run([script, "grade", spec.kata, "--file", str(path), "--seed", str(SEED), "--format", fmt],
                              cwd=tmp_path, env=env, capture_output=True, timeout=60)
        elapsed = time.monotonic() - started
        assert done.returncode == 1, (done.returncode, done.stderr[-2000:])
        assert elapsed <= KATAS[spec.kata].limits.wall + 2  # + the script's own start-up
        assert b"\x1b" not in done.stdout and b"\x1b" not in done.stderr
        assert b"\xc2\x9b" not in done.stdout  # U+009B, the one-byte CSI, encoded in UTF-8
        if fmt == "json":
            data = json.loads(done.stdout)  # exactly one JSON object, nothing else
            assert isinstance(data, dict) and data["status"] in ("fail", "error") and not unsafe_strings(data)
        else:
            text = done.stdout.decode()
            for needle in spec.says:
                assert needle in text
    assert not (tmp_path / ".kata").exists()  # grading another file never touches the workspace


def test_learner_escapes_never_reach_a_colour_terminal(tmp_path: Path) -> None:
    """On a terminal the report is coloured: the only escape sequences are the grader's own SGR codes."""
    import pty

    script = _kata_script()
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["TERM"] = "xterm"
    leader, follower = pty.openpty()
    proc = subprocess.Popen([script, "grade", "adam", "--file", str(case("escapes_in_text")), "--seed", str(SEED)],
                            cwd=tmp_path, env=env, stdin=subprocess.DEVNULL, stdout=follower, stderr=follower)
    os.close(follower)
    out = bytearray()
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        out.extend(chunk)
    os.close(leader)
    assert proc.wait(timeout=60) == 1
    text = out.decode("utf-8", "replace")
    assert "\x1b[" in text  # coloured, so this is the terminal path
    assert re.sub(r"\x1b\[[0-9;]*m", "", text).count("\x1b") == 0
    assert "\x9b" not in text and "pwned" not in text  # an OSC sequence (a window title) is removed whole


def _grader_children(pid: int) -> list[int]:
    return [p for p, info in processes._processes().items() if info[1] == pid and info[0] not in "ZX"]


@pytest.mark.parametrize("how", ["SIGINT", "SIGKILL"])
def test_the_child_never_outlives_the_grader(tmp_path: Path, how: str) -> None:
    """Ctrl-C in the grader stops the child (and the grader exits 1); a grader killed outright takes its
    child with it (PR_SET_PDEATHSIG)."""
    import signal

    script = _kata_script()
    proc = subprocess.Popen([script, "grade", "momentum", "--file", str(case("loop_at_import"))], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while not (children := _grader_children(proc.pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert children, "the grader never started its child"
    time.sleep(0.3)
    proc.send_signal(getattr(signal, how))
    code = proc.wait(timeout=10)
    assert code == (1 if how == "SIGINT" else -signal.SIGKILL)
    deadline = time.monotonic() + 3
    while not all(gone(c) for c in children) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(gone(c) for c in children)
