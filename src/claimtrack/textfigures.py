"""The figures in a text: numbers (in digits or in words), percentages, ratios, money, dates
and weekdays, each with its span and what it reads as.

A lexer cuts the text into tokens (digit runs, words, single symbols) and small productions
read a figure from the tokens at a place where one can start (a digit, a currency sign, a
number word, a month or a weekday). Reading from tokens, not characters, is what keeps
"Decrease" from being a month and "2013" from being a day; looking at what a number is glued to
is what tells a figure from a footnote marker ("[1]"), a time ("11:30am"), an ordinal ("2nd"),
or part of a name or file ("COVID-19", "photo-111417.jpg").

Listed:   68 · 1,063 · 83.02 per cent · 5.5% · -3 · U.S. $2,500 · $1.2 million · 10 euros ·
          one million · twenty-one · two hundred and five · a dozen · tens of thousands ·
          1 in 10 · one out of every five · July 28 · Sept. 14-15 · 28 July 2013 ·
          14th of January · July 2013 · June · 2013-07-28 · 1998 · the 1990s · Sunday
Also:     2:1 (a score) · 1/3 (a fraction, as a percentage) · 7/28/2013 (read both ways where
          both are dates) · 2013/14 · +5%
Not listed: Decrease (a word) · [1] · 11:30am · 8 p.m. · 1st · second · no one · one another ·
          one side · a one-party state ·
          IMG_2041 · 3151aab1 · COVID-19 · 1.2.3 · May (alone: the verb as often as the month)

Each run of the scan starts at the next place a figure could start and consumes what it read,
so the whole text is read once: linear in its length.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name}
_ABBREVIATED = {
    **{name[:3]: i for name, i in MONTHS.items() if name != "May"},
    "Sept": 9,
}
WEEKDAYS = {name: i for i, name in enumerate(calendar.day_name)}
_UNIT_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)  # fmt: skip
_UNITS = {word: i for i, word in enumerate(_UNIT_WORDS)}
_TENS = {
    word: 10 * i
    for i, word in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], start=2
    )
}
_SCALES = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12}
_GLUED_SCALES = {"k": 3, "m": 6, "mn": 6, "bn": 9}
_VAGUE = {"dozens", "hundreds", "thousands", "millions", "billions"}
_CURRENCY_WORDS = {
    "dollar", "dollars", "euro", "euros", "pound", "pounds", "riel", "riels", "yen", "yuan",
    "baht", "rupees", "rupee", "francs", "franc",
}  # fmt: skip
_ORDINAL = {"st", "nd", "rd", "th"}
_NOT_A_COUNT_BEFORE_ONE = {"no", "the", "any", "every", "each", "this", "that", "which", "some"}
_PAIRED_WITH_ONE = ("another", "side", "hand")
"""'one another', 'one side (... the other)', 'on (the) one hand': no count."""
_HYPHEN_PREFIXES = {"pre", "post", "mid", "late", "early"}
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_CURRENCY_SIGNS = "$€£¥"


_Trie = dict[str, "_Trie"]


def _alternation(words: set[str]) -> str:
    """A regex matching any of `words`, written as a trie ("t(?:en|hree|wo)"): the regex engine
    tries the alternatives at every position of the text, and a trie makes that one character
    test instead of one per word."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: _Trie) -> str:
        branches = [
            re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


_NUMBER_WORDS = [*_UNITS, *_TENS, "hundred", *_SCALES, "dozen", *_VAGUE, "tens"]
_TRIGGER = re.compile(
    r"\d|[$€£¥]|\b"
    + _alternation(
        {form for word in _NUMBER_WORDS for form in (word, word.capitalize(), word.upper())}
        | {*MONTHS, *_ABBREVIATED, *WEEKDAYS}
    )
    + r"\b"
)
_LEX = re.compile(r"\s*(?:(\d+(?:[.,]\d+)*)|([^\W\d_]+)|(\S))")
_NUMBER_SHAPE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_CLOCK = re.compile(r"(?:[01]?\d|2[0-4]):[0-5]\d(?::[0-5]\d)?(?![\d:])")
_PAIR = re.compile(r"(?=\d+([/:]))(\d{1,4})[/:](\d{1,4})(?:/(\d{2}|\d{4}))?(?![\w/:.,]\w)")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?(?![\w-])")
_TIME_AFTER = re.compile(r"\s?(?:[ap]\.m\.|[AaPp][Mm]\b)")
_PERCENT_WORDS = re.compile(r"\s+(?:per\s?cent|percent|percentage\s+points?)\b", re.IGNORECASE)


class Tok(NamedTuple):
    """One token: a run of digits (with separators), a word, or one symbol."""

    kind: str  # "num" | "word" | "sym"
    text: str
    start: int
    end: int
    gap: bool
    """Whether whitespace stands before it (False: glued to what precedes)."""


class DateParts(NamedTuple):
    """A date as written: any part may be missing ("July 28", "July 2013", "1998")."""

    year: int | None
    month: int | None
    day: int | None


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure at [start, end) of the text. `numbers` keep the precision they were written
    with (Decimal("1E+6") for "1 million"); a ratio reads as a percentage ("1 in 10" is 10)."""

    start: int
    end: int
    text: str
    kind: str  # number | percent | ratio | money | year | date | weekday | vague
    numbers: tuple[Decimal, ...] = ()
    dates: tuple[DateParts, ...] = ()
    weekday: int | None = None


def find_figures(text: str) -> Iterator[Figure]:
    """Every figure in `text`, in order, none overlapping another."""
    reader = _Reader(text)
    pos = 0
    while (trigger := _TRIGGER.search(text, pos)) is not None:
        end, figure = reader.read(trigger.start())
        if figure is not None:
            yield figure
        pos = max(end, trigger.end())


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text

    # tokens ----------------------------------------------------------------------------

    def tok(self, pos: int) -> Tok | None:
        match = _LEX.match(self.text, pos)
        if match is None:
            return None
        index = match.lastindex or 3
        kind = ("num", "word", "sym")[index - 1]
        start = match.start(index)
        return Tok(kind, match.group(index), start, match.end(), start > pos)

    def glued(self, pos: int) -> Tok | None:
        """The token right at `pos`, if nothing separates it from what precedes."""
        found = self.tok(pos)
        return found if found is not None and not found.gap else None

    def word_at(self, pos: int, *words: str) -> Tok | None:
        found = self.tok(pos)
        if found is not None and found.kind == "word" and found.text.lower() in words:
            return found
        return None

    def before(self, pos: int) -> str:
        """The word just before `pos` (skipping spaces), lower-cased, or ''."""
        match = re.search(r"([^\W\d_]+)\s*\Z", self.text[max(0, pos - 40) : pos])
        return match.group(1).lower() if match else ""

    def figure(
        self,
        start: int,
        end: int,
        kind: str,
        numbers: tuple[Decimal, ...] = (),
        dates: tuple[DateParts, ...] = (),
        weekday: int | None = None,
    ) -> tuple[int, Figure]:
        text = " ".join(self.text[start:end].split())
        return end, Figure(start, end, text, kind, numbers, dates, weekday)

    # entry -----------------------------------------------------------------------------

    def read(self, pos: int) -> tuple[int, Figure | None]:
        char = self.text[pos]
        if char.isdigit():
            return self.from_digits(pos)
        if char in _CURRENCY_SIGNS:
            return self.money_sign(pos)
        first = self.tok(pos)
        assert first is not None and first.kind == "word"
        word = first.text
        if word in WEEKDAYS:
            return self.figure(pos, first.end, "weekday", weekday=WEEKDAYS[word])
        if word in MONTHS or word in _ABBREVIATED:
            found = self.month_first(first)
            return found if found is not None else (first.end, None)
        return self.from_words(first)

    # digits ----------------------------------------------------------------------------

    def from_digits(self, pos: int) -> tuple[int, Figure | None]:
        first = self.tok(pos)
        assert first is not None and first.kind == "num"
        skip = _skip_to_space(self.text, pos)
        if self.identifier(first):
            return skip, None
        after = self.glued(first.end)
        clock = _CLOCK.match(self.text, pos)
        if clock is not None:
            after_clock = _TIME_AFTER.match(self.text, clock.end())
            return (after_clock.end() if after_clock else clock.end()), None  # a time of day
        pair = _PAIR.match(self.text, pos)
        if pair is not None:
            return self.pair(pair)
        clock = _TIME_AFTER.match(self.text, first.end)
        if clock is not None and first.text.isdigit():
            return clock.end(), None  # 8 p.m.
        if self.text[pos - 1 : pos] == "[" and after is not None and after.text == "]":
            return after.end, None  # a footnote marker
        iso = self.iso_date(first)
        if iso is not None:
            return iso
        day_first = self.day_first(first)
        if day_first is not None:
            return day_first
        if after is not None and after.kind == "word":
            suffix = after.text.lower()
            if suffix in _ORDINAL and first.text.isdigit():
                return after.end, None  # an ordinal ranks, it does not count
            if suffix == "s" and len(first.text) == 4 and first.text.endswith("0"):
                decade = int(first.text)
                return self.figure(
                    pos,
                    after.end,
                    "date",
                    dates=tuple(DateParts(y, None, None) for y in (decade, decade + 9)),
                )
            if suffix not in _GLUED_SCALES:
                return skip, None
        if _NUMBER_SHAPE.fullmatch(first.text) is None:
            return skip, None  # 1.2.3, 12,34: a version or a list, not one number
        start = pos
        sign = self.text[pos - 1] if pos else ""
        if sign and sign in _DASHES + "+" and (pos == 1 or self.text[pos - 2] in " (\n\t"):
            start = pos - 1  # a sign: "-3", "(-5.5%", "+5%"
        negative = start < pos and sign != "+"
        return self.quantity(start, first, _decimal(first.text), sign=negative)

    def pair(self, match: re.Match[str]) -> tuple[int, Figure]:
        """Numbers joined by a slash or colon: a date (7/28/2013, read both ways where both
        are dates), two years (2013/14), a fraction (1/3, read as a percentage) or a score
        (2:1, both numbers)."""
        a, b, c = (int(g) if g else None for g in match.groups()[1:])
        assert a is not None and b is not None
        if c is not None:
            year = c if match.group(4) and len(match.group(4)) == 4 else None
            readings = {
                DateParts(year, month, day)
                for month, day in ((a, b), (b, a))
                if _valid(year, month, day)
            }
            if not readings:
                return self.figure(match.start(), match.end(), "number", numbers=(Decimal(a),))
            return self.figure(
                match.start(), match.end(), "date", dates=tuple(sorted(readings, key=str))
            )
        if match.group(1) == ":":
            numbers = (Decimal(a), Decimal(b))
            return self.figure(match.start(), match.end(), "number", numbers=numbers)
        if _is_year(match.group(2)) and len(match.group(3)) == 2:
            years = (a, a - a % 100 + b)
            return self.figure(
                match.start(),
                match.end(),
                "date",
                dates=tuple(DateParts(y, None, None) for y in years),
            )
        share = Decimal(a) / Decimal(b) * 100 if b else Decimal(0)
        return self.figure(match.start(), match.end(), "ratio", numbers=(share,))

    def identifier(self, first: Tok) -> bool:
        """Digits that are part of a name, code or file name, not a figure of their own."""
        text, pos = self.text, first.start
        if pos and (text[pos - 1].isalnum() or text[pos - 1] == "_"):
            return True
        if pos >= 2 and text[pos - 1] in _DASHES + "./" and text[pos - 2].isalpha():
            return self.before(pos - 1) not in _HYPHEN_PREFIXES
        after = self.glued(first.end)
        if after is None:
            return False
        if after.text == "_":
            return True
        if after.text in "./" and (following := self.glued(after.end)) is not None:
            return following.kind == "word"
        return False

    def iso_date(self, first: Tok) -> tuple[int, Figure] | None:
        match = _ISO_DATE.match(self.text, first.start)
        if match is None:
            return None
        year, month = int(match.group(1)), int(match.group(2))
        day = int(match.group(3)) if match.group(3) else None
        if not _valid(year, month, day):
            return None
        return self.figure(first.start, match.end(), "date", dates=(DateParts(year, month, day),))

    def day_first(self, first: Tok) -> tuple[int, Figure] | None:
        """28 July 2013, 14-15 September, 28th of July."""
        if not first.text.isdigit() or len(first.text) > 2:
            return None
        days = [int(first.text)]
        end = first.end
        nxt = self.glued(end)
        if nxt is not None and nxt.text.lower() in _ORDINAL:
            end = nxt.end
        nxt = self.glued(end)
        if nxt is not None and nxt.text in _DASHES:
            second = self.glued(nxt.end)
            if second is None or not second.text.isdigit() or len(second.text) > 2:
                return None
            days.append(int(second.text))
            end = second.end
        of = self.word_at(end, "of")
        month_tok = self.tok(of.end if of else end)
        if month_tok is None or month_tok.kind != "word":
            return None
        month = MONTHS.get(month_tok.text) or _ABBREVIATED.get(month_tok.text)
        if month is None:
            return None
        end = month_tok.end
        dot = self.glued(end)
        if dot is not None and dot.text == "." and month_tok.text in _ABBREVIATED:
            end = dot.end
        year = self.year_at(end)
        if year is not None:
            end = year[0]
        y = year[1] if year else None
        if not all(_valid(y, month, d) for d in days):
            return None
        return self.figure(
            first.start, end, "date", dates=tuple(DateParts(y, month, d) for d in days)
        )

    def year_at(self, pos: int) -> tuple[int, int] | None:
        """A four-digit year after `pos` (after an optional comma): (end, year)."""
        found = self.tok(pos)
        if found is not None and found.text == "," and not found.gap:
            found = self.tok(found.end)
        if found is None or found.kind != "num" or not _is_year(found.text):
            return None
        after = self.glued(found.end)
        if after is not None and after.kind in ("num", "word"):
            return None
        return found.end, int(found.text)

    def quantity(self, start: int, first: Tok, value: Decimal, *, sign: bool) -> tuple[int, Figure]:
        """A number read at `first`, with what may follow it: a range, a scale, a percent sign,
        a currency word, or "in 10" / "out of (every) 10" making a ratio."""
        if sign:
            value = -value
        end = first.end
        numbers = [value]
        nxt = self.glued(end)
        if nxt is not None and nxt.text in _DASHES:
            second = self.glued(nxt.end)
            if second is not None and second.kind == "num" and _NUMBER_SHAPE.fullmatch(second.text):
                numbers.append(_decimal(second.text))
                end = second.end
        end, numbers = self.scaled(end, numbers)
        return self.unit(start, end, numbers, plain=first.text.isdigit() and len(numbers) == 1)

    def scaled(self, end: int, numbers: list[Decimal]) -> tuple[int, list[Decimal]]:
        nxt = self.tok(end)
        if nxt is not None and nxt.kind == "word":
            scales = _SCALES if nxt.gap else _GLUED_SCALES
            exponent = scales.get(nxt.text.lower())
            if exponent is not None:
                return nxt.end, [n.scaleb(exponent) for n in numbers]
        return end, numbers

    def unit(
        self, start: int, end: int, numbers: list[Decimal], *, plain: bool, money: bool = False
    ) -> tuple[int, Figure]:
        nxt = self.tok(end)
        if nxt is not None and nxt.text == "%":
            return self.figure(start, nxt.end, "percent", numbers=tuple(numbers))
        percent = _PERCENT_WORDS.match(self.text, end)
        if percent is not None:
            return self.figure(start, percent.end(), "percent", numbers=tuple(numbers))
        if nxt is not None and nxt.kind == "word" and nxt.text.lower() in _CURRENCY_WORDS:
            return self.figure(start, nxt.end, "money", numbers=tuple(numbers))
        if money:
            return self.figure(start, end, "money", numbers=tuple(numbers))
        ratio = self.ratio(end, numbers)
        if ratio is not None:
            return self.figure(start, ratio[0], "ratio", numbers=(ratio[1],))
        if plain and len(numbers) == 1 and _is_year(self.text[start:end]):
            year = int(numbers[0])
            return self.figure(
                start, end, "year", numbers=tuple(numbers), dates=(DateParts(year, None, None),)
            )
        return self.figure(start, end, "number", numbers=tuple(numbers))

    def ratio(self, end: int, numbers: list[Decimal]) -> tuple[int, Decimal] | None:
        if len(numbers) != 1:
            return None
        word = self.word_at(end, "in", "out")
        if word is None:
            return None
        pos = word.end
        if word.text.lower() == "out":
            of = self.word_at(pos, "of")
            if of is None:
                return None
            pos = of.end
            every = self.word_at(pos, "every")
            pos = every.end if every else pos
        whole = self.number_at(pos)
        if whole is None or whole[1] == 0:
            return None
        share = numbers[0] / whole[1] * 100
        return whole[0], Decimal(int(share)) if share == share.to_integral_value() else share

    def number_at(self, pos: int) -> tuple[int, Decimal] | None:
        """A plain number (in digits or words) at `pos`: (end, value)."""
        found = self.tok(pos)
        if found is None:
            return None
        if found.kind == "num" and _NUMBER_SHAPE.fullmatch(found.text):
            if _is_year(found.text):
                return None  # "5 in 2013" is a count in a year, not a ratio
            return found.end, _decimal(found.text)
        if found.kind == "word":
            words = self.number_words(found)
            if words is not None:
                return words
        return None

    def money_sign(self, pos: int) -> tuple[int, Figure | None]:
        start = pos
        prefix = re.search(r"(?:\bU\.S\.\s?|\b[A-Z]{1,3})\Z", self.text[max(0, pos - 6) : pos])
        if prefix is not None:
            start = pos - len(prefix.group())
        amount = self.tok(pos + 1)
        if amount is None or amount.kind != "num" or not _NUMBER_SHAPE.fullmatch(amount.text):
            return pos + 1, None
        end, numbers = self.scaled(amount.end, [_decimal(amount.text)])
        return self.unit(start, end, numbers, plain=False, money=True)

    # dates -----------------------------------------------------------------------------

    def month_first(self, month_tok: Tok) -> tuple[int, Figure] | None:
        """July 28, Sept. 14-15, July 28, 2013, July 2013, June (a full name only; May only
        with a day or a year)."""
        name = month_tok.text
        month = MONTHS.get(name) or _ABBREVIATED[name]
        end = month_tok.end
        abbreviated = name not in MONTHS
        dot = self.glued(end)
        if abbreviated and dot is not None and dot.text == ".":
            end = dot.end
        day_tok = self.tok(end)
        days: list[int] = []
        if (
            day_tok is not None
            and _is_day(day_tok.text)
            and not self.glued_word(day_tok, allowed=_ORDINAL)
        ):
            days.append(int(day_tok.text))
            end = day_tok.end
            ordinal = self.glued(end)
            if ordinal is not None and ordinal.text.lower() in _ORDINAL:
                end = ordinal.end
            dash = self.glued(end)
            second = self.glued(dash.end) if dash and dash.text in _DASHES else None
            if second is not None and _is_day(second.text):
                days.append(int(second.text))
                end = second.end
        year = self.year_at(end)
        if year is not None:
            end = year[0]
        y = year[1] if year else None
        if days and not all(_valid(y, month, d) for d in days):
            days, end, y = [], month_tok.end, None
            year = self.year_at(end)
            if year is not None:
                end, y = year
        if not days and y is None and (abbreviated or name == "May"):
            return None
        parts = tuple(DateParts(y, month, d) for d in days) or (DateParts(y, month, None),)
        return self.figure(month_tok.start, end, "date", dates=parts)

    def glued_word(self, tok: Tok, allowed: set[str]) -> bool:
        """Whether a word other than `allowed` is glued to the token (2013a, 28abc)."""
        after = self.glued(tok.end)
        return after is not None and after.kind == "word" and after.text.lower() not in allowed

    # words -----------------------------------------------------------------------------

    def from_words(self, first: Tok) -> tuple[int, Figure | None]:
        word = first.text.lower()
        if word in ("tens", *_VAGUE):
            return self.vague(first)
        if word == "one" and self.one_is_a_pronoun(first):
            return first.end, None
        start = first.start
        article = re.search(r"\b[Aa]n?\s+\Z", self.text[max(0, start - 4) : start])
        if article is not None and word in ("hundred", "dozen", *_SCALES):
            start -= len(article.group())
        found = self.number_words(first)
        if found is None:
            return first.end, None
        end, value = found
        end, numbers = self.scaled(end, [value])
        return self.unit(start, end, numbers, plain=False)

    def one_is_a_pronoun(self, first: Tok) -> bool:
        """'no one', 'the one', 'one another', 'one side ... the other', and 'one' as the first
        part of a kind ('a one-party state'): the word, not the number."""
        if self.before(first.start) in _NOT_A_COUNT_BEFORE_ONE:
            return True
        if self.text[first.end : first.end + 1] in _DASHES:
            return True
        return any(self.word_at(first.end, w) is not None for w in _PAIRED_WITH_ONE)

    def vague(self, first: Tok) -> tuple[int, Figure | None]:
        """tens of thousands, hundreds, dozens: a figure to check, with no exact value."""
        end = first.end
        of = self.word_at(end, "of")
        scale = self.tok(of.end) if of else None
        if scale is not None and scale.text.lower() in _VAGUE:
            end = scale.end
        elif first.text.lower() == "tens":
            return first.end, None
        return self.figure(first.start, end, "vague")

    def number_words(self, first: Tok) -> tuple[int, Decimal] | None:
        """A number in words: "twenty-one", "two hundred and five", "one million", "a dozen".
        A round value keeps the precision of its scale word ("one million" is 1E+6)."""
        total, current, exponent, end = 0, 0, 0, first.start
        tok: Tok | None = first
        while tok is not None and tok.kind == "word":
            word = tok.text.lower()
            if word in _UNITS or word in _TENS:
                small = _UNITS.get(word, 0) + _TENS.get(word, 0)
                after_tens = current % 100 >= 20 and current % 10 == 0 and small < 10
                if current % 100 and not after_tens:
                    break
                current += small
                if word in _TENS:
                    dash = self.glued(tok.end)
                    unit = self.glued(dash.end) if dash and dash.text in _DASHES else None
                    digit = _UNITS.get(unit.text.lower(), 10) if unit else 10
                    if unit is not None and 0 < digit < 10:
                        current += digit
                        tok = unit
            elif word == "hundred" and current < 100:
                current = (current or 1) * 100
            elif word == "dozen" and current < 100:
                current = (current or 1) * 12
                end = tok.end
                break
            elif word in _SCALES and (not exponent or _SCALES[word] < exponent):
                exponent = _SCALES[word]
                total += (current or 1) * 10**exponent
                current = 0
            elif word == "and" and end > first.start and self.number_word_follows(tok.end):
                if not ((current and current % 100 == 0) or (total and not current)):
                    break
                tok = self.tok(tok.end)
                continue
            else:
                break
            end = tok.end
            tok = self.tok(tok.end)
        if end == first.start:
            return None
        if current or not exponent:
            return end, Decimal(total + current)
        return end, Decimal(total // 10**exponent).scaleb(exponent)

    def number_word_follows(self, pos: int) -> bool:
        nxt = self.tok(pos)
        return (
            nxt is not None
            and nxt.kind == "word"
            and (nxt.text.lower() in _UNITS or nxt.text.lower() in _TENS)
        )


def _skip_to_space(text: str, pos: int) -> int:
    match = re.compile(r"\S*").match(text, pos)
    return match.end() if match else pos


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _is_day(text: str) -> bool:
    return len(text) <= 2 and text.isdigit()


def _is_year(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and 1000 <= int(text) <= 2999


def _valid(year: int | None, month: int, day: int | None) -> bool:
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    last = calendar.monthrange(year if year is not None else 2000, month)[1]
    return 1 <= day <= last
