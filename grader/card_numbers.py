"""The learner's numbers for each kata's interview card, computed from a passing Report.

One function per kata reads the records the Report already holds: the learner's record of a check
(`test.got`) against the inputs of its plan (`test.check.plan`). Values are formatted here, so the
card templates only show them. A check missing from the Report simply yields no numbers.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable

import numpy as np

from grader.catalog import module_name
from grader.grade import Report, TestResult

Numbers = dict[str, Any]
OFTEN = 0.1  # clipping on more than this share of steps is read as "often"
WINDOW = 50  # steps averaged at each end of a logged loss curve (as the training-loop check does)


# -- helpers ----------------------------------------------------------------------------------


def _g(x: float, digits: int = 3) -> str:
    return f"{x:.{digits}g}"


def _flat(arrays: Any) -> np.ndarray:
    return np.concatenate([np.ravel(np.asarray(a, dtype=float)) for a in arrays])


def _tests(report: Report) -> dict[str, TestResult]:
    """The passing tests with a learner record, by check id."""
    return {t.check.id: t for t in report.tests if t.verdict.status == "pass" and isinstance(t.got, dict)}


def _defaults(kata: str) -> dict[str, Any]:
    return dict(getattr(importlib.import_module(f"grader.checks.{module_name(kata)}"), "DEFAULTS", {}))


def _first_update(test: TestResult) -> tuple[np.ndarray, np.ndarray]:
    """The learner's first update of every element, and the gradient of that step, flattened."""
    plan = test.check.plan
    return _flat(test.got["steps"][0]["params"]) - _flat(plan["params"]), _flat(plan["grads"][0])


def _updates(test: TestResult) -> np.ndarray:
    """Every step's update of every element: shape (steps, elements)."""
    before = _flat(test.check.plan["params"])
    out = []
    for step in test.got["steps"]:
        after = _flat(step["params"])
        out.append(after - before)
        before = after
    return np.array(out)


# -- one function per kata ----------------------------------------------------------------------


def _adam(report: Report) -> Numbers:
    tests, d = _tests(report), _defaults("adam")
    lr, b1, b2, eps = d["lr"], d["beta1"], d["beta2"], d["eps"]
    out: Numbers = {"lr": _g(lr)}
    if "first-step" in tests:
        update, g = _first_update(tests["first-step"])
        raw = lr * (1 - b1) * g / (np.sqrt((1 - b2) * g * g) + eps)  # the same step without bias correction
        out.update(first_step_over_lr=_g(float(np.median(np.abs(update))) / lr, 4),
                   first_grad_min=_g(float(np.min(np.abs(g)))), first_grad_max=_g(float(np.max(np.abs(g)))),
                   uncorrected_over_lr=_g(float(np.median(np.abs(raw))) / lr, 4))
    if "tiny-gradients" in tests:
        update, g = _first_update(tests["tiny-gradients"])
        ratio = np.abs(update) / lr
        out.update(tiny_grad_min=_g(float(np.min(np.abs(g)))), tiny_grad_max=_g(float(np.max(np.abs(g)))),
                   tiny_step_min=_g(float(np.min(ratio))), tiny_step_max=_g(float(np.max(ratio))), eps=_g(eps))
    return out


def _momentum(report: Report) -> Numbers:
    tests, d = _tests(report), _defaults("momentum")
    lr, beta = d["lr"], d["beta"]
    out: Numbers = {"lr": _g(lr), "beta": _g(beta), "heavy_ball_factor": _g(1 / (1 - beta))}
    if "first-step" in tests:
        update, g = _first_update(tests["first-step"])
        keep = np.abs(g) > 0
        out["first_step_over_lr_g"] = _g(float(np.median(np.abs(update[keep]) / (lr * np.abs(g[keep])))), 4)
    if "large-gradients" in tests:
        test = tests["large-gradients"]
        sgd = np.array([lr * _flat(g) for g in test.check.plan["grads"]])
        mine = _updates(test)
        out.update(noise_steps=str(len(mine)),
                   noise_rms_ratio=_g(float(np.sqrt(np.sum(mine**2) / np.sum(sgd**2))), 2))
    return out


def _adamw(report: Report) -> Numbers:
    tests = _tests(report)
    out: Numbers = {}
    if "zero-gradient-decay" in tests:
        test = tests["zero-gradient-decay"]
        kw = test.check.plan["kwargs"]
        start, steps = _flat(test.check.plan["params"]), test.got["steps"]
        keep = np.abs(start) > 0
        factor = _flat(steps[0]["params"])[keep] / start[keep]
        left = _flat(steps[-1]["params"])[keep] / start[keep]
        out.update(zero_lr=_g(kw["lr"]), zero_wd=_g(kw["weight_decay"]), zero_factor=_g(float(np.median(factor)), 6),
                   zero_steps=str(len(steps)), zero_left=_g(float(np.median(left)), 4))
    if "decoupled-decay" in tests:
        out.update(_decay_against_l2(tests["decoupled-decay"]))
    return out


