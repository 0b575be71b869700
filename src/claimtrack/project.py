"""Find a claims project, read all of its files and build the typed model.

A project is a folder holding `claimtrack.yaml`, with `claims/` (claim and registry files,
organised however the newsroom likes) and `seeds/` (the source articles and their catalog).

CT017 project folder missing: a project without claims/ or seeds/ has nothing to check, and
saying "all clean" about it would be a false green.

FAIL: ``claimtrack.yaml`` beside an empty folder, with no ``claims/``.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from operator import itemgetter
from pathlib import Path
from struct import Struct
from typing import Any

from claimtrack.cache import Cache, Indexed, digest, status
from claimtrack.diagnostics import Diagnostic
from claimtrack.files import UnsafeFile, inside, read_regular
from claimtrack.load import MAX_FILE_BYTES, load_yaml, parse_yaml
from claimtrack.model import (
    ClaimDraft,
    Entity,
    Loc,
    Operand,
    Places,
    Project,
    Property,
    Rule,
    Scope,
    SeedInfo,
    Source,
    Suppression,
    TotalRef,
    Verdict,
    claimant_key,
    id_place,
    intern_keys,
    pack,
    packing,
)
from claimtrack.records import Reader, did_you_mean
from claimtrack.schema import (
    CATALOG_FILE,
    CLAIMS_FILE,
    DERIVED_RELATIONS,
    PROJECT_CONFIG,
    SUM_RELATIONS,
)
from claimtrack.text import name_key

CONFIG_FILE = "claimtrack.yaml"
CLAIMS_DIR = "claims"
SEEDS_DIR = "seeds"
CATALOG_NAME = "catalog.yaml"
CLAIM_SUFFIXES = (".yaml", ".yml")
_PLACED_FIELDS = ("id", "subject", "property", "scope", "relayed_by", "value", "seed", "quote")
"""The fields whose place later findings point at: the references, the value, and the first
source's seed and quote (a claimant's place is kept for each claimant)."""
_SOURCE_FIELDS = ("seed", "quote")
_FIRST = itemgetter(0)
_SECOND = itemgetter(1)


CODES = ("CT017",)
"""The findings this module reports, documented above (`claimtrack explain CODE`)."""


class NotAProject(Exception):
    """Raised when no claims project encloses the working directory."""


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` that holds claimtrack.yaml, as git finds .git."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise NotAProject(f"no {CONFIG_FILE} in {start} or any parent folder")


def _walk(
    root: Path, folder: str, diagnostics: list[Diagnostic], watched: list[str] | None = None
) -> list[str]:
    """Every file under root/folder, as a project-relative path, sorted as paths sort (part by
    part), found through the project's own paths. `watched` gets every folder listed and every
    link met: what the listing stays the same for while their statuses do (see `_listing`).

    Links to folders are followed only when they lead inside the project and not back up to a
    folder that holds them, each folder read once; a folder that cannot be listed or leads
    outside is a finding (CT001), never a silent gap in what is checked. Special files are
    listed, and refused when read. Paths stay strings: at a hundred thousand seeds, making and
    sorting path objects took longer than a run that re-checks one file.
    """
    files: list[str] = []
    seen: set[str] = set()
    prefix = len(os.path.join(root, ""))
    stack = [str(root / folder)]
    top = os.path.realpath(root / folder)
    while stack:
        current = stack.pop()
        shown = f"{current[prefix:]}/"
        if not inside(Path(current), root):
            diagnostics.append(
                Diagnostic(
                    shown,
                    1,
                    1,
                    "CT001",
                    "folder is a symbolic link that leads outside the project; "
                    "only links inside it are followed",
                )
            )
            continue
        real = os.path.realpath(current)
        if seen and Path(top).is_relative_to(real):
            diagnostics.append(
                Diagnostic(
                    shown, 1, 1, "CT001", "folder is a symbolic link back to a folder that holds it"
                )
            )
            continue
        if real in seen:
            continue
        seen.add(real)
        if watched is not None:
            watched.append(current)
        try:
            with os.scandir(current) as listing:
                entries = list(listing)
        except OSError as exc:
            diagnostics.append(
                Diagnostic(
                    shown,
                    1,
                    1,
                    "CT001",
                    f"cannot read folder: {exc.strerror or exc}; the files in it were not checked",
                )
            )
            continue
        for entry in entries:
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            if watched is not None and entry.is_symlink():
                watched.append(entry.path)
            if is_folder:
                stack.append(entry.path)
            else:
                files.append(entry.path[prefix:])
    files.sort(key=lambda path: path.split("/"))
    return files


def _listing(
    root: Path, folder: str, diagnostics: list[Diagnostic], cache: Cache | None
) -> list[str]:
    """`_walk`, or what it found last time while every folder it listed and every link it met
    has the status it had then, long enough settled: a folder's status changes whenever a
    file is added to it, removed or renamed, and a link's whenever what it leads to is
    replaced. At a hundred thousand seeds, listing them was most of a run that checks one
    file."""
    if cache is not None:
        found = cache.get("listing", folder, b"")
        if isinstance(found, tuple) and len(found) == 4 and _statuses(found[0], cache) == found[1]:
            diagnostics.extend(found[3])
            return list(found[2])
    problems: list[Diagnostic] = []
    watched: list[str] = []
    files = _walk(root, folder, problems, watched)
    diagnostics.extend(problems)
    if cache is not None:
        now = _statuses(watched, cache)
        if now is not None:
            cache.put("listing", folder, b"", (watched, now, files, problems))
    return files


def _statuses(paths: list[str], cache: Cache) -> bytes | None:
    """What the statuses of `paths` (followed through links) are now, or None when one of them
    changed too recently to stand for what it holds."""
    parts = []
    for path in paths:
        try:
            info = os.stat(path)
        except OSError as exc:
            parts.append(f"{path}\0{exc.errno}".encode())
            continue
        if not cache.settled(info):
            return None
        parts.append(path.encode() + b"\0" + status(info) + b"%d" % info.st_mode)
    return digest(*parts)


def claim_files(root: Path, diagnostics: list[Diagnostic], cache: Cache | None = None) -> list[str]:
    """The project-relative path of every claims file."""
    return [
        path
        for path in _listing(root, CLAIMS_DIR, diagnostics, cache)
        if path.endswith(CLAIM_SUFFIXES)
    ]


def seed_names(root: Path, diagnostics: list[Diagnostic], cache: Cache | None = None) -> set[str]:
    """The name of every seed (its path under seeds/), the catalog and hidden files left out."""
    start = len(SEEDS_DIR) + 1
    names = set()
    for path in _listing(root, SEEDS_DIR, diagnostics, cache):
        name = path[start:]
        if "/" in name:
            if name.split("/", 1)[0] == CATALOG_NAME or name.rsplit("/", 1)[1].startswith("."):
                continue
        elif name == CATALOG_NAME or name.startswith("."):
            continue
        names.add(name)
    return names


def is_project_file(path: str) -> bool:
    """Whether a project-relative path names a file validate reads: claimtrack.yaml, a claim
    or registry file under claims/, or a file under seeds/ (an article or the catalog)."""
    name = path.rsplit("/", 1)[-1]
    if path == CONFIG_FILE:
        return True
    if path.startswith(f"{CLAIMS_DIR}/"):
        return name.endswith(CLAIM_SUFFIXES)
    return path.startswith(f"{SEEDS_DIR}/") and not name.startswith(".")


def display_path(root: Path, file: Path) -> str:
    return file.relative_to(root).as_posix()


@dataclass
class FileRead:
    """What one claims file says on its own, whatever the rest of the project holds: its
    registry sections as read, its claims, the findings of reading it, and the findings it
    accepts. Kept in the cache under the file's bytes; `drafts` is kept apart (as the bulk of
    it), so a run that re-checks nothing in the file never unpickles its claims. (Without
    slots: pickle then reads and restores its fields in C.)"""

    path: str
    content: bytes | None
    """The digest of the bytes read (None when the file could not be read)."""
    diagnostics: list[Diagnostic]
    registry: dict[str, Any]
    suppressions: list[Suppression]
    ids: list[tuple[str, Places]]
    """(id, the claim's places) of each claim, in file order (see `Project.claim_ids`)."""
    seeds: frozenset[str]
    drafts: list[ClaimDraft] | None = None


_REGISTRY_SECTIONS = ("entities", "scopes", "properties", "rules", "verdicts")


def read_claims_file(path: str, data: bytes | None, problems: list[Diagnostic]) -> FileRead:
    """Read one claims file's bytes (None: unreadable, as `problems` say) into a `FileRead`."""
    diagnostics = list(problems)
    node = None
    if data is not None:
        node, parsed = parse_yaml(data, path)
        diagnostics.extend(parsed)
    registry: dict[str, Any] = {}
    drafts: list[ClaimDraft] = []
    accepted: list[Suppression] = []
    if node is not None:
        values, locs = Reader(path, diagnostics).record(node, CLAIMS_FILE)
        registry = {name: values[name] for name in _REGISTRY_SECTIONS if values.get(name)}
        defaults = values.get("defaults") or {"values": {}, "locs": {}}
        drafts = list(_drafts(values.get("claims") or [], defaults, accepted, diagnostics))
        if "ignore" in values:
            accepted.extend(suppressions(values["ignore"], locs["ignore"], path, diagnostics))
    return FileRead(
        path=path,
        content=digest(data) if data is not None else None,
        diagnostics=diagnostics,
        registry=registry,
        suppressions=accepted,
        ids=[(d.id, d.locs) for d in drafts],
        seeds=frozenset(s.seed for d in drafts for s in d.sources),
        drafts=drafts,
    )


@dataclass(slots=True)
class Loaded:
    """A project as read, with each claims file's own result (for per-file checks)."""

    project: Project
    diagnostics: list[Diagnostic]
    files: list[FileRead]
    cache: Cache | None
    skipped: dict[str, bytes] = field(default_factory=dict)
    """Files left unread (see `read_project`'s `only`), with the digest of their bytes."""
    only: frozenset[str] = frozenset()
    """The claims files reported on, when the run reports on claims files alone."""
    everything: bool = False
    """Whether `project.claims` holds the claims of every file (see `pipeline.validate`)."""

    def read_skipped(self) -> None:
        """Read the files that were left unread, in their place among the others (the run then
        reports on more than the claims files it was given)."""
        self.only = frozenset()
        if not self.skipped:
            return
        root, cache = self.project.root, self.cache
        kept = {read.path: read for read in self.files}
        self.files = []
        for path in self.project.claim_files:
            read = kept.get(path) or _read(root, root / path, path, cache, False)[0]
            self.files.append(read)
            if path in self.skipped:
                self.diagnostics.extend(read.diagnostics)
                self.project.suppressions.extend(read.suppressions)
        self.project.claim_ids = [entry for read in self.files for entry in read.ids]
        self.skipped = {}

    def drafts_of(self, read: FileRead) -> list[ClaimDraft]:
        """A file's claims: kept from reading it, else from the cache, else read again."""
        if read.drafts is not None:
            return read.drafts
        if self.cache is not None and read.content is not None:
            found = self.cache.get("drafts", read.path, read.content)
            if isinstance(found, list):
                return found
        data, problems = _read_bytes(self.project.root, read.path)
        again = read_claims_file(read.path, data, problems)
        if again.content != read.content:
            raise ChangedWhileRead(read.path)
        return again.drafts or []


class ChangedWhileRead(Exception):
    """A file changed between two reads of one run: the run must not mix the two."""

    def __init__(self, path: str) -> None:
        super().__init__(f"{path} changed while it was being checked; run again")


def _read_bytes(root: Path, path: str) -> tuple[bytes | None, list[Diagnostic]]:
    try:
        return read_regular(root / path, within=root, limit=MAX_FILE_BYTES), []
    except UnsafeFile as refused:
        return None, [Diagnostic(path, 1, 1, refused.code, refused.message)]


def remembered(
    cache: Cache | None, root: Path, file: Path | str, path: str
) -> tuple[os.stat_result | None, bytes | None]:
    """A file's status now, and the digest of its bytes the cache remembers under it."""
    if cache is None:
        return None, None
    try:
        info = os.stat(file)
    except OSError:
        return None, None
    return info, known_digest(cache, root, file, path, info)


def _read(
    root: Path, file: Path | str, path: str, cache: Cache | None, with_drafts: bool
) -> tuple[FileRead, bytes]:
    """One claims file, from the cache when its bytes are those of an entry there; with the
    status they were read under, once settled (else b"")."""
    info, content = remembered(cache, root, file, path)
    state = status(info) if cache is not None and info is not None and cache.settled(info) else b""
    if cache is not None and content is not None:
        head = cache.get("head", path, content)
        if isinstance(head, FileRead):
            if not with_drafts:
                return head, state
            drafts = cache.get("drafts", path, content)
            if isinstance(drafts, list):
                head.drafts = drafts
                return head, state
    data, problems = _read_bytes(root, path)
    read = read_claims_file(path, data, problems)
    if cache is not None and info is not None and data is not None and read.content:
        cache.file_digest(path, info, data)
        drafts, read.drafts = read.drafts, None
        cache.put("head", path, read.content, read)
        cache.put("drafts", path, read.content, drafts)
        read.drafts = drafts  # kept: the cache is written only at the end of the run
    return read, state if data is not None else b""


def read_project(
    root: Path,
    on_file: Callable[[int, int], None] | None = None,
    cache: Cache | None = None,
    *,
    drafts: bool = True,
    only: frozenset[str] = frozenset(),
) -> Loaded:
    """Read every file of the project (through `cache` when given); with `drafts` False, a
    file's claims are left in the cache until `Loaded.drafts_of` asks for them.

    With `only` (claims files to report on) and a cache, the files that are not among them are
    not read at all when the cache's id index vouches for them as they are now and they hold no
    registries: their findings are not wanted, and all the reported files need of them is
    whether an id of theirs is the same as, or looks like, one of their own (the id index
    answers that). `Loaded.skipped` lists them, and `Loaded.read_skipped` reads them if a
    check turns out to need every claim after all.
    """
    diagnostics: list[Diagnostic] = []
    project = Project(root=root)
    loaded = Loaded(project, diagnostics, [], cache, only=only)
    for folder in (CLAIMS_DIR, SEEDS_DIR):
        if not os.path.lexists(root / folder):
            diagnostics.append(
                Diagnostic(
                    f"{folder}/",
                    1,
                    1,
                    "CT017",
                    f"the project has no "
                    f"{folder}/ folder; create it (claimtrack init makes "
                    "a complete project)",
                )
            )
    if diagnostics:
        return loaded
    config, problems = load_yaml(root / CONFIG_FILE, CONFIG_FILE, within=root)
    diagnostics.extend(p for p in problems if p.code != "CT008")
    if config is not None:
        settings, setting_locs = Reader(CONFIG_FILE, diagnostics).record(config, PROJECT_CONFIG)
        project.name = settings.get("name")
        if "ignore" in settings:
            project.suppressions.extend(
                suppressions(settings["ignore"], setting_locs["ignore"], None, diagnostics)
            )

    project.seed_files = seed_names(root, diagnostics, cache)
    catalog = root / SEEDS_DIR / CATALOG_NAME
    if os.path.lexists(catalog):  # a folder or a broken link is reported
        project.catalog_path = display_path(root, catalog)
        _load_catalog(project, catalog, diagnostics, cache)

    builder = _Builder(project, diagnostics)
    files = claim_files(root, diagnostics, cache)
    indexed = cache.indexed() if cache is not None else {}
    partial = bool(only) and cache is not None
    base = os.path.join(root, "")
    for done, path in enumerate(files, start=1):
        file = base + path
        project.claim_files.append(path)
        if partial and path not in only:
            content = _vouched(root, file, indexed.get(path))
            if content is not None:
                loaded.skipped[path] = content
                continue
        read, state = _read(root, file, path, cache, drafts)
        loaded.files.append(read)
        diagnostics.extend(read.diagnostics)
        project.suppressions.extend(read.suppressions)
        project.claim_ids.extend(read.ids)
        builder.add_sections(read.registry)
        if drafts and read.drafts is not None:
            project.drafts.extend(read.drafts)
        if cache is not None and read.content is not None:
            place = Indexed(read.content, bool(read.registry), len(read.ids), state)
            if indexed.get(path) != place:
                cache.index(path, read.content, place.registry, _id_rows(read), state)
        if on_file:
            on_file(done, len(files))
    builder.finish()
    if loaded.skipped and not _add_look_alikes(loaded, only):
        return read_project(root, on_file, cache, drafts=drafts)
    if cache is not None and not partial:
        cache.forget(("head", "drafts", "checked"), project.claim_files)
        cache.forget_index(project.claim_files)
    return loaded


def _vouched(root: Path, file: str, place: Indexed | None) -> bytes | None:
    """The digest of a file's bytes when the id index vouches for the file as it is now: its
    ids were read from bytes under the status it has now (settled then, so the same bytes),
    it has no registries (every claim may depend on those), and it is not a link that leads
    outside the project now."""
    if place is None or place.registry or not place.status:
        return None
    try:
        info = os.stat(file)
    except OSError:
        return None
    if status(info) != place.status or (os.path.islink(file) and not inside(file, root)):
        return None
    return place.content


def known_digest(
    cache: Cache, root: Path, file: Path | str, path: str, info: os.stat_result | None = None
) -> bytes | None:
    """The digest of a file's bytes remembered under its status, unless the file is a link
    that leads outside the project now: re-pointing a link, or moving out a folder it leads
    through, leaves the status of the file it reaches as it was, and a file outside is refused
    (the folders on the way were checked when they were listed)."""
    if os.path.islink(file) and not inside(file, root):
        return None
    return cache.file_digest(path, info if info is not None else os.stat(file), None)


def _id_rows(read: FileRead) -> list[tuple[str, str, int, int, int, int]]:
    from claimtrack.text import look_alike_key

    rows = []
    for claim_id, places in read.ids:
        loc, at = places.base, id_place(places)
        rows.append((look_alike_key(claim_id), claim_id, loc.line, loc.column, at.line, at.column))
    return rows


def _add_look_alikes(loaded: Loaded, only: frozenset[str]) -> bool:
    """Add to `claim_ids` the ids of skipped files that are, or look like, an id of a file
    reported on, in the order of the files; False when the index cannot vouch for them."""
    from claimtrack.text import look_alike_key

    project, cache = loaded.project, loaded.cache
    if cache is None:
        return False
    keys = {look_alike_key(i) for read in loaded.files if read.path in only for i, _ in read.ids}
    found = cache.ids_like(keys, loaded.skipped)
    if found is None:
        return False
    order = {path: index for index, path in enumerate(project.claim_files)}
    for path, rows in found.items():
        for _, claim_id, line, column, id_line, id_column in rows:
            loc = Loc(path, line, column)
            project.claim_ids.append(
                (claim_id, Places.of(loc, ("id",), (Loc(path, id_line, id_column),)))
            )
    project.claim_ids.sort(key=lambda entry: (order[entry[1].base.path], *entry[1].base[1:]))
    return True


def suppressions(
    codes: list[str],
    loc: Loc,
    path: str | None,
    diagnostics: list[Diagnostic],
    lines: tuple[int, int] = (1, 2**31),
) -> list[Suppression]:
    """Read an `ignore:` list. Codes that do not exist are refused, and so are the codes of
    unreadable input: accepting those would let a file go unchecked and still count as clean."""
    from claimtrack.diagnostics import CODES

    accepted = []
    for code in codes:
        found = CODES.get(code)
        if found is None:
            message = f"ignore: no finding code {code!r}{did_you_mean(code, sorted(CODES))}"
            diagnostics.append(Diagnostic.at(loc, "CT016", message))
        elif found.unreadable:
            message = f"ignore: {code} cannot be accepted: the file would go unchecked"
            diagnostics.append(Diagnostic.at(loc, "CT016", message))
        else:
            accepted.append(Suppression(code, loc, path, *lines))
    return accepted


def _load_catalog(
    project: Project, file: Path, diagnostics: list[Diagnostic], cache: Cache | None = None
) -> None:
    """Read the seed catalog (from the cache when its bytes are unchanged: at a hundred
    thousand seeds, parsing it is most of a run that re-checks one file)."""
    path = project.catalog_path or ""
    info, content = remembered(cache, project.root, file, path)
    if cache is not None and content is not None:
        found = cache.get("catalog", path, content)
        if isinstance(found, tuple) and len(found) == 2:
            columns, problems = found
            project.catalog.update(_unpacked(columns))
            diagnostics.extend(problems)
            return
    data, problems = _read_bytes(project.root, path)
    node = None
    if data is not None:
        node, parsed = parse_yaml(data, path)
        problems.extend(parsed)
    if node is not None:
        values, _ = Reader(path, problems).record(node, CATALOG_FILE)
        for name, entry in (values.get("seeds") or {}).items():
            v = entry["values"]
            project.catalog[name] = SeedInfo(
                name=name,
                loc=entry["loc"],
                title=v.get("title"),
                publisher=v.get("publisher"),
                published=v.get("published"),
                url=v.get("url"),
                sha256=v.get("sha256"),
                derived_from=v.get("derived_from"),
                note=v.get("note"),
            )
    diagnostics.extend(problems)
    if cache is not None and info is not None and data is not None:
        content = cache.file_digest(path, info, data)
        if content is not None:
            cache.put("catalog", path, content, (_packed(project.catalog), problems))


def _packed(catalog: dict[str, SeedInfo]) -> list[list[Any]]:
    """The catalog as one list per field (a place as its path, line and column): a hundred
    thousand entries unpickle as a few long lists in a fifth of the time they took as
    objects, and `_unpacked` rebuilds them without a Python call per entry."""
    rows = [(*info[:1], *info.loc, *info[2:]) for info in catalog.values()]
    return [list(column) for column in zip(*rows, strict=True)] if rows else []


def _unpacked(columns: list[list[Any]]) -> Iterator[tuple[str, SeedInfo]]:
    if not columns:
        return iter(())
    names, paths, lines, places, *rest = columns
    locs = map(functools.partial(tuple.__new__, Loc), zip(paths, lines, places, strict=True))
    infos = map(functools.partial(tuple.__new__, SeedInfo), zip(names, locs, *rest, strict=True))
    return zip(names, infos, strict=True)


def _drafts(
    claims: list[dict[str, Any]],
    defaults: dict[str, Any],
    accepted: list[Suppression],
    diagnostics: list[Diagnostic],
) -> Iterator[ClaimDraft]:
    """The claims of one file, with its defaults applied; their `ignore:` lists go to
    `accepted`."""
    base_values, base_locs = defaults["values"], defaults["locs"]
    starts = [entry["loc"].line for entry in claims]
    named: dict[tuple[str, ...], tuple[str, ...]] = {}  # one copy of each list of claimants
    layouts: dict[tuple[object, ...], tuple[tuple[str, ...], itemgetter[Any], int, Struct]] = {}
    """By the fields a claim was written with: the names of its places, and how to take them
    (the last is asked for twice, so that one field still comes as a tuple)."""
    for index, entry in enumerate(claims):
        values = {**base_values, **entry["values"]}
        locs = {**base_locs, **entry["locs"]}
        if "id" not in values:
            continue
        loc = entry["loc"]
        claimants = values.get("claimant", ())
        shape = (*locs, len(claimants))
        layout = layouts.get(shape)
        if layout is None:
            fields = tuple(key for key in _PLACED_FIELDS if key in locs)
            keys = fields + tuple(claimant_key(number) for number in range(len(claimants)))
            keys = intern_keys(keys)
            layout = layouts[shape] = (
                keys,
                itemgetter(*fields, *fields[-1:]),
                len(fields),
                packing(len(keys)),
            )
        keys, taken, count, packs = layout
        at = Places(loc, keys, pack((*taken(locs)[:count], *map(_SECOND, claimants)), packs))
        sources = []
        if "quote" in values:
            if "seed" in values:
                sources.append(Source(values["seed"], values["quote"], at))
            else:
                message = (
                    f"claim {values['id']!r} has no seed: add "
                    "'seed:' to it or to the file's defaults"
                )
                diagnostics.append(Diagnostic.at(loc, "CT013", message))
        for extra in values.get("also") or ():
            ev, el = extra["values"], extra["locs"]
            if "seed" in ev and "quote" in ev:
                also = Places.of(extra["loc"], _SOURCE_FIELDS, (el["seed"], el["quote"]))
                sources.append(Source(ev["seed"], ev["quote"], also))
        if "ignore" in entry["values"]:
            last = starts[index + 1] - 1 if index + 1 < len(starts) else 2**31
            accepted.extend(
                suppressions(
                    entry["values"]["ignore"],
                    entry["locs"]["ignore"],
                    loc.path,
                    diagnostics,
                    (loc.line, last),
                )
            )
        yield ClaimDraft(
            id=values["id"],
            loc=loc,
            subject=values.get("subject"),
            property=values.get("property"),
            scope=values.get("scope"),
            value=values.get("value"),
            claimant_names=named.setdefault(names := tuple(map(_FIRST, claimants)), names),
            relayed_by=values.get("relayed_by"),
            kind=values.get("kind", "claim"),
            as_of=values.get("as_of"),
            said=values.get("said"),
            note=values.get("note"),
            sources=tuple(sources),
            locs=at,
            stage=values.get("stage"),
        )


class _Builder:
    """Collects the registry sections of every claims file into the project's registries."""

    def __init__(self, project: Project, diagnostics: list[Diagnostic]) -> None:
        self.project = project
        self.diagnostics = diagnostics
        self.raw_entities: list[tuple[str, dict[str, Any]]] = []
        self.raw_rules: list[tuple[str, dict[str, Any]]] = []

    def report(self, loc: Loc, code: str, message: str) -> None:
        self.diagnostics.append(Diagnostic.at(loc, code, message))

    def _unique(self, table: dict[str, Any], key: str, loc: Loc, what: str) -> bool:
        if key in table:
            first = table[key].loc
            self.report(
                loc,
                "CT201",
                f"duplicate {what} id {key!r}; first defined at {first.path}:{first.line}",
            )
            return False
        return True

    def add_sections(self, sections: dict[str, Any]) -> None:
        """Add one file's registry sections, in the order of the files."""
        project = self.project
        for key, entry in (sections.get("entities") or {}).items():
            self.raw_entities.append((key, entry))
        for key, entry in (sections.get("scopes") or {}).items():
            if self._unique(project.scopes, key, entry["loc"], "scope"):
                v = entry["values"]
                project.scopes[key] = Scope(
                    key, v.get("name", key), v.get("date"), entry["loc"], v.get("note")
                )
        for key, entry in (sections.get("properties") or {}).items():
            if self._unique(project.properties, key, entry["loc"], "property"):
                project.properties[key] = self._property(key, entry)
        for key, entry in (sections.get("rules") or {}).items():
            self.raw_rules.append((key, entry))
        for key, entry in (sections.get("verdicts") or {}).items():
            if self._unique(project.verdicts, key, entry["loc"], "verdict"):
                v = entry["values"]
                project.verdicts[key] = Verdict(
                    key,
                    v.get("status", "open"),
                    entry["loc"],
                    v.get("verdict"),
                    v.get("rating"),
                    v.get("by"),
                    v.get("date"),
                    v.get("note"),
                    tuple(v.get("claims", ())),
                    tuple(v.get("reviewed", ())),
                )

    def _property(self, key: str, entry: dict[str, Any]) -> Property:
        v = entry["values"]
        terms: dict[str, str] = {}
        for canonical, variants in (v.get("terms") or {}).items():
            for wording in (canonical, *variants):
                terms[name_key(wording)] = canonical
        return Property(
            id=key,
            name=v.get("name", key),
            type=v.get("type", "text"),
            loc=entry["loc"],
            unit=v.get("unit"),
            multi=v.get("multi", False),
            changes=v.get("changes", False),
            scoped=v.get("scoped", True),
            tolerance=v.get("tolerance"),
            terms=terms,
            note=v.get("note"),
        )

    def finish(self) -> None:
        self._entities()
        self._rules()

    def _entities(self) -> None:
        project = self.project
        owners: dict[str, tuple[str, Loc]] = {}
        for key, entry in self.raw_entities:
            if not self._unique(project.entities, key, entry["loc"], "entity"):
                continue
            v = entry["values"]
            entity = Entity(
                key,
                v.get("name", key),
                v.get("type"),
                tuple(v.get("aliases", ())),
                entry["loc"],
                v.get("note"),
                v.get("short"),
            )
            project.entities[key] = entity
            for name in (key, entity.name, *entity.aliases):
                folded = name_key(name)
                owner = owners.get(folded)
                if owner and owner[0] != key:
                    self.report(
                        entry["locs"].get("aliases", entry["loc"]),
                        "CT206",
                        f"{name!r} names both {owner[0]!r} (at {owner[1].path}:"
                        f"{owner[1].line}) and {key!r}",
                    )
                    continue
                owners[folded] = (key, entry["loc"])
                project.aliases[folded] = key

    def _rules(self) -> None:
        project = self.project
        for key, entry in self.raw_rules:
            if not self._unique(project.rules, key, entry["loc"], "rule"):
                continue
            v, locs = entry["values"], entry["locs"]
            if "property" not in v or "relation" not in v:
                continue
            relation = v["relation"]
            rule = Rule(
                id=key,
                description=v.get("description"),
                property=v["property"],
                parts=tuple(v.get("parts", ())),
                total=None,
                relation=relation,
                scope=v.get("scope"),
                loc=entry["loc"],
                locs=locs,
            )
            if relation in SUM_RELATIONS:
                built = self._sum_rule(rule, v)
            else:
                built = self._derived_rule(rule, v)
            if built is not None:
                project.rules[key] = built

    def _sum_rule(self, rule: Rule, v: dict[str, Any]) -> Rule | None:
        total = v.get("total")
        totals = {scope: number for scope, (number, _) in (v.get("totals") or {}).items()}
        if isinstance(total, dict):
            tv = total["values"]
            if "subject" not in tv or "property" not in tv:
                return None
            total = TotalRef(tv["subject"], tv["property"], total["loc"])
        if (total is None) == (not totals):
            self.report(
                rule.loc,
                "CT207",
                f"rule {rule.id!r}: a sum rule takes either 'total' or 'totals' (per scope)",
            )
            return None
        return dataclasses.replace(rule, total=total, totals=totals)

    def _derived_rule(self, rule: Rule, v: dict[str, Any]) -> Rule | None:
        names = DERIVED_RELATIONS[rule.relation]
        missing = [name for name in names if name not in v]
        if missing:
            self.report(
                rule.loc,
                "CT207",
                f"rule {rule.id!r}: a {rule.relation} rule needs "
                f"{' and '.join(repr(n) for n in missing)}",
            )
            return None
        operands = []
        for name in names:
            ov = v[name]["values"]
            if "property" not in ov:
                return None
            operands.append(
                Operand(ov["property"], ov.get("subject"), ov.get("scope"), v[name]["loc"])
            )
        scale = v.get("scale", Decimal(1))
        if rule.relation == "ratio" and scale == 0:
            self.report(
                rule.locs.get("scale", rule.loc),
                "CT207",
                f"rule {rule.id!r}: a ratio's scale cannot be 0",
            )
            return None
        return dataclasses.replace(rule, operands=tuple(operands), scale=scale)
