"""What a file's findings depended on, recorded while they were computed, so a cached result is
reused exactly when everything it consulted is as it was.

A claims file is resolved and checked against a view of the project whose registries watch
every lookup: the entity, scope or property a claim names, the alias a name folds to, the
catalog entry of a seed, each seed read. The result is kept with what was consulted and what it
was then. A later run re-checks the file only if one of those has changed: editing one entity
re-checks the files that name it, and editing one seed the files that cite it, not the whole
project. Listing a whole registry (as a "did you mean" suggestion does) depends on all of it.

Recording rather than declaring is what keeps this honest: a check that starts consulting
something new is tracked without anyone remembering to declare it, and a check that consults
the project in a way this module does not watch makes its result uncacheable, not stale.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from claimtrack.cache import Cache, digest
from claimtrack.model import ClaimDraft, Project
from claimtrack.project import SEEDS_DIR
from claimtrack.seeds import SeedError, SeedLibrary, SeedText

_TABLES = ("entities", "scopes", "properties", "aliases", "catalog", "verdicts", "rules")
"""The registries a file's checks may consult, each watched key by key."""

Dependency = tuple[str, str, bytes]
"""(what, which, its fingerprint): a table and key, a whole table (key ''), or a seed."""


class _Watched(dict[str, Any]):
    """A registry that notes each key looked up, and whether it was listed whole.

    It holds the registry's own entries too, so that an operation which does not pass through
    the methods below still sees the right values (such a use would go unrecorded, which is why
    the methods a check can reach a registry through are all here)."""

    def __init__(self, table: dict[str, Any], name: str, recorder: Recorder) -> None:
        super().__init__(table)
        self._name = name
        self._recorder = recorder

    def __getitem__(self, key: str) -> Any:
        self._recorder.seen[self._name].add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self._recorder.seen[self._name].add(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self._recorder.seen[self._name].add(key)
        return super().__contains__(key)

    def _listed(self) -> None:
        self._recorder.whole.add(self._name)

    def __iter__(self) -> Iterator[str]:
        self._listed()
        return super().__iter__()

    def __len__(self) -> int:
        self._listed()
        return super().__len__()

    def keys(self) -> Any:
        self._listed()
        return super().keys()

    def values(self) -> Any:
        self._listed()
        return super().values()

    def items(self) -> Any:
        self._listed()
        return super().items()

    def copy(self) -> dict[str, Any]:
        self._listed()
        return dict(super().items())


class _WatchedNames(set[str]):
    """The project's seed file names, noting each name asked about (as `_Watched` does)."""

    def __init__(self, names: set[str], recorder: Recorder) -> None:
        super().__init__(names)
        self._recorder = recorder

    def __contains__(self, name: object) -> bool:
        if isinstance(name, str):
            self._recorder.seen["seed_files"].add(name)
        return super().__contains__(name)

    def __iter__(self) -> Iterator[str]:
        self._recorder.whole.add("seed_files")
        return super().__iter__()

    def __len__(self) -> int:
        self._recorder.whole.add("seed_files")
        return super().__len__()


class _WatchedSeeds(SeedLibrary):
    """The project's seeds, noting each one a check reads or locates."""

    def __init__(self, library: SeedLibrary, recorder: Recorder) -> None:
        self.__dict__.update(library.__dict__)  # shares what the library has read this run
        self._library = library
        self._recorder = recorder

    def get(self, name: str) -> SeedText:
        self._recorder.seen["seed"].add(name)
        text = self._library.get(name)
        self._recorder.texts[name] = text
        return text

    def path_of(self, name: str) -> Path:
        self._recorder.seen["seed"].add(name)
        return self._library.path_of(name)


class Fingerprints:
    """What each thing a file may depend on is now, computed at most once per run."""

    def __init__(self, project: Project, seeds: SeedLibrary, cache: Cache | None) -> None:
        self.project = project
        self.seeds = seeds
        self.cache = cache
        self._known: dict[tuple[str, str], bytes] = {}

    def of(self, what: str, which: str) -> bytes:
        found = self._known.get((what, which))
        if found is None:
            found = self._known[(what, which)] = self._compute(what, which)
        return found

    def _compute(self, what: str, which: str) -> bytes:
        if what == "seed":
            return self._seed(which)
        if what == "project":
            return digest(repr(self.project.name), repr(self.project.catalog_path))
        table: dict[str, Any] | set[str] = getattr(self.project, what)
        if which:
            return digest(repr(table.get(which) if isinstance(table, dict) else which in table))
        if isinstance(table, set):
            return digest(*sorted(table))
        return digest(*(repr(item) for item in table.items()))

    def _seed(self, name: str) -> bytes:
        """A seed as the checks see it: where its name leads, and its bytes (or why it cannot
        be read)."""
        try:
            path = self.seeds.path_of(name)
            info = os.stat(path)
        except SeedError as refused:
            return digest("refused", refused.code, str(refused))
        except OSError as exc:
            return digest("unreadable", str(exc.strerror))
        shown = f"{SEEDS_DIR}/{name}"
        content = self.cache.file_digest(shown, info, None, sha256=True) if self.cache else None
        if content is None:
            try:
                data = path.read_bytes()
            except OSError as exc:
                return digest("unreadable", str(exc.strerror))
            if self.cache is not None:
                content = self.cache.file_digest(shown, info, data, sha256=True)
            else:
                content = hashlib.sha256(data).digest()
        return seed_fingerprint(path, content or b"")


def seed_fingerprint(path: Path, sha256: bytes) -> bytes:
    """What a seed that can be read is: where its name leads, and the SHA-256 of its bytes (as
    its text carries it, so the two can be compared)."""
    return digest(str(path), sha256)


class Recorder:
    """Views of the project for checking one file's claims at a time, and what each consulted.

    One recorder serves a whole run (its watched registries are built once); `view` starts a
    file and `dependencies` ends it."""

    def __init__(self, project: Project, seeds: SeedLibrary) -> None:
        self.seen: dict[str, set[str]] = {name: set() for name in (*_TABLES, "seed_files", "seed")}
        self.whole: set[str] = set()
        self.texts: dict[str, SeedText] = {}
        """The seed texts the checks of the file being viewed were given."""
        self._project = dataclasses.replace(
            project,
            claims=[],
            claim_files=[],
            claim_ids=[],
            suppressions=[],
            seed_files=_WatchedNames(project.seed_files, self),
            **{name: _Watched(getattr(project, name), name, self) for name in _TABLES},  # type: ignore[arg-type]
        )
        self.seeds = _WatchedSeeds(seeds, self)

    def view(self, drafts: list[ClaimDraft]) -> Project:
        """The project as one file's checks see it: its own claims and watched registries."""
        for keys in self.seen.values():
            keys.clear()
        self.whole.clear()
        self.texts.clear()
        self._project.drafts = drafts
        self._project.claims = []
        return self._project

    def dependencies(self) -> list[Dependency]:
        """What the checks of the file being viewed consulted, to fingerprint and compare later."""
        found: list[Dependency] = [("project", "", b"")]
        for name, keys in self.seen.items():
            if name in self.whole:
                found.append((name, "", b""))
            else:
                found.extend((name, key, b"") for key in sorted(keys))
        return found


def fingerprinted(dependencies: list[Dependency], now: Fingerprints) -> list[Dependency]:
    """The dependencies with what each is now."""
    return [(what, which, now.of(what, which)) for what, which, _ in dependencies]


def as_checked(dependencies: list[Dependency], texts: dict[str, SeedText]) -> bool:
    """Whether each seed's fingerprint is of the text the checks were given. A seed is read
    for its text and again for its fingerprint (perhaps much later in the run): an edit in
    between would otherwise keep findings about one text under the fingerprint of another,
    to be recalled whenever the seed reads as that other again."""
    fingerprints = {which: was for what, which, was in dependencies if what == "seed"}
    return all(
        fingerprints.get(name) == seed_fingerprint(text.path, bytes.fromhex(text.sha256))
        for name, text in texts.items()
    )


def unchanged(dependencies: list[Dependency], now: Fingerprints) -> bool:
    """Whether everything a cached result consulted is still what it was."""
    return all(now.of(what, which) == was for what, which, was in dependencies)
