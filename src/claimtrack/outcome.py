"""A validate of the whole project, remembered: when nothing it read has changed, the next one
reports the same outcome without loading or checking anything.

What "nothing it read" means is spelled out by `inputs`: the bytes of claimtrack.yaml, of every
claims file and of the catalog; every seed file's name, where it leads and its bytes; what
listing the folders found (a folder that cannot be read, a link that leads outside); and what
the modeline check finds now (it reads the first lines of each file and asks whether a schema
exists outside claims/ and seeds/, so it is simply run again). The digest is taken before the
run and again after it, and the outcome is kept only when the two agree: a file edited while a
run reads it makes the next run check again, never recall a mix.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from claimtrack.cache import Cache, digest
from claimtrack.diagnostics import Diagnostic
from claimtrack.files import UnsafeFile, read_regular
from claimtrack.load import MAX_FILE_BYTES
from claimtrack.model import Project
from claimtrack.project import (
    CATALOG_NAME,
    CLAIMS_DIR,
    CONFIG_FILE,
    SEEDS_DIR,
    claim_files,
    display_path,
    remembered,
    seed_names,
)
from claimtrack.seeds import SeedLibrary

if TYPE_CHECKING:
    from claimtrack.pipeline import Run


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a validate of the whole project found, as it is rendered."""

    diagnostics: list[Diagnostic]
    files: int
    suppressed: int
    unlisted: tuple[tuple[str, bytes], ...] = ()
    """Seeds claims cite that the listing of seeds/ leaves out (a hidden file), with their
    fingerprints: `inputs` cannot know them before the claims are read, so `recall` checks
    them."""


def inputs(root: Path, cache: Cache) -> bytes | None:
    """A digest of everything a whole-project validate reads, or None when a file cannot be
    read (the run then reports it)."""
    from claimtrack.checks import Context, modeline
    from claimtrack.depends import Fingerprints

    if not ((root / CLAIMS_DIR).is_dir() and (root / SEEDS_DIR).is_dir()):
        return None
    listing: list[Diagnostic] = []
    files = [root / CONFIG_FILE]
    catalog = root / SEEDS_DIR / CATALOG_NAME
    if os.path.lexists(catalog):
        files.append(catalog)
    claims = [root / path for path in claim_files(root, listing, cache)]
    files.extend(claims)
    names = sorted(seed_names(root, listing, cache))
    parts: list[bytes | str] = [repr(sorted(listing))]
    for file in files:
        path = display_path(root, file)
        content = _content(root, file, path, cache)
        if content is None:
            return None
        parts.extend((path, content))
    project = Project(root=root, claim_files=[display_path(root, f) for f in claims])
    project.catalog_path = display_path(root, catalog) if catalog in files else None
    seeds = SeedLibrary(root)
    now = Fingerprints(project, seeds, cache)
    parts.extend(part for name in names for part in (name, now.of("seed", name)))
    found = modeline.check(Context(project, seeds, lambda _path: True))
    parts.append(repr(sorted(found)))
    return digest(*parts)


def _content(root: Path, file: Path, path: str, cache: Cache) -> bytes | None:
    info, known = remembered(cache, root, file, path)
    if info is None or known is not None:
        return known
    try:
        data = read_regular(file, within=root, limit=MAX_FILE_BYTES)
    except UnsafeFile:
        return None
    return cache.file_digest(path, info, data)


def recall(root: Path, cache: Cache, key: bytes) -> Outcome | None:
    from claimtrack.depends import Fingerprints

    found = cache.get("outcome", "validate", key)
    if not isinstance(found, Outcome):
        return None
    now = Fingerprints(Project(root=root), SeedLibrary(root), cache)
    if any(now.of("seed", name) != was for name, was in found.unlisted):
        return None
    return found


def unlisted(run: Run) -> tuple[tuple[str, bytes], ...]:
    """The seeds a run's claims cite beyond the listing, with what they are now."""
    from claimtrack.depends import Fingerprints

    loaded = run.loaded
    cited: set[str] = set()
    if loaded is not None:
        cited = set().union(*(read.seeds for read in loaded.files))
    else:
        cited = {source.seed for draft in run.project.drafts for source in draft.sources}
    now = run.fingerprints or Fingerprints(run.project, run.seeds, None)
    return tuple((name, now.of("seed", name)) for name in sorted(cited - run.project.seed_files))


def remember(cache: Cache, key: bytes, outcome: Outcome, root: Path) -> None:
    """Keep `outcome` under `key` if the project still reads as it did when `key` was taken."""
    if inputs(root, cache) == key:
        cache.put("outcome", "validate", key, outcome)
        cache.flush()
