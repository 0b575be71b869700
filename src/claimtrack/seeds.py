"""Seed articles: safe lookup inside seeds/, normalised text for quote search, near misses."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from claimtrack.project import SEEDS_DIR
from claimtrack.text import fold_typography, normalise_quote

_WHITESPACE = re.compile(r"\s+")


def read_nfc(path: Path) -> str:
    return _nfc(path.read_bytes())


def _nfc(data: bytes) -> str:
    return unicodedata.normalize("NFC", data.decode("utf-8", errors="replace"))


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

    @property
    def nfc(self) -> str:
        if self._nfc is None:
            self._nfc = read_nfc(self.path)
        return self._nfc

    def raw_offset(self, folded_offset: int) -> int:
        """Where a character of the folded text stands in the text as read.

        Folding maps characters one to one and each run of whitespace to one space, so the
        spaces before an offset count the runs before it.
        """
        if self._word_starts is None:
            ends = [m.end() for m in _WHITESPACE.finditer(self.nfc)]
            leading = bool(self.nfc) and self.nfc[0].isspace()
            self._word_starts = [ends[0] if leading else 0, *(ends[1:] if leading else ends)]
        starts = self._word_starts
        runs = self.folded.count(" ", 0, folded_offset)
        word_start = self.folded.rfind(" ", 0, folded_offset) + 1
        return starts[runs] + folded_offset - word_start


@dataclass(frozen=True, slots=True)
class NearMiss:
    line: int
    score: float
    passage: str


class SeedError(Exception):
    """A seed reference that cannot be used: `code` says why (CT101 missing, CT103 escapes)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


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
        target = os.path.realpath(os.path.join(self._folder, name))
        if not target.startswith(self._folder + os.sep):
            via = " through a symbolic link" if ".." not in name.split("/") else ""
            raise SeedError("CT103", f"seed {name!r} leads outside seeds/{via}")
        if not os.path.isfile(target):
            raise SeedError("CT101", f"seed {name!r} does not exist in seeds/")
        return Path(target)

    def get(self, name: str) -> SeedText:
        cached = self._texts.get(name)
        if cached is None:
            try:
                path = self.path_of(name)
                data = path.read_bytes()
                cached = SeedText(
                    name, path, fold_typography(_nfc(data)), hashlib.sha256(data).hexdigest()
                )
            except SeedError as exc:
                cached = exc
            except OSError as exc:
                cached = SeedError("CT101", f"seed {name!r} cannot be read: {exc.strerror}")
            self._texts[name] = cached
        if isinstance(cached, SeedError):
            raise cached
        return cached


def quote_span(seed: SeedText, quote: str) -> tuple[int, int] | None:
    """Start and end offsets of the quote in the seed's text, or None if it is absent."""
    folded = normalise_quote(quote)
    at = seed.folded.find(folded) if folded else -1
    if at < 0:
        return None
    return seed.raw_offset(at), seed.raw_offset(at + len(folded) - 1) + 1


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
    if span is None:
        return None
    start = span[0]
    return seed.nfc.count("\n", 0, start) + 1, start - (seed.nfc.rfind("\n", 0, start) + 1) + 1


def nearest_passage(seed: SeedText, quote: str) -> NearMiss | None:
    """The passage of the seed most like the quote, for the editor to compare; never a match."""
    from rapidfuzz import fuzz

    folded_quote = normalise_quote(quote)
    if not folded_quote:
        return None
    found = fuzz.partial_ratio_alignment(folded_quote, seed.folded)
    if found is None or found.score < 50:
        return None
    passage = seed.folded[found.dest_start : found.dest_end]
    where = locate_quote(seed, passage)
    return NearMiss(where[0] if where else 1, found.score, passage)
