"""The figures in a source's wording: "at least 63", "some 8.41 million", "one in ten".

`said` gives a claim's value in the source's own words, so it must say the same thing as the
value: the same numbers, hedged the same way. This module reads the numbers (digits, or number
words up to billions, and ratios such as "one in ten" or a lone "half" as percentages), the
hedge word that stands before each, and a loss worded before one ("lost eight") as a negative
change, so that the check can compare them with the value.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal

_UNITS = {
    word: n
    for n, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS = {
    word: 10 * n
    for n, word in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], 2
    )
}
_SCALES = {"thousand": 1000, "million": 10**6, "billion": 10**9}
_ABBREVIATED = {"k": "thousand", "m": "million", "mn": "million", "bn": "billion"}
"""Scale words as headlines shorten them, read only straight after digits: "$1.2bn"."""
_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+|[a-z]+")

_HEDGE_WORDS = {
    "about": "about|around|roughly|approximately|approx|some|an estimated|estimated|close to",
    "nearly": "nearly|almost|just under|just below|just shy of|not quite|slightly less than"
    "|slightly under|a little under|a little less than",
    "just_over": "just over|just above|just more than|slightly more than|slightly over"
    "|a little over|a little more than",
    "more_than": "more than|over|above|upwards of|in excess of|exceeding|greater than",
    "at_least": "at least|no fewer than|no less than|not less than|not fewer than|a minimum of",
    "at_most": "at most|up to|no more than|not more than|a maximum of|as many as",
    "less_than": "less than|fewer than|under|below",
    "between": "between",
}
_HEDGE = re.compile(
    r"(?:^|[^a-z])(?:"
    + "|".join(f"(?P<{name}>{words})" for name, words in _HEDGE_WORDS.items()).replace(" ", r"\s+")
    + r")\s*$"
)
_LOSS = re.compile(
    r"(?:^|[^a-z])(?:lost|lose|loses|losing|shed|sheds|shedding|fell\s+by|dropped\s+by"
    r"|down\s+by|a\s+loss\s+of|a\s+drop\s+of|a\s+fall\s+of)\s*$"
)
"""A loss worded before a figure makes it a negative change: "lost eight seats" is -8."""
_HALF = Decimal(50)
"""A lone "half" ("more than half of the vote") is the percentage 50, read as a ratio."""
_RANGE_JOINS = frozenset({"-", "\u2013", "to"})
_CURRENCY = re.compile(r"\s*(?:(?:u\.?\s?s\.?\s*)?\$|us\$|usd|eur|€|£|riels?)\s*$")


@dataclass(frozen=True, slots=True)
class Spoken:
    """A number found in a wording, the hedge word before it ("" for none), whether it
    is a ratio ("one in ten", read as the percentage 10), and whether it is a lone "half",
    which is a percentage only where the value is one ("half of the 64 observers" is 32)."""

    number: Decimal
    hedge: str
    ratio: bool = False
    half: bool = False


@functools.lru_cache(maxsize=4096)
def spoken_figures(text: str) -> tuple[Spoken, ...]:
    """The numbers in `text`, each with the hedge that stands before it (cached: corpora
    repeat their wordings)."""
    lowered = text.lower()
    phrases = _phrases(lowered)
    out: list[Spoken] = []
    previous_end = 0
    index = 0
    while index < len(phrases):
        number, start, end = phrases[index]
        ratio = False
        joined = ""
        if index + 1 < len(phrases):
            following, next_start, next_end = phrases[index + 1]
            joined = _CURRENCY.sub("", lowered[end:next_start]).strip()
            if joined == "in" and following != 0:
                number, end, ratio = number * 100 / following, next_end, True
                index += 1
        before = _CURRENCY.sub("", lowered[previous_end:start])
        found = _HEDGE.search(before)
        hedge = next((k for k, v in found.groupdict().items() if v), "") if found else ""
        half = lowered[start:end] == "half"
        ratio = ratio or half
        if not ratio and _LOSS.search(before[: found.start()] if found else before):
            number = -number
        if not hedge and not ratio and joined in _RANGE_JOINS:
            hedge = "between"  # "5-10", "5 to 10", "from 5 to 10"
        out.append(Spoken(number, hedge, ratio, half))
        previous_end = end
        index += 1
    return tuple(out)


def _phrases(lowered: str) -> list[tuple[Decimal, int, int]]:
    """Runs of number tokens as (value, start, end)."""
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(lowered)]
    words = [token for token, _, _ in tokens] + ["", ""]
    out: list[tuple[Decimal, int, int]] = []
    reader = _PhraseReader()
    index = 0
    while index < len(tokens):
        token, start, end = tokens[index]
        following = words[index + 1]
        if reader.current is not None and words[index : index + 3] == ["and", "a", "half"]:
            reader.current += Decimal("0.5")  # "two and a half million"
            reader.end = tokens[index + 2][2]
            index += 3
            continue
        if token == "half" and following in ("a", "an") and words[index + 2] in _SCALES:
            reader.flush(out)
            reader.take("a", words[index + 2], start, end)  # "half a million"
            reader.current = Decimal("0.5")
            index += 2
            continue
        if token == "half" and reader.current is None:
            reader.flush(out)
            out.append((_HALF, start, end))  # "more than half"
            index += 1
            continue
        counted = _word_value(following) is None and following not in ("hundred", *_SCALES)
        if index and words[index - 1] == "and" and token in ("a", "an") and counted:
            reader.flush(out)
            out.append((Decimal(1), start, end))  # "two chiefs and an officer"
            index += 1
            continue
        if not reader.take(token, following, start, end):
            reader.flush(out)
            reader.take(token, following, start, end)
        index += 1
    reader.flush(out)
    return out


class _PhraseReader:
    """Reads one number phrase a token at a time ("two hundred and five thousand", "8.41
    million"); `take` says whether the token belongs to the phrase under way."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.total = Decimal(0)
        self.current: Decimal | None = None
        self.last = ""
        self.start = -1
        self.end = -1

    def _begin(self, start: int) -> None:
        if self.start < 0:
            self.start = start

    def take(self, token: str, following: str, start: int, end: int) -> bool:
        if self.last == "digits" and token in _ABBREVIATED:
            token = _ABBREVIATED[token]
        value = _word_value(token)
        started = self.start >= 0
        if value is not None:
            if self.current is not None and not self._joins(value, token):
                return False
            self._begin(start)
            self.current = value if self.current is None else self.current + value
        elif token in ("a", "an") and not started and following in ("hundred", *_SCALES):
            self._begin(start)
            self.current = Decimal(1)
        elif token == "hundred" and self.current is not None and self.last != "hundred":
            self.current *= 100
        elif token in _SCALES and (self.current is not None or self.total):
            self.total += (self.current or Decimal(0)) * _SCALES[token]
            self.current = None
        elif token == "and" and self.last in ("hundred", *_SCALES) and _word_value(following):
            self.last = "and"
            return True
        else:
            return False
        self.last = "digits" if token[0].isdigit() or token[0] == "." else token
        self.end = end
        return True

    def _joins(self, value: Decimal, token: str) -> bool:
        """Whether a number word continues the phrase: "twenty three", "hundred and five"."""
        if self.last in _TENS and token in _UNITS and 0 < value < 10:
            return True
        return self.last in ("hundred", "and", *_SCALES) and token in (*_UNITS, *_TENS)

    def flush(self, out: list[tuple[Decimal, int, int]]) -> None:
        if self.start >= 0:
            out.append((self.total + (self.current or Decimal(0)), self.start, self.end))
        self.reset()


def _word_value(token: str) -> Decimal | None:
    if not token:
        return None
    if token[0].isdigit() or token[0] == ".":
        digits = token.replace(",", "")
        return Decimal(digits) if digits.strip(".") else None
    if token in _UNITS:
        return Decimal(_UNITS[token])
    if token in _TENS:
        return Decimal(_TENS[token])
    return None
