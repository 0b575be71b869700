"""CT101, CT106, CT107, CT108: the seed catalog and the seed files agree.

The catalog records each seed's sha256 when it was catalogued: an edited source is then noticed
(CT106), since a quote checked against an edited article proves nothing. A seed file with no
catalog entry is a warning (CT107); an entry whose file is gone is an error (CT108); a seed
declared as derived from an unknown seed is an error (CT101).

PASS::

    seeds:
      000_3151aab1fac2fcb4.txt:
        sha256: 193ab23bf6697eedb4104500f3460a9ef72bb20d1af251d340ffca7e38178f5b

FAIL (CT106 once a character of the article changes)
"""

from __future__ import annotations

from collections.abc import Iterator

from claimtrack.checks import Context
from claimtrack.diagnostics import Diagnostic
from claimtrack.project import SEEDS_DIR
from claimtrack.seeds import SeedError

CODES = ("CT101", "CT106", "CT107", "CT108")


def _seed_path(name: str) -> str:
    return f"{SEEDS_DIR}/{name}"


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    catalog_path = project.catalog_path
    if catalog_path is None:
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
    for name, info in sorted(project.catalog.items()):
        if not (context.wanted(catalog_path) or context.wanted(_seed_path(name))):
            continue
        loc = info.loc
        if info.derived_from and info.derived_from not in project.catalog:
            yield Diagnostic.at(
                loc,
                "CT101",
                f"{name} is derived from {info.derived_from!r}, which is not in the catalog",
            )
        try:
            digest = context.seeds.get(name).sha256
        except SeedError:
            yield Diagnostic.at(
                loc,
                "CT108",
                f"catalog lists {name}, but seeds/{name} does not exist",
            )
            continue
        if info.sha256 and info.sha256 != digest:
            yield Diagnostic.at(
                loc,
                "CT106",
                f"seeds/{name} has changed since it was catalogued (sha256 "
                f"{digest[:12]}…, catalog says {info.sha256[:12]}…); if the change "
                "is intended, re-check its claims and update the hash",
            )
