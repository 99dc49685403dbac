"""Wrong or cheating files found by attacking the grader: each must fail (or never crash it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, grade_file
from grader.cli import cli

CHEATS = {
    "diagnose": '''
ORDER = ["healthy"] * 2 + ["not-decreasing"] * 2 + ["diverging"] * 2 + ["oscillating"] * 2 + ["spiking"] * 2 \\
    + ["plateau"] * 2 + ["overfitting"] * 2
FIX = {"healthy": "none", "not-decreasing": "check-gradients", "diverging": "lower-lr", "oscillating": "lower-lr",
       "spiking": "add-clipping", "plateau": "raise-lr", "overfitting": "add-regularization"}
_n = [0]


def diagnose(log):  # answers by counting calls, never reading the log
    mode = ORDER[_n[0] % 14]
    _n[0] += 1
    return mode, FIX[mode]
''',
    "training-loop": '''
import numpy as np
from solutions.training_loop import bce_loss, bce_gradients, train


def sigmoid(z):  # overflows for z < -709, with the warning silenced
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))
''',
    "minibatch": '''
from solutions.minibatch import mse_gradient, run_epoch


def minibatch_indices(n, batch_size, rng, drop_last=False):  # float "indices"
    if batch_size < 1:
        raise ValueError("batch_size")
    order = rng.permutation(n).astype(float)
    stop = n - n % batch_size if drop_last else n
    for start in range(0, stop, batch_size):
        yield order[start:start + batch_size]
''',
    "adam": '''
import numpy as np


class Adam:  # copies beta1, beta2 and eps once, in __init__
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self._frozen = (beta1, beta2, eps)
        self.m, self.v, self.t = {}, {}, 0

    def step(self, params, grads):
        b1, b2, eps = self._frozen
        self.t += 1
        for i, (p, g) in enumerate(zip(params, grads)):
            self.m[i] = b1 * self.m.get(i, np.zeros_like(p)) + (1 - b1) * g
            self.v[i] = b2 * self.v.get(i, np.zeros_like(p)) + (1 - b2) * g * g
            p -= self.lr * (self.m[i] / (1 - b1**self.t)) / (np.sqrt(self.v[i] / (1 - b2**self.t)) + eps)
''',
    "clipping": '''
import numpy as np


def clip_grad_norm(grads, max_norm=1.0):  # below the threshold, views of the caller's arrays
    total = float(np.sqrt(sum(float(np.sum(g * g)) for g in grads)))
    if not np.isfinite(total):
        raise ValueError("not finite")
    if total > max_norm:
        return [g * (max_norm / (total + 1e-6)) for g in grads], total
    return [g.view() for g in grads], total
''',
    "uphill": '''
import numpy as np


def fit(X, y, lr=0.05, steps=300):  # the closed-form fit and invented losses instead of training
    A = np.hstack([X, np.ones((len(X), 1))])
    p = np.linalg.lstsq(A, y, rcond=None)[0]
    start, end = float(np.mean(y**2)), float(np.mean((A @ p - y) ** 2))
    return p[:-1], float(p[-1]), list(np.linspace(start, end, steps))
''',
}


@pytest.mark.parametrize("kata", CHEATS)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_cheat_that_breaks_a_stated_rule_fails(kata: str, seed: int, tmp_path: Path) -> None:
    path = tmp_path / "attempt.py"
    path.write_text(CHEATS[kata])
    report = grade_file(kata, path, seed)
    assert report.status == "fail", [t.check.id for t in report.tests]


def test_an_older_version_cached_in_pycache_is_never_graded(tmp_path: Path) -> None:
    path = tmp_path / "adam.py"
    good = (ROOT / "solutions" / "adam.py").read_text()
    path.write_text(good)
    os.utime(path, (1_700_000_000, 1_700_000_000))
    assert grade_file("adam", path).status == "pass"
    broken = good.replace("np.sqrt(v_hat) + self.eps", "np.sqrt(v_hat) * self.eps")
    assert len(broken) == len(good)  # same size and mtime: exactly when Python would trust a stale .pyc
    path.write_text(broken)
    os.utime(path, (1_700_000_000, 1_700_000_000))  # same mtime; a cached .pyc would be reused
    assert grade_file("adam", path).status == "fail"
    assert not (tmp_path / "__pycache__").exists()


def test_a_passing_file_with_odd_values_never_crashes_the_card(workspace: Path) -> None:
    source = "from solutions.training_loop import sigmoid, bce_loss, bce_gradients\n" \
             "from solutions.training_loop import train as _train\n\n\n" \
             "def train(*args, **kwargs):\n    W, b, history = _train(*args, **kwargs)\n    return W, str(b), history\n"
    (workspace / "training-loop.py").write_text(source)
    result = CliRunner().invoke(cli, ["grade", "training-loop", "--seed", "2"])
    assert result.exit_code == 0 and "could not use your run's values" in result.output
    result = CliRunner().invoke(cli, ["explain", "training-loop"])
    assert result.exit_code == 0 and "reference" in result.output


@pytest.mark.parametrize("content", ['{"format": 1, "sessions": [1]}',
                                     '{"format": 1, "sessions": [{"questions": [{"id": "x"}]}]}'])
def test_a_malformed_interview_store_is_kept_aside(workspace: Path, content: str) -> None:
    (workspace / ".kata").mkdir()
    (workspace / ".kata" / "interviews.json").write_text(content)
    result = CliRunner().invoke(cli, ["next"])
    assert result.exit_code == 0 and "kept as" in result.output
    assert [p.read_text() for p in (workspace / ".kata").glob("interviews.corrupt-*.json")] == [content]