def _decay_against_l2(test: TestResult) -> Numbers:
    """How far the decay pulled a weight with tiny gradients and one with large gradients: the
    learner's AdamW against Adam + L2 (the catalogued mistake), each measured from plain Adam."""
    from grader import diagnose, drivers
    from solutions import adamw as ref
    from types import SimpleNamespace

    plan = test.check.plan
    plain = drivers.run({**plan, "kwargs": {**plan["kwargs"], "weight_decay": 0.0}}, SimpleNamespace(AdamW=ref.AdamW))
    coupled = diagnose.run_variant(next(m for m in diagnose.for_kata("adamw") if m.id == "adamw-coupled-l2"), plan)
    start = np.asarray(plan["params"][0], dtype=float)
    scales = np.median(np.abs(np.array([g[0] for g in plan["grads"]])), axis=0)
    small, large = int(np.argmin(scales)), int(np.argmax(scales))

    def pull(record: dict[str, Any], i: int) -> str:
        moved = plain["steps"][-1]["params"][0][i] - record["steps"][-1]["params"][0][i]
        return f"{100 * moved / start[i]:.3g}%"

    return {"decay_steps": str(len(plan["grads"])), "decay_lr": _g(plan["kwargs"]["lr"]),
            "decay_wd": _g(plan["kwargs"]["weight_decay"]),
            "small_grad": _g(float(scales[small]), 2), "large_grad": _g(float(scales[large]), 2),
            "mine_small": pull(test.got, small), "mine_large": pull(test.got, large),
            "l2_small": pull(coupled, small), "l2_large": pull(coupled, large)}


def _calls(test: TestResult) -> list[tuple[list[Any], dict[str, Any], Any]]:
    """(args, kwargs, returned) of every call of a calls-plan that returned."""
    return [(args, kw, r["returned"]) for (args, kw), r in zip(test.check.plan["calls"], test.got["results"])
            if "returned" in r]


def _schedules(report: Report) -> Numbers:
    tests = _tests(report)
    out: Numbers = {}
    if "peak" in tests:
        args, _, value = _calls(tests["peak"])[0]
        out.update(warmup_steps=str(args[1]), total_steps=str(args[2]), max_lr=_g(args[3], 6), lr_at_peak=_g(value, 6),
                   warmup_share=f"{100 * args[1] / args[2]:.2g}%")
    if "end" in tests:
        calls = _calls(tests["end"])
        out.update(lr_at_total=_g(calls[0][2], 6), lr_past_total=_g(calls[1][2], 6), past_total_step=str(calls[1][0][0]))
    if "cosine" in tests:
        for args, _, value in _calls(tests["cosine"]):
            if args[0] == (args[1] + args[2]) // 2:
                out.update(mid_step=str(args[0]), lr_mid_share=f"{100 * value / args[3]:.3g}%")
    if "step-decay" in tests:  # the calls with the default drop settings, in epoch order
        calls = sorted((a[1], v) for a, _, v in _calls(tests["step-decay"]) if len(a) == 2 and a[0] == 0.1)
        drop = next((i for i in range(1, len(calls)) if calls[i][1] < calls[i - 1][1]), None)
        if drop is not None:
            out.update(decay_before=_g(calls[drop - 1][1], 4), decay_last_flat=str(calls[drop - 1][0]),
                       decay_after=_g(calls[drop][1], 4), decay_drop_epoch=str(calls[drop][0]))
    return out


def _clipping(report: Report) -> Numbers:
    tests = _tests(report)
    fired = total = 0
    for test in tests.values():
        if test.check.plan.get("target") != "clip_grad_norm":
            continue
        for args, _, returned in _calls(test):
            if not isinstance(returned, (tuple, list)) or len(returned) != 2 or not args[0]:
                continue
            total += 1
            fired += any(not np.array_equal(np.asarray(a), np.asarray(b)) for a, b in zip(args[0], returned[0]))
    out: Numbers = {"fired": str(fired), "calls": str(total), "fired_share": f"{100 * fired / total:.3g}%"} if total else {}
    if "above" in tests:
        mine, per_array, norms = [], [], []
        for args, kw, (clipped, norm) in _calls(tests["above"]):
            g = _flat(args[0])
            mine.append(_angle(g, _flat(clipped)))
            per_array.append(_angle(g, _flat([a * min(1.0, kw["max_norm"] / np.linalg.norm(a)) for a in args[0]])))
            norms.append(float(np.linalg.norm(_flat(clipped))) / kw["max_norm"])
        out.update(angle_mine=f"{max(mine):.1g}", angle_per_array=f"{max(per_array):.3g}", clipped_norm_max=_g(max(norms), 9))
    return out


def _angle(a: np.ndarray, b: np.ndarray) -> float:
    """The angle between two vectors in degrees, accurate for tiny angles too."""
    a, b = a / np.linalg.norm(a), b / np.linalg.norm(b)
    return float(np.degrees(2 * np.arctan2(np.linalg.norm(a - b), np.linalg.norm(a + b))))


