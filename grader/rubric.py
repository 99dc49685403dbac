"""Score a typed answer against a visible rubric, offline: key points covered or missed, red flags.

Both the answer and the rubric's phrasings are normalised the same way (lower case, symbols such as
β, λ, √ spelled out, "learning rate" → "lr", "warm-up" → "warmup", "n't" → " not", "%" → "percent")
and the answer is split into sentences. A phrasing is a list of terms separated by spaces; a term
lists alternatives separated by "/"; an alternative is one word, or several joined by "+" that must
follow each other; a word ending in "*" matches any word it begins, and a plain word also matches
its plural (s, es). A phrasing matches when every term occurs in one sentence.

- A key point is covered when any of its phrasings matches, its terms in any order.
- A red flag is raised when any of its phrasings matches with its terms in the written order, in a
  sentence that has no negation cue (not, never, rather, instead, unlike, …) and none of the flag's
  own `unless` words.

points = max(0, covered − red flags); the score is points / number of key points.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable, Sequence

SYMBOLS = {"β": " beta ", "λ": " lambda ", "√": " sqrt ", "ε": " eps ", "ϵ": " eps ", "η": " lr ", "α": " alpha ",
           "×": " times ", "−": "-", "–": "-", "—": " - ", "%": " percent ", "≈": " approx ", "’": "'", "ℓ": "l",
           "²": "2", "ᵗ": "t"}
PHRASES = [(r"learning[\s_-]*rates?", "lr"), (r"\bwarm[\s_-]+up", "warmup"), (r"n't\b", " not"), (r"\bcannot\b", "can not"),
           (r"\bmini[\s_-]+batch", "minibatch"), (r"\bfine[\s_-]+tun", "finetun"), (r"\bl[\s-]?([12])\b", r"l\1"),
           (r"\bepsilon\b", "eps"), (r"\bgrads?\b", "gradient")]
NEGATIONS = frozenset({"not", "never", "rather", "instead", "unlike", "myth", "misconception", "wrong", "false",
                       "incorrect", "contrary", "opposite"})
_TOKEN = re.compile(r"\d+(?:\.\d+)?(?:e-?\d+)?|[a-z][a-z0-9]*")
_SENTENCE = re.compile(r"[!?;]+|\.(?!\d)|\n\s*\n|\n\s*[-*•]\s")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", "".join(SYMBOLS.get(c, c) for c in text)).lower()
    for pattern, replacement in PHRASES:
        text = re.sub(pattern, replacement, text)
    return text


def words(text: str) -> list[str]:
    return _TOKEN.findall(normalise(text))


def sentences(text: str) -> list[tuple[str, list[str]]]:
    """The answer as sentences: each as written (for the feedback) and as normalised words."""
    return [(" ".join(part.split()), found) for part in _SENTENCE.split(text) if (found := words(part))]


Alternative = tuple[str, ...]  # words that must follow each other
Term = tuple[Alternative, ...]  # any one of these


@dataclass(frozen=True)
class Phrase:
    text: str
    terms: tuple[Term, ...]


def compile_phrase(text: str) -> Phrase:
    terms = []
    for term in text.split():
        alternatives = []
        for alt in filter(None, term.split("/")):
            seq: list[str] = []
            for w in alt.split("+"):
                tokens = words(w.rstrip("*"))
                if not tokens:
                    raise ValueError(f"no word in {w!r} of phrasing {text!r}")
                seq += tokens[:-1] + [tokens[-1] + ("*" if w.endswith("*") else "")]
            alternatives.append(tuple(seq))
        if not alternatives:
            raise ValueError(f"empty term in phrasing {text!r}")
        terms.append(tuple(alternatives))
    if not terms:
        raise ValueError("an empty phrasing")
    return Phrase(text, tuple(terms))


def _word(pattern: str, word: str) -> bool:
    if pattern.endswith("*"):
        return word.startswith(pattern[:-1])
    return word == pattern or word == pattern + "s" or word == pattern + "es"


def _ends(alternative: Alternative, words: Sequence[str], start: int) -> Iterable[int]:
    """End positions of every occurrence of `alternative` beginning at or after `start`."""
    n = len(alternative)
    for i in range(start, len(words) - n + 1):
        if all(_word(p, w) for p, w in zip(alternative, words[i:i + n])):
            yield i + n


def matches(phrase: Phrase, words: Sequence[str], ordered: bool) -> bool:
    if not ordered:
        return all(any(next(iter(_ends(alt, words, 0)), None) is not None for alt in term) for term in phrase.terms)
    position = 0
    for term in phrase.terms:  # the earliest end of each term in turn: optimal for a subsequence
        ends = [e for alt in term if (e := next(iter(_ends(alt, words, position)), None)) is not None]
        if not ends:
            return False
        position = min(ends)
    return True


@dataclass(frozen=True)
class Point:
    id: str
    label: str
    phrases: tuple[Phrase, ...]


@dataclass(frozen=True)
class RedFlag:
    id: str
    label: str
    why: str
    phrases: tuple[Phrase, ...]
    unless: tuple[str, ...] = ()


@dataclass
class Score:
    covered: list[tuple[Point, str]] = field(default_factory=list)  # with the sentence that covered it
    missed: list[Point] = field(default_factory=list)
    flags: list[tuple[RedFlag, str]] = field(default_factory=list)  # with the sentence that raised it

    @property
    def total(self) -> int:
        return len(self.covered) + len(self.missed)

    @property
    def points(self) -> int:
        return max(0, len(self.covered) - len(self.flags))

    @property
    def percent(self) -> int:
        return round(100 * self.points / self.total) if self.total else 0


def score(answer: str, points: Sequence[Point], flags: Sequence[RedFlag]) -> Score:
    said = sentences(answer)
    result = Score()
    for point in points:
        hit = next((text for text, s in said for p in point.phrases if matches(p, s, ordered=False)), None)
        if hit is None:
            result.missed.append(point)
        else:
            result.covered.append((point, hit))
    for flag in flags:
        for text, s in said:
            if any(w in NEGATIONS for w in s) or any(_word(u, w) for u in flag.unless for w in s):
                continue
            if any(matches(p, s, ordered=True) for p in flag.phrases):
                result.flags.append((flag, text))
                break
    return result
