"""The project as it was at a git revision, for `conflicts --new-since`."""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimtrack.cache import Cache


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except FileNotFoundError as exc:
        raise ValueError("--new-since needs git, which is not installed") from exc
    if done.returncode != 0:
        raise ValueError(done.stderr.decode(errors="replace").strip() or "git failed")
    return done.stdout


def _safe_member(member: tarfile.TarInfo, dest: str) -> tarfile.TarInfo | None:
    """tarfile's `data` filter, leaving out what it refuses (a link to an absolute path or out
    of the tree): the project as it was is then read without it, as links that lead outside
    the project are never followed."""
    try:
        return tarfile.data_filter(member, dest)
    except tarfile.FilterError:
        return None


def conflict_ids_at(root: Path, revision: str, cache: Cache | None = None) -> set[str]:
    """Ids of the conflicts the project had at `revision` (none if it had no project yet).

    With a cache, the answer is kept under the git tree of the project's folder at that
    revision (a tree id names its content exactly), and the project as it was is read through
    the cache, where every file unchanged since then is found."""
    from claimtrack.pipeline import conflicts, load

    top = Path(_git(root, "rev-parse", "--show-toplevel").decode().strip())
    if revision == "HEAD" and not _git(root, "rev-list", "-n", "1", "--all").strip():
        return set()  # the first commit: everything in it is new
    prefix = root.resolve().relative_to(top.resolve()).as_posix()
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except ValueError:
        raise ValueError(f"--new-since: {revision!r} is not a commit in this repository") from None
    try:  # a project that did not exist there (or not in this folder) had no conflicts
        _git(
            top,
            "cat-file",
            "-e",
            f"{revision}:{prefix + '/' if prefix != '.' else ''}claimtrack.yaml",
        )
    except ValueError:
        return set()
    tree = _git(top, "rev-parse", f"{revision}:{prefix if prefix != '.' else ''}").strip()
    if cache is not None:
        known = cache.get("new-since", prefix, tree)
        if isinstance(known, frozenset):
            return set(known)
    # From the repository's top: a pathspec is relative to the folder git runs in.
    archive = _git(top, "archive", "--format=tar", revision, "--", prefix)
    with tempfile.TemporaryDirectory(prefix="claimtrack-") as temp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(temp, filter=_safe_member)
        old_root = Path(temp) / prefix
        if not (old_root / "claimtrack.yaml").is_file():
            return set()
        reader = cache.read_only() if cache is not None else None
        ids = frozenset(
            c.id for c in conflicts(load(old_root, None, reader, keep_drafts=False)).conflicts
        )
    if cache is not None:
        cache.put("new-since", prefix, tree, ids)
        cache.flush()
    return set(ids)
