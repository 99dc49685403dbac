"""Hidden checks of the `clipping` kata."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import numpy as np

from grader.checks import Check, Record, call_plan, calls_view, raised
from solutions import clipping as ref


def references() -> dict[str, Any]:
    return {
        "scale only above max_norm": SimpleNamespace(clip_grad_norm=ref.clip_grad_norm),
        "PyTorch's form, always × min(1, max_norm/(norm + 1e-6))": SimpleNamespace(clip_grad_norm=ref.clip_grad_norm_torch_style),
    }


def _grads(rng: np.random.Generator, norm: float) -> list[np.ndarray]:
    """Three arrays of mixed shapes and scales whose global L2 norm is `norm` (0 for zeros)."""
    grads = [rng.standard_normal(3) * 10.0, rng.standard_normal((2, 2)) * 0.01, rng.standard_normal(1)]
    current = float(np.sqrt(sum(float(np.sum(g * g)) for g in grads)))
    return [g * (norm / current) for g in grads]


def clipped_view(record: Record) -> list[Any]:
    return [r["returned"][0] if isinstance(r.get("returned"), (list, tuple)) and r["returned"] else r.get("returned", raised(r))
            for r in record["results"]]


def norm_view(record: Record) -> list[Any]:
    return [r["returned"][1] if isinstance(r.get("returned"), (list, tuple)) and len(r["returned"]) > 1 else r.get("returned", raised(r))
            for r in record["results"]]


def build(seed: int) -> list[Check]:
    rng = np.random.default_rng([seed, 6])
    labels = ("call {n}", "grads[{i}]")

    def check(id: str, name: str, rule: str, calls: list[tuple[list[Any], dict[str, Any]]], look: str,
              view: Any = clipped_view, names: Any = labels, **options: Any) -> Check:
        return Check(id, name, rule, call_plan("clip_grad_norm", calls, **options), look, view=view, labels=names)

    exact = _grads(rng, 1.0)
    at_norm = float(np.sqrt(sum(float(np.sum(g * g)) for g in exact)))
    above = [([_grads(rng, n)], {"max_norm": m}) for n, m in ((5.0, 1.0), (1e3, 1.0), (2.5, 0.5), (1e-3 * 3, 1e-3))]
    return [
        check("below", "global norm below max_norm", "at or below max_norm the values are returned unchanged",
              [([_grads(rng, n)], {"max_norm": 1.0}) for n in (0.3, 0.9)] + [([_grads(rng, 4.0)], {"max_norm": 5.0})],
              "the comparison with max_norm: small gradients are never scaled up"),
        check("above", "global norm above max_norm, mixed shapes and scales",
              "every array × max_norm/(total_norm + 1e-6): one factor, so the direction is kept",
              above, "the scale factor, and that one factor is applied to every array"),
        check("norm", "the norm returned", "total_norm is one L2 norm over all arrays, from before clipping",
              above + [([_grads(rng, 0.4)], {"max_norm": 1.0})], "what total_norm is computed from, and when",
              view=norm_view),
        check("at-threshold", "global norm exactly max_norm", "at max_norm the values are unchanged "
              "(PyTorch's factor max_norm/(norm + 1e-6) is accepted too)",
              [([exact], {"max_norm": at_norm})], "the comparison with max_norm (> against >=)"),
        check("zeros", "all-zero gradients", "a zero norm returns zeros and 0.0, with no division by zero",
              [([[np.zeros(3), np.zeros((2, 2))]], {"max_norm": 1.0})], "the norm 0 case", view=lambda r: [clipped_view(r), norm_view(r)], names=(("the clipped gradients", "total_norm"), "call {n}", "grads[{i}]")),
        check("twice", "clipping the clipped gradients again", "clipping twice changes nothing",
              [([_grads(rng, 7.0)], {"max_norm": 2.0})], "whether the clipped norm lands at or under max_norm",
              view=lambda r: [x["again"][0] if isinstance(x.get("again"), (list, tuple)) else x.get("again", raised(x)) for x in r["results"]], again=True),
        check("caller-untouched", "the caller's arrays after the call", "the caller's arrays are not modified",
              [([_grads(rng, 9.0)], {"max_norm": 1.0})], "in-place operations (*=) on the input arrays",
              view=lambda r: [x["args_after"] for x in r["results"]], args_after=True),
        check("new-arrays", "whether the returned arrays are new", "clip_grad_norm returns new arrays, never the "
              "caller's own (or views of them), below the threshold as above it",
              [([_grads(rng, n)], {"max_norm": 1.0}) for n in (0.5, 3.0)], "what you return when no scaling is needed",
              view=lambda r: [x.get("aliases", raised(x)) for x in r["results"]], aliasing=True),
        check("empty", "an empty list of gradients", "clip_grad_norm([]) returns ([], 0.0)",
              [([[]], {"max_norm": 1.0})], "the empty case", view=lambda r: [clipped_view(r), norm_view(r)], names=(("the clipped gradients", "total_norm"), "call {n}", "grads[{i}]")),
        check("non-finite", "a NaN or an inf in a gradient", "a non-finite total norm raises ValueError",
              [([[np.array([1.0, np.nan]), np.ones(2)]], {"max_norm": 1.0}), ([[np.array([np.inf, 1.0])]], {"max_norm": 1.0})],
              "a check of the norm with np.isfinite before scaling", view=calls_view, names=("call {n}",)),
    ]
