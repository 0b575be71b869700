"""CT018: a file's `$schema` modeline leads to a file that exists.

Editors with the yaml-language-server check a file as it is typed against the schema its first
comment names, relative to the file. A claims file moved to a deeper folder keeps the old path,
and the editor then stops checking it without a word; this check says so, with the path that
works from where the file is now. Addresses (https://...) are left to the editor.

PASS (claims/seats.yaml)::

    # yaml-language-server: $schema=../schema/claims.schema.json

FAIL (the same line in claims/election-2013/seats.yaml; it should say ../../schema/...)::

    # yaml-language-server: $schema=../schema/claims.schema.json
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from claimtrack.checks import Context
from claimtrack.diagnostics import Diagnostic
from claimtrack.files import UnsafeFile, read_regular

CODES = ("CT018",)

_MODELINE = re.compile(r"#\s*yaml-language-server:\s*\$schema=(\S+)")
_HEAD_BYTES = 4096
"""Modelines sit in the comments at the top; reading more of each file would only cost time."""


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    files = [(path, "claims.schema.json") for path in project.claim_files]
    if project.catalog_path:
        files.append((project.catalog_path, "catalog.schema.json"))
    for path, schema_name in files:
        if context.wanted(path):
            yield from _check_file(project.root, path, schema_name)


def _check_file(root: Path, path: str, schema_name: str) -> Iterator[Diagnostic]:
    file = root / path
    try:
        data = read_regular(file, within=root, limit=_HEAD_BYTES, head=True)
    except UnsafeFile:
        return  # reported by the loader (CT001)
    head = data.decode("utf-8", errors="replace")
    for number, line in enumerate(head.splitlines(), start=1):
        if not line.lstrip().startswith("#"):
            return  # past the leading comments
        match = _MODELINE.search(line)
        if match is None:
            continue
        target = match.group(1)
        if "://" in target or (file.parent / target).is_file():
            return
        schema = root / "schema" / schema_name
        hint = ""
        if schema.is_file():
            hint = f"; from here the schema is $schema={_relative(schema, file.parent)}"
        yield Diagnostic(
            path,
            number,
            match.start(1) + 1,
            "CT018",
            f"$schema={target} leads to no file, so editors do not check this file as you "
            f"type{hint}",
        )
        return


def _relative(target: Path, start: Path) -> str:
    return Path(os.path.relpath(target, start)).as_posix()
