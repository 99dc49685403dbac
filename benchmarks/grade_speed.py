"""Benchmark: wall time of `kata grade adam` against `python -c "import numpy, click, jinja2"`.

Target: the ratio at most 2 on a 2-core machine. Run with the project installed:

    python benchmarks/grade_speed.py [--runs 15]

Each command runs `--runs` times after one warm-up (which also writes the bytecode caches); the
medians are compared. This is a benchmark, not a test: machines are noisy, so nothing here fails a
build.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def median_seconds(cmd: list[str], runs: int, cwd: str, env: dict[str, str]) -> float:
    subprocess.run(cmd, cwd=cwd, env=env, capture_output=True)  # warm-up: file caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, env=env, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    kata = shutil.which("kata") or str(Path(sys.executable).parent / "kata")
    import solutions

    reference = Path(solutions.__file__).parent / "adam.py"
    # Bytecode caching on, as on a learner's machine: with PYTHONDONTWRITEBYTECODE set (some shells and
    # CI images set it), an editable install recompiles every grader module on every run.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["NO_COLOR"] = "1"
    with tempfile.TemporaryDirectory() as work:
        shutil.copy(reference, Path(work) / "adam.py")
        baseline = median_seconds([sys.executable, "-c", "import numpy, click, jinja2"], args.runs, work, env)
        grade = median_seconds([kata, "grade", "adam", "--seed", "1"], args.runs, work, env)
    print(f"python -c 'import numpy, click, jinja2'  median {baseline * 1000:7.1f} ms")
    print(f"kata grade adam (reference file)        median {grade * 1000:7.1f} ms")
    print(f"ratio {grade / baseline:.2f} (target: at most 2)")


if __name__ == "__main__":
    main()
