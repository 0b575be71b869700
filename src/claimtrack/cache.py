"""What reading and checking each file found, kept between runs so a commit re-reads and
re-checks only what changed (as ruff and mypy keep theirs).

The cache is an SQLite database, `.claimtrack-cache/cache.sqlite` under the project root (which
`claimtrack init` git-ignores, and which carries its own `.gitignore` besides). Each entry is
one file's result at one stage, stored under the file's path and a digest of what the result
was computed from: the file's bytes, and for a checked file, what its checks consulted (see
`depends`). Every key also carries the version of claimtrack's own code (a digest of its source
files and of the libraries whose behaviour shows in findings), so upgrading or editing
claimtrack invalidates everything at once.

Trust comes first: a cache can only make a run faster, never change what it finds.
- Results are pickled, and unpickling runs code, so every entry is signed with a key kept
  outside the project (in the user's cache folder, `$XDG_CACHE_HOME/claimtrack/key`): a cache
  committed to a repository, copied from elsewhere or tampered with fails the signature and is
  ignored, never loaded.
- A database that is not ours, of another format, or corrupt is set aside and rebuilt; an
  error of SQLite during a run turns the cache off for the rest of that run, which then reads
  the files as `--no-cache` does.
- Two runs at once (two pre-commit hooks) share the database: WAL mode lets readers go on while
  one writer commits, and a writer that cannot get the lock within a few seconds skips writing.
- A file's digest is remembered under its status (modification time, size, inode, change
  time), as git's index does, so an unchanged file is not read again. A file changed less than
  two seconds before it was read is never remembered that way: a second edit within the same
  clock tick would otherwise go unseen.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import pickle
import sqlite3
import sys
import time
from collections.abc import Iterable
from pathlib import Path

CACHE_DIR = ".claimtrack-cache"
"""Where the cache lives, under the project root."""

DB_NAME = "cache.sqlite"
FORMAT = 2
"""The database layout; a database of another format is rebuilt."""

_APPLICATION_ID = 0x436C5472
"""Marks the database as claimtrack's (SQLite's application_id; 'ClTr')."""

_BUSY_MS = 5000
_SETTLED_NS = 2_000_000_000
"""How long a file must have been left alone before its status can stand for its bytes."""

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS entries ("
    " stage TEXT NOT NULL, path TEXT NOT NULL, key BLOB NOT NULL, value BLOB NOT NULL,"
    " PRIMARY KEY (stage, path)) WITHOUT ROWID"
)


def digest(*parts: bytes | str) -> bytes:
    """A digest of several parts, each length-prefixed so no two sequences collide."""
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.digest()


def disabled() -> bool:
    """Whether the environment turns the cache off (CLAIMTRACK_NO_CACHE=1), as `--no-cache`."""
    return os.environ.get("CLAIMTRACK_NO_CACHE", "") not in ("", "0")


def code_version() -> bytes:
    """A digest of claimtrack's own source files and of what else shapes its findings.

    Hashing the sources (about 400 KB) takes a millisecond or two and, unlike modification
    times, cannot be fooled by a checkout that keeps them.
    """
    import yaml

    package = Path(__file__).resolve().parent
    parts: list[bytes | str] = [sys.version, yaml.__version__, str(yaml.__with_libyaml__)]
    for library in ("rapidfuzz", "yaml"):
        parts.append(_library(library))
    for source in sorted(package.rglob("*.py")):
        parts.append(source.relative_to(package).as_posix())
        parts.append(source.read_bytes())
    return digest(*parts)


def _library(name: str) -> bytes:
    """What identifies an installed library's version without importing it (which would cost
    more than the run it serves): the bytes of its package's `__init__.py`, which states the
    version."""
    from importlib.util import find_spec

    spec = find_spec(name)
    if spec is None or spec.origin is None:
        return b"absent"
    try:
        return Path(spec.origin).read_bytes()
    except OSError:
        return b"unreadable"


def _signing_key() -> bytes | None:
    """The key that signs entries, created on first use; None when it cannot be kept."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(base) / "claimtrack"
    key_file = folder / "key"
    try:
        key = key_file.read_bytes()
    except FileNotFoundError:
        key = b""
    except OSError:
        return None
    if len(key) == 32:
        return key
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fresh = folder / f"key.{os.getpid()}"
        fd = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(os.urandom(32))
        try:
            os.link(fresh, key_file)  # never replaces a key another run made meanwhile
        except FileExistsError:
            if len(key_file.read_bytes()) != 32:
                os.replace(fresh, key_file)
        finally:
            fresh.unlink(missing_ok=True)
        key = key_file.read_bytes()
    except OSError:
        return None
    return key if len(key) == 32 else None


