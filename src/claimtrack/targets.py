"""What `validate PATHS...` was asked to check: each path placed in its project, or refused.

A gate that passes files it never looked at is worse than no gate, so a path that does not
exist, a folder with nothing to check in it, and a file that is not part of a claims project
are refused by name (a usage error), never counted as checked. The project is found from each
path (walking up to its claimtrack.yaml), not from the working directory, so pre-commit can run
from the root of a repository that keeps its claims project in a subfolder.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from claimtrack.model import Project
from claimtrack.project import CONFIG_FILE, NotAProject, find_root, is_project_file


class TargetError(ValueError):
    """A path given to check that cannot be checked; the message names it."""


@dataclass(slots=True)
class Target:
    """The files to report on in one project: files named, and folders to search."""

    root: Path
    files: set[str] = field(default_factory=set)
    folders: dict[str, str] = field(default_factory=dict)
    """Project-relative folder ("" for the root) -> the path as the user gave it."""

    def expand(self, project: Project) -> set[str]:
        """The project files named or found in the folders named; a folder with none is an
        error, since checking nothing there would look like a pass."""
        wanted = set(self.files)
        if not self.folders:
            return wanted
        known = [CONFIG_FILE, *project.claim_files, *(f"seeds/{s}" for s in project.seed_files)]
        if project.catalog_path:
            known.append(project.catalog_path)
        for folder, given in self.folders.items():
            inside = {p for p in known if not folder or p.startswith(f"{folder}/")}
            if not inside:
                raise TargetError(f"{given}: no claim, seed or project files in this folder")
            wanted |= inside
        return wanted


def place(paths: Iterable[Path], root: Path | None = None) -> list[Target]:
    """Group `paths` by the project each belongs to (or check they are all in `root`)."""
    targets: dict[Path, Target] = {}
    problems = []
    for given in paths:
        try:
            found_root, relative, is_folder = _place_one(given, root)
        except TargetError as exc:
            problems.append(str(exc))
            continue
        target = targets.setdefault(found_root, Target(found_root))
        if is_folder:
            target.folders[relative] = str(given)
        else:
            target.files.add(relative)
    if problems:
        raise TargetError("\n".join(problems))
    return list(targets.values())


def _place_one(given: Path, root: Path | None) -> tuple[Path, str, bool]:
    if not os.path.lexists(given):
        raise TargetError(f"{given}: no such file or folder")
    is_folder = given.is_dir()
    # The folder's real place, but a file's own name: a seed that is a symbolic link stays a
    # seed here, and the checks decide whether it may lead outside seeds/.
    full = given.resolve() if is_folder else given.absolute().parent.resolve() / given.name
    if root is None:
        try:
            root = find_root(full if is_folder else full.parent)
        except NotAProject:
            raise TargetError(
                f"{given} is not inside a claims project (no {CONFIG_FILE} in its folder "
                "or any folder above it)"
            ) from None
    if not full.is_relative_to(root):
        raise TargetError(f"{given} is not inside the project at {root}")
    relative = full.relative_to(root).as_posix()
    if is_folder:
        return root, "" if relative == "." else relative, True
    if not is_project_file(relative):
        raise TargetError(
            f"{given} is not a file of the claims project at {root}; validate checks "
            f"{CONFIG_FILE}, claims/**/*.yaml and the files in seeds/, so it was not checked"
        )
    return root, relative, False
