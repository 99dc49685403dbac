"""The katas: metadata from katas/catalog.toml, stub texts, and resource limits."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources

from grader.sandbox import Limits

SUPPORTED_FORMAT = 1


@dataclass(frozen=True)
class Kata:
    name: str
    title: str
    summary: str
    implement: tuple[str, ...]
    hints: tuple[str, ...]
    limits: Limits = field(default_factory=Limits)

    @property
    def module(self) -> str:
        """The Python name of the kata's stub, reference and checks ("training-loop" → "training_loop")."""
        return module_name(self.name)

    def stub(self) -> str:
        return resources.files("katas").joinpath(f"{self.module}.py").read_text(encoding="utf-8")

    def solution(self) -> str:
        return resources.files("solutions").joinpath(f"{self.module}.py").read_text(encoding="utf-8")


def module_name(kata: str) -> str:
    return kata.replace("-", "_")


class CatalogError(Exception):
    """The shipped catalog is unreadable: a packaging bug, never the learner's doing."""


def load() -> dict[str, Kata]:
    """Every kata, in teaching order."""
    text = resources.files("katas").joinpath("catalog.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    if data.get("format_version") != SUPPORTED_FORMAT:
        raise CatalogError(f"catalog format {data.get('format_version')!r}, expected {SUPPORTED_FORMAT}")
    katas = {}
    for entry in data["kata"]:
        limits = Limits(**entry.get("limits", {}))
        katas[entry["name"]] = Kata(entry["name"], entry["title"], entry["summary"], tuple(entry["implement"]),
                                    tuple(entry["hints"]), limits)
    return katas
