"""CT001, CT002, CT004, CT101, CT106, CT107, CT108, CT111, CT113: the seed catalog and the seed
files agree, and every seed file can be read.

The catalog records each seed's sha256 when it was catalogued: an edited source is then noticed
(CT106), since a quote checked against an edited article proves nothing. So the catalog itself
must be there (CT111): without it no edit would be noticed. A seed file with no catalog entry
is a warning (CT107); an entry whose file is gone is an error (CT108); a seed declared as
derived from an unknown seed is an error (CT101), and so are seeds that derive from each other
in a circle (CT113): none of them would be the original, so each would count as a source
independent of the others. A seed that cannot be read (CT001), is not UTF-8 (CT002) or is over
the seed size limit (CT004) is reported at the seed itself.

PASS::

    seeds:
      000_3151aab1fac2fcb4.txt:
        sha256: 193ab23bf6697eedb4104500f3460a9ef72bb20d1af251d340ffca7e38178f5b

FAIL (CT106 once a character of the article changes)

FAIL (CT111 once seeds/catalog.yaml is deleted)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from claimtrack.checks import Context
from claimtrack.diagnostics import Diagnostic
from claimtrack.model import SeedInfo
from claimtrack.project import CATALOG_NAME, SEEDS_DIR
from claimtrack.seeds import SeedError

CODES = ("CT001", "CT002", "CT004", "CT101", "CT106", "CT107", "CT108", "CT111", "CT113")
CATALOG = f"{SEEDS_DIR}/{CATALOG_NAME}"


def _seed_path(name: str) -> str:
    return f"{SEEDS_DIR}/{name}"


def _circles(catalog: Mapping[str, SeedInfo]) -> dict[str, list[str]]:
    """Each seed on a derived_from circle, with the circle as walked from it.

    Each seed is walked once (a long chain in a hostile catalog costs no more than its length).
    """
    found: dict[str, list[str]] = {}
    walked: set[str] = set()
    for start in catalog:
        place: dict[str, int] = {}
        path: list[str] = []
        seed: str | None = start
        while seed is not None and seed in catalog and seed not in walked:
            walked.add(seed)
            place[seed] = len(path)
            path.append(seed)
            seed = catalog[seed].derived_from
        if seed is not None and seed in place:
            circle = path[place[seed] :]
            for i, member in enumerate(circle):
                found[member] = [*circle[i:], *circle[:i], member]
    return found


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    for name in sorted(project.seed_files):
        if context.wanted(_seed_path(name)):
            try:
                context.seeds.get(name)
            except SeedError as exc:
                yield Diagnostic(_seed_path(name), exc.line, exc.column, exc.code, str(exc))
    catalog_path = project.catalog_path
    if catalog_path is None:
        if project.seed_files or project.claim_ids:
            yield Diagnostic(
                CATALOG,
                1,
                1,
                "CT111",
                f"the seed catalog {CATALOG} is missing, so an edited seed would go "
                "unnoticed; list each seed there with its sha256 (claimtrack init writes one)",
            )
        return
    for name in sorted(project.seed_files - project.catalog.keys()):
        if context.wanted(_seed_path(name)):
            yield Diagnostic(
                _seed_path(name),
                1,
                1,
                "CT107",
                f"seed {name} is not in {catalog_path}; add its title, publisher, "
                "date and sha256 there",
            )
    circles = _circles(project.catalog)
    for name, info in sorted(project.catalog.items()):
        if not (context.wanted(catalog_path) or context.wanted(_seed_path(name))):
            continue
        loc = info.loc
        if name in circles:
            yield Diagnostic.at(
                info.loc,
                "CT113",
                f"{name} derives from itself through {' -> '.join(circles[name])}; "
                "name the original as derived_from of the others, and none for the original",
            )
        if info.derived_from and info.derived_from not in project.catalog:
            yield Diagnostic.at(
                loc,
                "CT101",
                f"{name} is derived from {info.derived_from!r}, which is not in the catalog",
            )
        try:
            digest = context.seeds.get(name).sha256
        except SeedError as exc:
            if exc.code in ("CT101", "CT103"):
                yield Diagnostic.at(
                    loc, "CT108", f"catalog lists {name}, but seeds/{name} does not exist"
                )
            elif name not in project.seed_files:
                yield Diagnostic.at(loc, exc.code, str(exc))
            continue  # otherwise reported at the seed file itself
        if info.sha256 and info.sha256 != digest:
            yield Diagnostic.at(
                loc,
                "CT106",
                f"seeds/{name} has changed since it was catalogued (sha256 "
                f"{digest[:12]}…, catalog says {info.sha256[:12]}…); if the change "
                "is intended, re-check its claims and update the hash",
            )
