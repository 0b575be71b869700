"""Edits to users' YAML files that keep their comments, key order, quoting and layout.

Fact-checkers record verdicts and catalog seeds with commands instead of by hand, but the files
stay theirs: a command changes only the entry it is asked to, through ruamel.yaml's round-trip
mode, and leaves a diff a reviewer reads at a glance. Every edit is checked by claimtrack's own
strict loader before it is written (atomically), so a command never leaves a file that
`validate` would refuse to read.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from claimtrack.files import write_atomically
from claimtrack.load import parse_yaml

VERDICT_ORDER = ("status", "verdict", "rating", "claims", "by", "date", "note")
SEED_ORDER = ("title", "publisher", "published", "url", "sha256", "derived_from", "note")

VERDICTS_HEADER = """\
# yaml-language-server: $schema=../schema/claims.schema.json
# Fact-checkers' verdicts on conflicts, by conflict id (claimtrack conflicts shows the ids).
# Record them with `claimtrack verdict CONFLICT-ID --status ...`; a conflict without one is
# unreviewed.
verdicts: {}
"""

CATALOG_HEADER = """\
# yaml-language-server: $schema=../schema/catalog.schema.json
# The seed catalog: where each article came from. `claimtrack seeds add FILE` writes entries.
seeds: {}
"""


class EditRefused(Exception):
    """The file cannot be edited safely (unreadable, not a mapping, or the result would not
    load); nothing was written."""


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 92
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _load(path: Path, header: str) -> tuple[Any, Any]:
    yaml = _yaml()
    text = path.read_text(encoding="utf-8") if path.exists() else header
    try:
        document = yaml.load(text)
    except Exception as exc:  # ruamel raises many error types; all mean "cannot edit"
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or " ".join(str(exc).split())
        raise EditRefused(f"{where}: cannot be read as YAML: {problem}") from exc
    if document is None:
        document = yaml.load(header)
    if not isinstance(document, Mapping):
        raise EditRefused(f"{path} does not hold a mapping at its top level")
    return yaml, document


def _section(document: Any, key: str) -> Any:
    from ruamel.yaml.comments import CommentedMap

    section = document.get(key)
    if section is None:
        section = document[key] = CommentedMap()
    if not isinstance(section, CommentedMap):
        raise EditRefused(f"its `{key}:` section is not a mapping")
    if section.fa.flow_style():  # `verdicts: {}` in a new file: grow it as a block
        section.fa.set_block_style()
    return section


def _set_entry(
    section: Any, key: str, values: Mapping[str, object], order: tuple[str, ...]
) -> bool:
    """Update `key` in `section` with `values` (None removes a field); True if it was new."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    entry = section.get(key)
    created = entry is None
    if created:
        entry = CommentedMap()
        section[key] = entry
    for field in order:
        if field not in values:
            continue
        value = values[field]
        if value is None:
            entry.pop(field, None)
            continue
        if isinstance(value, list | tuple):
            seq = CommentedSeq(value)
            seq.fa.set_flow_style()
            value = seq
        if field in entry:
            entry[field] = value
        else:
            later = [f for f in order[order.index(field) + 1 :] if f in entry]
            position = list(entry).index(later[0]) if later else len(entry)
            entry.insert(position, field, value)
    return created


def _write(path: Path, yaml: Any, document: Any) -> None:
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    text = buffer.getvalue()
    _, diagnostics = parse_yaml(text.encode("utf-8"), path.name)
    if any(d.severity.value == "error" for d in diagnostics):
        first = diagnostics[0]
        raise EditRefused(f"the edited file would not load ({first.code} {first.message})")
    write_atomically(path, text, overwrite=True)


def record_verdict(path: Path, conflict_id: str, fields: Mapping[str, object]) -> bool:
    """Record or update the verdict on `conflict_id` in `path` (created if missing).

    Returns True when the verdict is new. Fields not given are left as they are.
    """
    yaml, document = _load(path, VERDICTS_HEADER)
    created = _set_entry(_section(document, "verdicts"), conflict_id, fields, VERDICT_ORDER)
    _write(path, yaml, document)
    return created


def record_seed(path: Path, name: str, fields: Mapping[str, object]) -> bool:
    """Record or update the catalog entry of seed `name` in `path` (created if missing)."""
    yaml, document = _load(path, CATALOG_HEADER)
    created = _set_entry(_section(document, "seeds"), name, fields, SEED_ORDER)
    _write(path, yaml, document)
    return created
