"""Hidden checks of the `sgd` kata."""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.checks import Check, Record, call_plan, calls_view, raised

DELIVERY_X = np.array([2.0, 5.0, 10.0, 3.0, 8.0])
DELIVERY_Y = np.array([15.0, 30.0, 55.0, 18.0, 48.0])


def _data(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    x = rng.uniform(0.5, 12.0, n)
    return x, 4.0 * x + 2.0 + rng.standard_normal(n) * 3.0


def train_view(record: Record) -> list[Any]:
    """Final w and b first (the headline), then the loss curve."""
    out = []
    for r in record["results"]:
        got = r.get("returned")
        if isinstance(got, (list, tuple)) and len(got) == 3:
            out.append([got[0], got[1], got[2]])
        else:
            out.append(got if "returned" in r else raised(r))
    return out


def build(seed: int) -> list[Check]:
    rng = np.random.default_rng([seed, 1])
    x, y = _data(rng, 8)
    points = [(float(rng.uniform(-3, 6)), float(rng.uniform(-5, 5))) for _ in range(4)]
    labels = ("call {n}",)

    def check(id: str, name: str, rule: str, target: str, calls: list[tuple[list[Any], dict[str, Any]]], look: str,
              **kw: Any) -> Check:
        return Check(id, name, rule, call_plan(target, calls), look, view=kw.pop("view", calls_view),
                     labels=kw.pop("labels", labels), **kw)

    return [
        check("loss-delivery", "the loss at w = b = 0 on the delivery data", "mse_loss is mean((w·x + b − y)²)",
              "mse_loss", [([0.0, 0.0, DELIVERY_X, DELIVERY_Y], {})], "the mean of the squared errors"),
        check("loss", "the loss at random points on other data", "mse_loss is mean((w·x + b − y)²)",
              "mse_loss", [([w, b, x, y], {}) for w, b in points], "the sign and the square of the error"),
        check("gradients", "the gradients at random points", "dL/dw = mean(2(ŷ − y)·x), dL/db = mean(2(ŷ − y))",
              "mse_gradients", [([w, b, x, y], {}) for w, b in points] + [([1.0, 1.0, DELIVERY_X, DELIVERY_Y], {})],
              "the factor 2, the mean, the sign of the error, and which gradient has the factor x",
              labels=("call {n}", ("first value", "second value"))),
        check("l2", "the gradients with an L2 penalty", "l2 adds 2·l2·w to dL/dw and nothing to dL/db",
              "mse_gradients", [([w, b, x, y], {"l2": lam}) for (w, b), lam in zip(points, (0.1, 0.5, 0.01, 2.0))],
              "the L2 term: its factor, and that the bias is not penalised", labels=("call {n}", ("first value", "second value"))),
        check("step", "one SGD step", "sgd_step returns (w − lr·d_w, b − lr·d_b)",
              "sgd_step", [([w, b, float(rng.normal()), float(rng.normal()), lr], {}) for (w, b), lr in zip(points, (0.1, 0.001, 1.0, 0.03))],
              "the direction of the step", labels=("call {n}", ("first value", "second value"))),
        check("train-delivery", "500 steps at lr = 0.001 on the delivery data", "train starts at w = b = 0; "
              "losses[i] is the loss before step i's update",
              "train", [([DELIVERY_X, DELIVERY_Y], {"lr": 0.001, "steps": 500})],
              "the order inside the loop: record the loss, compute the gradients, then step",
              view=train_view, labels=("call {n}", ("w", "b", "losses"), "losses[{i}]")),
        check("train-l2", "training with an L2 penalty on other data", "train passes l2 to the gradients",
              "train", [([x, y], {"lr": 0.004, "steps": 60, "l2": 0.3})], "that train uses l2 in every step",
              view=train_view, labels=("call {n}", ("w", "b", "losses"), "losses[{i}]")),
    ]