def status(info: os.stat_result) -> bytes:
    """What stands for a file's bytes while it is left alone."""
    return b"%d:%d:%d:%d:%d" % (
        info.st_mtime_ns,
        info.st_ctime_ns,
        info.st_size,
        info.st_ino,
        info.st_dev,
    )


class Cache:
    """Per-file results of one project, read during a run and written back in one transaction."""

    def __init__(self, connection: sqlite3.Connection, key: bytes, version: bytes) -> None:
        self._db: sqlite3.Connection | None = connection
        self._key = key
        self.version = version
        self._pending: list[tuple[str, str, bytes, bytes]] = []
        self._writable = True
        self._started = time.time_ns()
        self._digests: dict[tuple[str, bytes], bytes] = {}
        self.hits = 0
        """How many entries this run found valid; tests read it to prove a path was taken."""
        self.misses = 0

    @classmethod
    def open(cls, root: Path) -> Cache | None:
        """The project's cache, created or rebuilt as needed; None when it cannot be used."""
        key = _signing_key()
        if key is None:
            return None
        folder = root / CACHE_DIR
        path = folder / DB_NAME
        try:
            if folder.is_symlink():
                return None  # never written through a link to somewhere else
            folder.mkdir(exist_ok=True)
            ignore = folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# claimtrack's cache: safe to delete, never to commit\n*\n")
        except OSError:
            return None
        for attempt in range(2):
            try:
                connection = _connect(path)
            except sqlite3.Error:
                connection = None
            if connection is not None:
                return cls(connection, key, code_version())
            if attempt == 0:
                _set_aside(path)
        return None

    def read_only(self) -> Cache:
        """A view that reads this cache but never writes it: for loading the project as it was
        at another revision (`conflicts --new-since`), whose files would otherwise replace the
        entries of the files as they are now."""
        view = Cache.__new__(Cache)
        view.__dict__.update(self.__dict__)
        view._pending = []
        view._writable = False
        return view

    def _sign(self, stage: str, path: str, key: bytes, value: bytes) -> bytes:
        mac = hmac.new(self._key, digestmod=hashlib.blake2b)
        mac.update(digest(stage, path, key, self.version))
        mac.update(value)
        return mac.digest()

    def get(self, stage: str, path: str, key: bytes) -> object | None:
        """The result stored for `path` at `stage` under `key`, or None (absent, stale,
        unsigned or unreadable: the caller computes it afresh)."""
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "SELECT key, value FROM entries WHERE stage = ? AND path = ?", (stage, path)
            ).fetchone()
        except sqlite3.Error:
            self._broken()
            return None
        found = self._open(stage, path, key, row)
        if found is None:
            self.misses += 1
        else:
            self.hits += 1
        return found

    def _open(self, stage: str, path: str, key: bytes, row: tuple[bytes, bytes] | None) -> object:
        if row is None:
            return None
        stored_key, blob = row
        if not isinstance(blob, bytes) or len(blob) < 64:
            return None
        signature, value = blob[:64], blob[64:]
        if stored_key != digest(key, self.version) or not hmac.compare_digest(
            signature, self._sign(stage, path, key, value)
        ):
            return None
        try:
            return pickle.loads(value)
        except Exception:  # signed by us yet unreadable: treat as absent
            return None

    def put(self, stage: str, path: str, key: bytes, result: object) -> None:
        """Keep `result` for `path` at `stage` under `key`; written by `flush`."""
        if self._db is None or not self._writable:
            return
        value = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        blob = self._sign(stage, path, key, value) + value
        self._pending.append((stage, path, digest(key, self.version), blob))

    def file_digest(self, path: str, info: os.stat_result, data: bytes | None) -> bytes | None:
        """The digest of a file's bytes: of `data` when the caller read them, else the one
        remembered under the file's status (None when there is none)."""
        memo = (path, status(info))
        if data is None:
            found = self._digests.get(memo) or self.get("status", path, memo[1])
            return found if isinstance(found, bytes) else None
        content = self._digests[memo] = digest(data)
        settled = self._started - _SETTLED_NS
        if info.st_mtime_ns < settled and info.st_ctime_ns < settled:
            self.put("status", path, status(info), content)
        return content

    def forget(self, stages: Iterable[str], paths: Iterable[str]) -> None:
        """Drop entries of files that no longer exist, so the database does not grow forever."""
        if self._db is None or not self._writable:
            return
        wanted = set(paths)
        for stage in stages:
            try:
                stored = [
                    p
                    for (p,) in self._db.execute(
                        "SELECT path FROM entries WHERE stage = ?", (stage,)
                    )
                ]
            except sqlite3.Error:
                self._broken()
                return
            self._pending.extend((stage, p, b"", b"") for p in stored if p not in wanted)

    def flush(self) -> None:
        """Write what this run computed, in one transaction; skipped when another run holds
        the lock for too long (the next run computes it again)."""
        db, pending = self._db, self._pending
        self._pending = []
        if db is None or not pending:
            return
        try:
            db.execute("BEGIN IMMEDIATE")
            db.executemany(
                "DELETE FROM entries WHERE stage = ? AND path = ?",
                [(s, p) for s, p, k, _ in pending if not k],
            )
            db.executemany(
                "INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)",
                [row for row in pending if row[2]],
            )
            db.execute("COMMIT")
        except sqlite3.OperationalError:
            try:
                db.execute("ROLLBACK")
            except sqlite3.Error:
                self._broken()
        except sqlite3.Error:
            self._broken()

    def _broken(self) -> None:
        """A corrupt database: stop using it, and set it aside so the next run rebuilds it."""
        if self._db is None:
            return
        try:
            path = self._db.execute("PRAGMA database_list").fetchone()[2]
        except sqlite3.Error:
            path = None
        self._db.close()
        self._db = None
        if path:
            _set_aside(Path(path))