def _sgd(report: Report) -> Numbers:
    tests = _tests(report)
    if "train-delivery" not in tests:
        return {}
    args, kw, (w, b, losses) = _calls(tests["train-delivery"])[0]
    x, y = np.asarray(args[0], dtype=float), np.asarray(args[1], dtype=float)
    fit_w, fit_b = np.polyfit(x, y, 1)
    hessian = 2 * np.array([[np.mean(x * x), np.mean(x)], [np.mean(x), 1.0]])
    low, high = np.linalg.eigvalsh(hessian)
    lr, steps = kw["lr"], kw["steps"]
    return {"w": _g(w, 4), "b": _g(b, 4), "fit_w": _g(fit_w, 4), "fit_b": _g(fit_b, 4), "steps": str(steps), "lr": _g(lr),
            "loss_first": _g(losses[0], 5), "loss_last": _g(losses[-1], 4),
            "loss_fit": _g(float(np.mean((fit_w * x + fit_b - y) ** 2)), 4),
            "curvature_ratio": _g(high / low), "max_stable_lr": _g(2 / high),
            "slow_left": f"{100 * (1 - lr * low) ** steps:.2g}%"}


def _minibatch(report: Report) -> Numbers:
    tests = _tests(report)
    out: Numbers = {}
    for key, check in (("full", "batch-gd"), ("mini", "minibatch-gd"), ("single", "sgd")):
        if check not in tests:
            continue
        args, _, new_w = _calls(tests[check])[0]
        X, y, W, lr, size = (np.asarray(args[0], float), np.asarray(args[1], float), np.asarray(args[2], float),
                             args[3], args[4])
        loss = lambda v: float(np.mean((X @ np.asarray(v, float) - y) ** 2))  # noqa: E731
        out.update({f"{key}_lr": _g(lr), f"{key}_size": str(size), f"{key}_updates": str(-(-len(y) // size)),
                    f"{key}_before": _g(loss(W), 3), f"{key}_after": _g(loss(new_w), 3)})
        out["n"] = str(len(y))
    return out


def _training_loop(report: Report) -> Numbers:
    tests = _tests(report)
    out: Numbers = {}
    if "train" in tests:
        args, kw, (W, b, history) = _calls(tests["train"])[0]
        X, y = np.asarray(args[0], float), np.asarray(args[1], float)
        norms, losses = np.asarray(history["grad_norm"], float), np.asarray(history["loss"], float)
        max_norm = kw.get("max_norm", 1.0)  # the kata's pinned default when the check does not pass one
        share = float(np.mean(norms > max_norm))
        reading = ("it never fired, as there was no spike to catch" if share == 0 else
                   "it fired occasionally, as a guard against spikes should" if share < OFTEN else
                   "it fired often, which in a real run points at too high an lr or a problem upstream")
        out.update(steps=str(len(norms)), max_norm=_g(max_norm), clip_share=f"{100 * share:.3g}%", clip_reading=reading,
                   norm_median=_g(float(np.median(norms))), norm_max=_g(float(np.max(norms))),
                   window=str(WINDOW), loss_start=_g(float(losses[:WINDOW].mean())), loss_end=_g(float(losses[-WINDOW:].mean())),
                   train_accuracy=f"{100 * np.mean((X @ np.asarray(W, float) + b > 0) == (y > 0.5)):.3g}%")
    if "finite-differences" in tests:
        from solutions import training_loop as ref

        worst = 0.0
        for args, _, (d_W, d_b) in _calls(tests["finite-differences"]):
            X, y, W, b = (np.asarray(args[0], float), np.asarray(args[1], float), np.asarray(args[2], float), args[3])
            loss = lambda W, b: float(-np.mean(y * np.log(ref.sigmoid(X @ W + b)) + (1 - y) * np.log(1 - ref.sigmoid(X @ W + b))))  # noqa: E731
            h = 1e-6
            fd = [(loss(W + h * e, b) - loss(W - h * e, b)) / (2 * h) for e in np.eye(len(W))]
            fd.append((loss(W, b + h) - loss(W, b - h)) / (2 * h))
            mine = np.append(np.asarray(d_W, float), d_b)
            worst = max(worst, float(np.max(np.abs(mine - fd) / np.maximum(np.abs(fd), 1e-12))))
        out["fd_agreement"] = _g(worst, 2)
    if "sigmoid" in tests:
        args, _, values = _calls(tests["sigmoid"])[0]
        z, s = np.asarray(args[0], float), np.asarray(values, float)
        out.update(sigmoid_low=_g(float(s[np.argmin(z)])), sigmoid_high=_g(float(s[np.argmax(z)])),
                   z_low=_g(float(np.min(z)), 6), z_high=_g(float(np.max(z)), 6))
    return out


COMPUTE: dict[str, Callable[[Report], Numbers]] = {
    "sgd": _sgd, "minibatch": _minibatch, "momentum": _momentum, "adam": _adam, "adamw": _adamw,
    "schedules": _schedules, "clipping": _clipping, "training-loop": _training_loop,
}
