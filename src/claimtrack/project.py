"""Find a claims project, read all of its files and build the typed model.

A project is a folder holding `claimtrack.yaml`, with `claims/` (claim and registry files,
organised however the newsroom likes) and `seeds/` (the source articles and their catalog).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from claimtrack.diagnostics import Diagnostic
from claimtrack.load import load_yaml
from claimtrack.model import (
    ClaimDraft,
    Entity,
    Loc,
    Operand,
    Project,
    Property,
    Rule,
    Scope,
    SeedInfo,
    Source,
    TotalRef,
    Verdict,
)
from claimtrack.records import Reader
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
_REFERENCE_FIELDS = ("id", "subject", "property", "scope", "claimant")
"""The fields whose place later findings point at (others carry their own, or none)."""


class NotAProject(Exception):
    """Raised when no claims project encloses the working directory."""


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` that holds claimtrack.yaml, as git finds .git."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise NotAProject(f"no {CONFIG_FILE} in {start} or any parent folder")


def claim_files(root: Path) -> list[Path]:
    folder = root / CLAIMS_DIR
    files = [p for p in folder.rglob("*") if p.suffix in CLAIM_SUFFIXES and not p.is_dir()]
    return sorted(files)


def seed_names(root: Path) -> set[str]:
    folder = root / SEEDS_DIR
    return {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if not p.is_dir() and p.name != CATALOG_NAME and not p.name.startswith(".")
    }


def display_path(root: Path, file: Path) -> str:
    return file.relative_to(root).as_posix()


def load_project(
    root: Path, on_file: Callable[[int, int], None] | None = None
) -> tuple[Project, list[Diagnostic]]:
    """Read every file of the project. Problems become diagnostics; nothing raises."""
    diagnostics: list[Diagnostic] = []
    project = Project(root=root)
    for folder in (CLAIMS_DIR, SEEDS_DIR):
        if not (root / folder).is_dir():
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
        return project, diagnostics
    config, problems = load_yaml(root / CONFIG_FILE, CONFIG_FILE)
    diagnostics.extend(p for p in problems if p.code != "CT008")
    if config is not None:
        settings, _ = Reader(CONFIG_FILE, diagnostics).record(config, PROJECT_CONFIG)
        project.name = settings.get("name")

    project.seed_files = seed_names(root)
    catalog = root / SEEDS_DIR / CATALOG_NAME
    if catalog.is_file():
        project.catalog_path = display_path(root, catalog)
        _load_catalog(project, catalog, diagnostics)

    builder = _Builder(project, diagnostics)
    files = claim_files(root)
    for done, file in enumerate(files, start=1):
        path = display_path(root, file)
        project.claim_files.append(path)
        node, problems = load_yaml(file, path)
        diagnostics.extend(problems)
        if node is not None:
            reader = Reader(path, diagnostics)
            values, _ = reader.record(node, CLAIMS_FILE)
            builder.add_file(path, values)
        if on_file:
            on_file(done, len(files))
    builder.finish()
    return project, diagnostics


def _load_catalog(project: Project, file: Path, diagnostics: list[Diagnostic]) -> None:
    path = project.catalog_path or ""
    node, problems = load_yaml(file, path)
    diagnostics.extend(problems)
    if node is None:
        return
    values, _ = Reader(path, diagnostics).record(node, CATALOG_FILE)
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


class _Builder:
    """Collects the sections of every claims file into the project's registries and drafts."""

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

    def add_file(self, path: str, sections: dict[str, Any]) -> None:
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
        defaults = sections.get("defaults") or {"values": {}, "locs": {}}
        project.drafts.extend(self._drafts(sections.get("claims") or [], defaults))

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

    def _drafts(
        self, claims: list[dict[str, Any]], defaults: dict[str, Any]
    ) -> Iterator[ClaimDraft]:
        base_values, base_locs = defaults["values"], defaults["locs"]
        for entry in claims:
            values = {**base_values, **entry["values"]}
            locs = {**base_locs, **entry["locs"]}
            if "id" not in values:
                continue
            loc = entry["loc"]
            sources = []
            if "quote" in values:
                if "seed" in values:
                    sources.append(
                        Source(values["seed"], values["quote"], locs["seed"], locs["quote"])
                    )
                else:
                    self.report(
                        loc,
                        "CT013",
                        f"claim {values['id']!r} has no seed: add "
                        "'seed:' to it or to the file's defaults",
                    )
            for extra in values.get("also") or ():
                ev, el = extra["values"], extra["locs"]
                if "seed" in ev and "quote" in ev:
                    sources.append(Source(ev["seed"], ev["quote"], el["seed"], el["quote"]))
            yield ClaimDraft(
                id=values["id"],
                loc=loc,
                subject=values.get("subject"),
                property=values.get("property"),
                scope=values.get("scope"),
                value=values.get("value"),
                claimant=values.get("claimant"),
                kind=values.get("kind", "claim"),
                as_of=values.get("as_of"),
                said=values.get("said"),
                note=values.get("note"),
                sources=tuple(sources),
                locs={key: locs[key] for key in _REFERENCE_FIELDS if key in locs},
                stage=values.get("stage"),
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
