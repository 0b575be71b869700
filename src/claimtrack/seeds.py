"""Seed articles: safe lookup inside seeds/, normalised text for quote search, near misses.

Limits keep every seed and quote checkable in bounded time and memory: a seed is at most
SEED_SIZE_LIMIT bytes of valid UTF-8 (CT004, CT002 otherwise), and a quote is at least
QUOTE_MIN_WORDS words and at most QUOTE_MAX_CHARS characters once folded (CT112 otherwise).
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import os
import re
import stat
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from claimtrack.project import SEEDS_DIR
from claimtrack.text import fold_typography, normalise_quote

SEED_SIZE_LIMIT = 4 * 1024 * 1024
"""Bytes. A news article is some kilobytes, a long book 2 MiB; at 4 MiB every command still
runs in seconds (coverage reads every figure of the seed)."""
QUOTE_MAX_CHARS = 2_000
"""A quote carries one claim: a few sentences at most. Longer ones are refused before any
search, so the closest-passage search stays bounded."""
QUOTE_MIN_WORDS = 2
"""One word (or letter) occurs in almost any article by chance, so it proves nothing."""

_WHITESPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_ENOUGH_WORDS = re.compile(rf"\w+(?:\W+\w+){{{QUOTE_MIN_WORDS - 1}}}")
"""QUOTE_MIN_WORDS words in a row: found at the start of a quote, so the test is cheap."""
_FULL_SEARCH = 2_000_000
"""Quote length times seed length up to which the whole seed is searched for a near miss."""
_ANCHORS = 8
_OCCURRENCES = 64
_CANDIDATES = 12


def read_nfc(path: Path) -> str:
    return _nfc(path.read_bytes())


def _nfc(data: bytes) -> str:
    """The text as read. Seeds are checked as valid UTF-8 when first read (SeedLibrary.get);
    this decodes bytes already checked."""
    return unicodedata.normalize("NFC", data.decode("utf-8", errors="replace"))


def quote_problem(folded: str) -> str | None:
    """Why a folded quote cannot be checked (too short to prove anything, too long to search),
    or None."""
    if len(folded) > QUOTE_MAX_CHARS:
        return (
            f"quote is {len(folded):,} characters long, over the limit of "
            f"{QUOTE_MAX_CHARS:,}; quote only the words that carry the claim"
        )
    if _ENOUGH_WORDS.search(folded) is None:
        return (
            f"quote {folded!r} is too short to locate a claim: quote at least "
            f"{QUOTE_MIN_WORDS} words of the seed"
        )
    return None


@dataclass(slots=True)
class SeedText:
    """A seed as quotes are compared against it (folded), and as read (NFC) when asked for.

    Validation needs only the folded text; the text as read is loaded again when a position
    in it is wanted, so a corpus of 100,000 articles is not held twice in memory.
    """

    name: str
    path: Path
    folded: str
    sha256: str
    _nfc: str | None = None
    _word_starts: list[int] | None = None
    """Where each word of the folded text starts in the text as read."""
    _folded_starts: list[int] | None = None
    """Where each word of the folded text starts in it."""

    @property
    def nfc(self) -> str:
        if self._nfc is None:
            self._nfc = read_nfc(self.path)
        return self._nfc

    def raw_offset(self, folded_offset: int) -> int:
        """Where a character of the folded text stands in the text as read.

        Folding maps characters one to one and each run of whitespace to one space, so the
        n-th word of the folded text is the n-th word of the text as read. Both word tables
        are built once, so each lookup is a binary search, not a scan of the seed.
        """
        if self._word_starts is None or self._folded_starts is None:
            ends = [m.end() for m in _WHITESPACE.finditer(self.nfc)]
            leading = bool(self.nfc) and self.nfc[0].isspace()
            self._word_starts = [ends[0] if leading else 0, *(ends[1:] if leading else ends)]
            self._folded_starts = [0, *(m.end() for m in re.finditer(" ", self.folded))]
        word = bisect.bisect_right(self._folded_starts, folded_offset) - 1
        return self._word_starts[word] + folded_offset - self._folded_starts[word]

    def line_col(self, raw_offset: int) -> tuple[int, int]:
        """1-based line and column of an offset of the text as read."""
        nfc = self.nfc
        line_start = nfc.rfind("\n", 0, raw_offset) + 1
        return nfc.count("\n", 0, raw_offset) + 1, raw_offset - line_start + 1


@dataclass(frozen=True, slots=True)
class NearMiss:
    line: int
    score: float
    passage: str


class SeedError(Exception):
    """A seed that cannot be used: `code` says why (CT101 missing, CT103 escapes seeds/, CT001
    unreadable, CT002 not UTF-8, CT004 too large); `line` and `column` place the fault in the
    seed itself when it is in its content."""

    def __init__(self, code: str, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.code = code
        self.line = line
        self.column = column


class SeedLibrary:
    """Reads each seed once per run and keeps its folded text for quote search."""

    def __init__(self, root: Path) -> None:
        self.folder = (root / SEEDS_DIR).resolve()
        self._folder = str(self.folder)
        self._texts: dict[str, SeedText | SeedError] = {}
        self._paths: dict[str, Path] = {}

    def path_of(self, name: str) -> Path:
        """The seed's file, refusing any reference that leads outside seeds/."""
        found = self._paths.get(name)
        if found is None:
            found = self._paths[name] = self._resolve(name)
        return found

    def _resolve(self, name: str) -> Path:
        if not name or "\x00" in name:
            raise SeedError("CT101", f"seed {name!r} is not a valid file name")
        if os.path.isabs(name) or "\\" in name:
            raise SeedError(
                "CT103", f"seed {name!r} must be a path inside seeds/, not an absolute path"
            )
        # os.path on strings: pathlib costs more than the check itself, once per seed
        target = os.path.join(self._folder, name)
        if "/" not in name and name not in (".", ".."):
            # seeds/ itself is resolved already: a file directly in it that is not a link
            # needs no step resolved, and one lstat says whether it is a file
            try:
                mode = os.lstat(target).st_mode
            except OSError:
                mode = 0
            if stat.S_ISREG(mode):
                return Path(target)
            if not stat.S_ISLNK(mode):
                raise SeedError("CT101", f"seed {name!r} does not exist in seeds/")
        target = os.path.realpath(target)
        if not target.startswith(self._folder + os.sep):
            via = " through a symbolic link" if ".." not in name.split("/") else ""
            raise SeedError("CT103", f"seed {name!r} leads outside seeds/{via}")
        if not os.path.isfile(target):
            raise SeedError("CT101", f"seed {name!r} does not exist in seeds/")
        return Path(target)

    def get(self, name: str) -> SeedText:
        """The seed's text, read once; raises SeedError (cached too) if it cannot be used."""
        cached = self._texts.get(name)
        if cached is None:
            try:
                cached = self._read(name)
            except SeedError as exc:
                cached = exc
            self._texts[name] = cached
        if isinstance(cached, SeedError):
            raise cached
        return cached

    def _read(self, name: str) -> SeedText:
        path = self.path_of(name)
        try:
            with open(path, "rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                if size > SEED_SIZE_LIMIT:
                    raise SeedError(
                        "CT004",
                        f"seed {name} is {size:,} bytes, over the limit of "
                        f"{SEED_SIZE_LIMIT:,} bytes ({SEED_SIZE_LIMIT // 2**20} MiB) for a seed; "
                        "keep only the article",
                    )
                data = handle.read()
        except OSError as exc:
            raise SeedError("CT001", f"seed {name} cannot be read: {exc.strerror}") from None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            before = data[: exc.start].decode("utf-8")
            line = before.count("\n") + 1
            column = exc.start - len(before[: before.rfind("\n") + 1].encode()) + 1
            raise SeedError(
                "CT002",
                f"seed {name} is not valid UTF-8 (byte 0x{data[exc.start]:02x} at line {line}, "
                f"column {column}); save it as UTF-8",
                line,
                column,
            ) from None
        folded = fold_typography(unicodedata.normalize("NFC", text))
        return SeedText(name, path, folded, hashlib.sha256(data).hexdigest())


def folded_span(seed: SeedText, folded: str) -> tuple[int, int] | None:
    """Start and end offsets of a folded quote in the seed's folded text, or None."""
    at = seed.folded.find(folded) if folded and quote_problem(folded) is None else -1
    return None if at < 0 else (at, at + len(folded))


def raw_span(seed: SeedText, start: int, end: int) -> tuple[int, int]:
    """A span of the folded text as offsets of the text as read."""
    return seed.raw_offset(start), seed.raw_offset(end - 1) + 1


def quote_span(seed: SeedText, quote: str) -> tuple[int, int] | None:
    """Start and end offsets of the quote in the seed's text, or None if it is absent (or
    outside the quote limits, so never searched)."""
    span = folded_span(seed, normalise_quote(quote))
    return None if span is None else raw_span(seed, *span)


@dataclass(frozen=True, slots=True)
class Passage:
    """A quote in its seed's context: the lines around it, split where the quote starts and
    ends, so a renderer can highlight the quoted words in their surroundings."""

    first_line: int
    before: str
    quoted: str
    after: str


def quote_in_context(seed: SeedText, quote: str, context_lines: int = 1) -> Passage | None:
    """The quote with `context_lines` whole lines before and after it, or None if the quote
    is not in the seed (validate reports that, CT102)."""
    span = quote_span(seed, quote)
    if span is None:
        return None
    text = seed.nfc
    start = text.rfind("\n", 0, span[0]) + 1
    for _ in range(context_lines):
        if start == 0:
            break
        start = text.rfind("\n", 0, start - 1) + 1
    end = text.find("\n", span[1])
    end = len(text) if end < 0 else end
    for _ in range(context_lines):
        if end >= len(text):
            break
        found = text.find("\n", end + 1)
        end = len(text) if found < 0 else found
    before = text[start : span[0]]
    trimmed = before.lstrip("\n")
    first_line = text.count("\n", 0, start + len(before) - len(trimmed)) + 1
    return Passage(first_line, trimmed, text[span[0] : span[1]], text[span[1] : end].rstrip("\n"))


def passages(
    library: SeedLibrary, quotes: list[tuple[str, str]], context_lines: int = 1
) -> dict[tuple[str, str], Passage | None]:
    """Each (seed, quote) in its context; None where the seed or the quote cannot be found."""
    found: dict[tuple[str, str], Passage | None] = {}
    for seed_name, quote in quotes:
        try:
            found[seed_name, quote] = quote_in_context(library.get(seed_name), quote, context_lines)
        except SeedError:
            found[seed_name, quote] = None
    return found


def locate_quote(seed: SeedText, quote: str) -> tuple[int, int] | None:
    """The (line, column) in the seed where the quote starts, or None if it is absent."""
    span = quote_span(seed, quote)
    return None if span is None else seed.line_col(span[0])


def quote_lines(seed: SeedText, quotes: Iterable[str]) -> dict[str, int | None]:
    """The line each quote starts on in the seed (None if absent), as `locate_quote` gives it,
    for many quotes of one seed at once without keeping word tables on the seed.

    Folding keeps words one to one, so a quote starting in the folded text's n-th word starts
    on the line of the text as read that holds its n-th word: the count of words on each line
    is all that is needed, a list as long as the seed has lines.
    """
    folded = seed.folded
    words = list(itertools.accumulate(len(line.split()) for line in seed.nfc.split("\n")))
    lines: dict[str, int | None] = {}
    for quote in quotes:
        span = folded_span(seed, normalise_quote(quote))
        word = None if span is None else folded.count(" ", 0, span[0])
        lines[quote] = None if word is None else bisect.bisect_right(words, word) + 1
    return lines


def nearest_passage(seed: SeedText, quote: str) -> NearMiss | None:
    """The passage of the seed most like the quote, for the editor to compare; never a match.

    A short seed is searched whole. In a long one, the quote's longest words are looked up as
    anchors, each place they occur votes for where the quote would start, and only the windows
    with the most votes are compared: the cost grows with the seed's length once (the anchor
    look-ups), not with its square.
    """
    from rapidfuzz import fuzz

    quote_text = normalise_quote(quote)
    text = seed.folded
    if not quote_text or quote_problem(quote_text) is not None:
        return None
    best: tuple[float, int, int] | None = None
    if len(quote_text) * len(text) <= _FULL_SEARCH:
        found = fuzz.partial_ratio_alignment(quote_text, text)
        if found is not None:
            best = (found.score, found.dest_start, found.dest_end)
    else:
        slack = len(quote_text) // 4 + 16
        for start in _anchored_starts(quote_text, text):
            if len(quote_text) <= 256:
                lo = max(0, start - slack)
                window = text[lo : start + len(quote_text) + slack]
                found = fuzz.partial_ratio_alignment(quote_text, window)
                if found is None:
                    continue
                scored = (found.score, lo + found.dest_start, lo + found.dest_end)
            else:
                at = max(0, start)
                end = at + len(quote_text)
                scored = (fuzz.ratio(quote_text, text[at:end]), at, end)
            if best is None or scored[0] > best[0]:
                best = scored
    if best is None or best[0] < 50:
        return None
    score, start, end = best
    line = seed.line_col(seed.raw_offset(start))[0]
    return NearMiss(line, score, text[start:end])


def _anchored_starts(quote: str, text: str) -> list[int]:
    """Where in `text` the quote most likely starts: each occurrence of one of its longest
    words votes for a start; the starts with the most votes, best first."""
    offsets: dict[str, int] = {}
    for match in _WORD.finditer(quote):
        offsets.setdefault(match.group(), match.start())
    anchors = sorted(offsets, key=len, reverse=True)[:_ANCHORS]
    votes: Counter[int] = Counter()
    first: dict[int, int] = {}
    for word in anchors:
        at = text.find(word)
        for _ in range(_OCCURRENCES):
            if at < 0:
                break
            start = at - offsets[word]
            bucket = start // 16
            votes[bucket] += 1
            first.setdefault(bucket, start)
            at = text.find(word, at + 1)
    return [first[bucket] for bucket, _ in votes.most_common(_CANDIDATES)]