def _connect(path: Path) -> sqlite3.Connection | None:
    """Open the database, creating it when new; None when it is not claimtrack's own."""
    connection = sqlite3.connect(path, timeout=_BUSY_MS / 1000, isolation_level=None)
    try:
        connection.execute(f"PRAGMA busy_timeout = {_BUSY_MS}")
        app, user = (
            connection.execute("PRAGMA application_id").fetchone()[0],
            connection.execute("PRAGMA user_version").fetchone()[0],
        )
        if app == 0 and user == 0:
            tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables:
                raise sqlite3.DatabaseError("a database that is not claimtrack's")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("BEGIN IMMEDIATE")
            connection.execute(_SCHEMA)
            connection.execute(f"PRAGMA application_id = {_APPLICATION_ID}")
            connection.execute(f"PRAGMA user_version = {FORMAT}")
            connection.execute("COMMIT")
        elif app != _APPLICATION_ID or user != FORMAT:
            raise sqlite3.DatabaseError("a database that is not claimtrack's, or of a new format")
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("SELECT count(*) FROM entries WHERE 0").fetchone()
    except sqlite3.Error:
        connection.close()
        return None
    return connection


def _set_aside(path: Path) -> None:
    """Remove a database that cannot be used (with its journal files); a run that still has
    it open keeps its own copy, and signed entries mean it can never mislead anyone."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
