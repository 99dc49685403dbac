"""Find where a learner's record first parts from the expected one."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from grader.codec import Opaque, TypedArray


@dataclass(frozen=True)
class Raised:
    """A call that raised, in a view: a marker no value returned by a learner can equal."""

    type: str

    def __repr__(self) -> str:
        return f"raises {self.type}"


@dataclass
class Difference:
    """The first place where got and expected part, with the two values there."""

    where: list[str]
    expected: Any
    got: Any
    kind: str  # "value", "shape", "type", "length"

    @property
    def place(self) -> str:
        return ", ".join(self.where) if self.where else "the result"


def close(got: float, expected: float, rtol: float, atol: float) -> bool:
    """|got − expected| ≤ atol + rtol·|expected|; NaN matches only NaN, inf only the same inf."""
    if math.isnan(expected) or math.isnan(got):
        return math.isnan(expected) and math.isnan(got)
    if math.isinf(expected) or math.isinf(got):
        return got == expected
    return abs(got - expected) <= atol + rtol * abs(expected)


def _number(value: Any) -> float | None:
    """A learner's scalar as a float: Python numbers, and 0-d or one-element float64 arrays."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, np.ndarray) and value.size == 1 and value.ndim <= 1:
        return float(value.reshape(()))
    return None


def describe(value: Any) -> str:
    """A short description of a value's type, for 'expected a float, got …' messages."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    if isinstance(value, TypedArray):
        return f"a {value.dtype} array of shape {value.array.shape} (float64 expected)"
    if isinstance(value, Opaque):
        return value.kind
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of {len(value)} items"
    if isinstance(value, Raised):
        return f"an exception ({value.type})"
    return type(value).__name__ if value is not None else "None"


def first_difference(
    expected: Any, got: Any, rtol: float, atol: float, labels: Sequence[Any] = (), where: list[str] | None = None
) -> Difference | None:
    """Walk both values in order; labels name the list levels ("step {n}", "params[{i}]", or one name per item)."""
    where = where or []
    if isinstance(expected, np.ndarray) and expected.ndim > 0:
        if not isinstance(got, np.ndarray):
            return Difference(where, expected, got, "type")
        if got.shape != expected.shape:
            return Difference(where, expected, got, "shape")
        bad = np.argwhere(~np.isclose(got, expected, rtol=rtol, atol=atol, equal_nan=True))
        if len(bad):
            idx = tuple(int(i) for i in bad[0])
            return Difference(where + [f"index {list(idx)}"], float(expected[idx]), float(got[idx]), "value")
        return None
    if isinstance(expected, (int, float, np.ndarray)) and not isinstance(expected, bool):
        number = _number(got)
        if number is None:
            return Difference(where, expected, got, "type")
        if not close(number, float(expected), rtol, atol):
            return Difference(where, float(expected), number, "value")
        return None
    if isinstance(expected, (list, tuple)):
        if not isinstance(got, (list, tuple)):
            return Difference(where, expected, got, "type")
        if len(got) != len(expected):
            return Difference(where, expected, got, "length")
        label, rest = (labels[0], labels[1:]) if labels else ("[{i}]", ())
        for i, (e, g) in enumerate(zip(expected, got)):
            name = label[i] if not isinstance(label, str) and i < len(label) else str(label).format(i=i, n=i + 1)
            diff = first_difference(e, g, rtol, atol, rest, where + [name])
            if diff:
                return diff
        return None
    if isinstance(expected, Raised):
        return None if isinstance(got, Raised) and got.type == expected.type else Difference(where, expected, got, "value")
    if isinstance(expected, str):
        return None if isinstance(got, str) and got == expected else Difference(where, expected, got, "value")
    if expected is None:
        return None if got is None else Difference(where, expected, got, "type")
    if isinstance(expected, bool):
        return None if got is expected else Difference(where, expected, got, "value")
    raise TypeError(f"cannot compare expected value of type {type(expected).__name__}")
