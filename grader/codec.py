"""Data that crosses the process boundary: JSON with arrays and odd objects spelled out.

Only plain data travels between the learner's child process and the grader, never pickles:
the parent decodes what the child says without running any of its code.
"""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np

_json_dumps = json.dumps  # bound now: learner code imported later may patch the json module

MAX_ITEMS = 100_000  # longest list or array the child may send back, in elements
MAX_REPR = 200  # characters kept of the repr of an object that is not plain data
MAX_DEPTH = 20


def encode(value: Any, depth: int = 0) -> Any:
    """Turn a value into JSON-safe data; anything unexpected becomes a described object."""
    if depth > MAX_DEPTH:
        return {"__obj__": "too deeply nested", "repr": ""}
    if value is None or isinstance(value, (bool, np.bool_)):
        return None if value is None else bool(value)
    if isinstance(value, str):
        return value[: MAX_REPR * 10]
    if isinstance(value, (int, np.integer)):
        return {"__int__": str(int(value))} if abs(int(value)) > 2**53 else int(value)
    if isinstance(value, (np.floating, np.complexfloating)) and not isinstance(value, np.float64):
        return {"__obj__": f"numpy {np.dtype(type(value)).name} scalar", "repr": _short_repr(value)}
    if isinstance(value, (float, np.float64)):
        return float(value)
    if isinstance(value, np.ndarray):
        if value.size > MAX_ITEMS:
            return {"__obj__": f"ndarray of {value.size} elements (too large)", "repr": ""}
        if value.dtype.kind in "biu":
            return {"__nd__": value.dtype.name, "shape": list(value.shape), "data": value.ravel().tolist()}
        if value.dtype.kind == "f":
            return {"__nd__": value.dtype.name, "shape": list(value.shape), "data": value.astype(float).ravel().tolist()}
        return {"__obj__": f"ndarray of dtype {value.dtype}", "repr": _short_repr(value)}
    if isinstance(value, (list, tuple)):
        if len(value) > MAX_ITEMS:
            return {"__obj__": f"{type(value).__name__} of {len(value)} items (too long)", "repr": ""}
        items = [encode(v, depth + 1) for v in value]
        return {"__tuple__": items} if isinstance(value, tuple) else items
    if isinstance(value, dict) and all(isinstance(k, str) for k in value) and len(value) <= MAX_ITEMS:
        return {"__dict__": {k: encode(v, depth + 1) for k, v in value.items()}}
    return {"__obj__": type(value).__name__, "repr": _short_repr(value)}


def _short_repr(value: Any) -> str:
    try:
        text = repr(value)
    except Exception as exc:  # a learner's __repr__ may raise
        text = f"<repr failed: {type(exc).__name__}>"
    return text[:MAX_REPR]


class Opaque:
    """A value the learner returned that is not plain data, shown by its type and repr."""

    def __init__(self, kind: str, text: str) -> None:
        self.kind, self.text = kind, text

    def __repr__(self) -> str:
        return f"<{self.kind}: {self.text}>" if self.text else f"<{self.kind}>"


def decode(data: Any) -> Any:
    """Inverse of encode: arrays come back as float64 arrays of their shape."""
    if isinstance(data, list):
        return [decode(v) for v in data]
    if not isinstance(data, dict):
        return data
    if "__nd__" in data:
        dtype = np.dtype(data["__nd__"])
        if dtype.kind in "biu":  # integer and boolean arrays keep their dtype (index arrays)
            return np.array(data["data"], dtype=dtype).reshape(data["shape"])
        array = np.array(data["data"], dtype=float).reshape(data["shape"])
        return array if dtype == np.float64 else TypedArray(array, dtype.name)
    if "__tuple__" in data:
        return tuple(decode(v) for v in data["__tuple__"])
    if "__dict__" in data:
        return {k: decode(v) for k, v in data["__dict__"].items()}
    if "__int__" in data:
        return int(data["__int__"])
    if "__obj__" in data:
        return Opaque(str(data["__obj__"]), str(data.get("repr", "")))
    raise ValueError(f"unknown encoded value with keys {sorted(data)[:5]}")


class TypedArray:
    """An array the learner returned in a dtype other than float64; values kept as float64."""

    def __init__(self, array: np.ndarray, dtype: str) -> None:
        self.array, self.dtype = array, dtype

    def __repr__(self) -> str:
        return f"{self.dtype} array {self.array!r}"


def dumps(value: Any) -> str:
    """One line of JSON (NaN and inf allowed: both ends are this module)."""
    return _json_dumps(value, allow_nan=True, separators=(",", ":"))



def encode_request(kata: str, file: str, checks: list[tuple[str, dict[str, Any]]]) -> str:
    """The child's input: which file to import and the plans to run, in order."""
    return dumps({"kata": kata, "file": file, "checks": [{"id": i, "plan": encode(p)} for i, p in checks]})


def decode_request(text: str) -> dict[str, Any]:
    request = json.loads(text)
    for check in request["checks"]:
        check["plan"] = decode(check["plan"])
    return request
