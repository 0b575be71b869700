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
- A run that checks a few files reads the other files' claim ids from an index (a table of
  plain rows, so that one query finds the ids that are, or look like, the ones checked). Each
  file's place in it is signed with what the file was indexed from and how many ids it has,
  and checked for every file left unread; its rows are signed as a whole and checked when
  they are used. A row edited by hand in place, keeping the file's count, is the one change
  this does not see until the file is next read: the key that signs it is the user's own.
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
from typing import NamedTuple

CACHE_DIR = ".claimtrack-cache"
"""Where the cache lives, under the project root."""

DB_NAME = "cache.sqlite"
FORMAT = 4
"""The database layout; a database of another format is rebuilt."""

_APPLICATION_ID = 0x436C5472
"""Marks the database as claimtrack's (SQLite's application_id; 'ClTr')."""

_BUSY_MS = 5000
_SETTLED_NS = 2_000_000_000
"""How long a file must have been left alone before its status can stand for its bytes."""
_PENDING_BYTES = 64 * 2**20
"""Entries are written in batches of about this size, so a first run over a large project
does not hold every file's result in memory until its end."""

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS entries ("
    " stage TEXT NOT NULL, path TEXT NOT NULL, key BLOB NOT NULL, value BLOB NOT NULL,"
    " PRIMARY KEY (stage, path)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS indexed ("
    " path TEXT PRIMARY KEY, content BLOB NOT NULL, registry INTEGER NOT NULL,"
    " count INTEGER NOT NULL, status BLOB NOT NULL, mac BLOB NOT NULL) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS ids ("
    " key TEXT NOT NULL, path TEXT NOT NULL, id TEXT NOT NULL, line INTEGER NOT NULL,"
    " col INTEGER NOT NULL, id_line INTEGER NOT NULL, id_col INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ids_by_key ON ids (key)",
    "CREATE INDEX IF NOT EXISTS ids_by_path ON ids (path)",
)

IdRow = tuple[str, str, int, int, int, int]
"""A claim id as the index keeps it: (look-alike key, id, line, column, id line, id column)."""


class Indexed(NamedTuple):
    """A file's place in the id index."""

    content: bytes
    """The digest of the bytes its ids were read from."""
    registry: bool
    """Whether it has registry sections (every claim may depend on it, so it is always read)."""
    id_count: int
    """How many ids it has."""
    status: bytes
    """Its status when those bytes were read, once settled (else b""): while the file's status
    is the same, its bytes are, and a run that checks other files need not read it."""


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
    """The key that signs entries, created on first use; None when it cannot be kept.

    A relative XDG_CACHE_HOME is ignored, as the XDG rules say: it would put the key in the
    folder the run started in, perhaps the project, to be committed with it."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home folder to be found
            return None
        if not os.path.isabs(base):
            return None
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
        self._pending: dict[tuple[str, str], tuple[bytes, bytes]] = {}
        """Entries computed this run and not yet written, readable meanwhile (an empty key
        deletes the entry)."""
        self._pending_bytes = 0
        self._indexing: list[tuple[str, Indexed, list[IdRow]]] = []
        self._writable = True
        self._started = time.time_ns()
        self._digests: dict[tuple[str, str, bytes], bytes] = {}

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
            _unlink_links(folder / ".gitignore", path)
            ignore = folder / ".gitignore"
            if not os.path.lexists(ignore):
                flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
                with os.fdopen(os.open(ignore, flags, 0o644), "w") as out:
                    out.write("# claimtrack's cache: safe to delete, never to commit\n*\n")
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
        view._pending = {}
        view._writable = False
        return view

    def _mac(self) -> hashlib.blake2b:
        """A MAC under this cache's key: keyed BLAKE2b, which its authors designed as a faster
        replacement for HMAC (RFC 7693); one C call per entry, where HMAC's Python wrapper
        cost more than the lookups a one-file run makes at ten thousand files."""
        return hashlib.blake2b(key=self._key)

    def _sign(self, stage: str, path: str, key: bytes, value: bytes) -> bytes:
        mac = self._mac()
        mac.update(digest(stage, path, key, self.version))
        mac.update(value)
        return mac.digest()

    def get(self, stage: str, path: str, key: bytes) -> object | None:
        """The result stored for `path` at `stage` under `key`, or None (absent, stale,
        unsigned or unreadable: the caller computes it afresh)."""
        if self._db is None:
            return None
        row = self._pending.get((stage, path))
        if row is None:
            try:
                row = self._db.execute(
                    "SELECT key, value FROM entries WHERE stage = ? AND path = ?", (stage, path)
                ).fetchone()
            except sqlite3.Error:
                self._broken()
                return None
        return self._open(stage, path, key, row)

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
        """Keep `result` for `path` at `stage` under `key`; written by `flush`. (Results of
        checks carry the time they were computed, so that a test can tell a reused entry from
        one computed again to the same bytes.)"""
        if self._db is None or not self._writable:
            return
        value = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        blob = self._sign(stage, path, key, value) + value
        self._pending[(stage, path)] = (digest(key, self.version), blob)
        self._pending_bytes += len(blob)
        if self._pending_bytes > _PENDING_BYTES:
            self.flush()

    def file_digest(
        self, path: str, info: os.stat_result, data: bytes | None, *, sha256: bool = False
    ) -> bytes | None:
        """The digest of a file's bytes: of `data` when the caller read them, else the one
        remembered under the file's status (None when there is none). With `sha256`, their
        SHA-256, which a seed's text carries: a seed's fingerprint can then be compared with
        the text the checks were given."""
        stage = "sha256" if sha256 else "status"
        memo = (stage, path, status(info))
        if data is None:
            found: object = self._digests.get(memo)
            if found is None:
                found = self.get(stage, path, memo[2])
            return found if isinstance(found, bytes) else None
        content = hashlib.sha256(data).digest() if sha256 else digest(data)
        self._digests[memo] = content
        if self.settled(info):
            self.put(stage, path, memo[2], content)
        return content

    def settled(self, info: os.stat_result) -> bool:
        """Whether the file had been left alone long enough before this run began for its
        status to stand for its bytes: a write within the clock's tick of a status taken
        earlier leaves that status as it was."""
        settled = self._started - _SETTLED_NS
        return info.st_mtime_ns < settled and info.st_ctime_ns < settled

    def forget_index(self, paths: Iterable[str]) -> None:
        """Drop the ids of files that no longer exist (written by `flush`)."""
        if self._db is None or not self._writable:
            return
        wanted = set(paths)
        for path in self.indexed():
            if path not in wanted:
                self._indexing.append((path, Indexed(b"", False, 0, b""), []))

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
            self._pending.update(((stage, p), (b"", b"")) for p in stored if p not in wanted)

    def indexed(self) -> dict[str, Indexed]:
        """Each file in the id index: what a run that checks a few files reads instead of every
        other file. A file whose place is not signed with this cache's key is left out (and so
        read); so is every file when the index holds fewer or more ids than the files signed
        for (rows removed, or left by a run that could not finish)."""
        if self._db is None:
            return {}
        try:
            rows = self._db.execute(
                "SELECT path, content, registry, count, status, mac FROM indexed"
            ).fetchall()
            (total,) = self._db.execute("SELECT count(*) FROM ids").fetchone()
        except sqlite3.Error:
            self._broken()
            return {}
        found = {}
        counted = 0
        for path, content, registry, count, state, mac in rows:
            place = Indexed(bytes(content), bool(registry), int(count), bytes(state))
            if hmac.compare_digest(bytes(mac)[:32], self._place_mac(path, place)):
                found[path] = place
            counted += int(count)
        return found if counted == total else {}

    def index(
        self, path: str, content: bytes, registry: bool, ids: list[IdRow], state: bytes
    ) -> None:
        """Put a file's claim ids in the index, with the status its bytes were read under (b""
        when it had not settled); written by `flush`."""
        if self._db is not None and self._writable:
            self._indexing.append((path, Indexed(content, registry, len(ids), state), ids))

    def _row_mac(self, path: str, place: Indexed, ids: list[IdRow]) -> bytes:
        """Signs a file's place in the index (the first half) and its ids (the second)."""
        rows = self._mac()
        for row in sorted(ids):
            rows.update(digest(*(str(part) for part in row)))
        return self._place_mac(path, place) + rows.digest()[:32]

    def _place_mac(self, path: str, place: Indexed) -> bytes:
        """Signs what a file was indexed from, how many ids it has and its status then: the
        digests first (of fixed length), then the rest, which hold no NUL, apart by NULs (one
        call per file: a one-file run checks every other file's)."""
        mac = self._mac()
        mac.update(
            b"indexed\0%s%s%d\0%d\0%s\0%s"
            % (
                self.version,
                place.content,
                place.registry,
                place.id_count,
                place.status,
                path.encode("utf-8", "surrogatepass"),
            )
        )
        return mac.digest()[:32]

    def ids_like(self, keys: set[str], paths: dict[str, bytes]) -> dict[str, list[IdRow]] | None:
        """The indexed ids whose look-alike key is one of `keys`, by file, for the files in
        `paths` (path -> the digest of its bytes now). None when the index cannot vouch for
        them: a file indexed from other bytes, or rows that fail their signature."""
        if self._db is None:
            return None
        found: dict[str, list[IdRow]] = {}
        try:
            for chunk in _chunks(sorted(keys), 500):
                marks = ",".join("?" * len(chunk))
                for (path,) in self._db.execute(
                    f"SELECT DISTINCT path FROM ids WHERE key IN ({marks})", chunk
                ):
                    found.setdefault(path, [])
            for path in found:
                if path not in paths:
                    continue
                state = self._db.execute(
                    "SELECT content, registry, status, mac FROM indexed WHERE path = ?", (path,)
                ).fetchone()
                rows = [
                    (k, i, a, b, c, d)
                    for k, i, a, b, c, d in self._db.execute(
                        "SELECT key, id, line, col, id_line, id_col FROM ids WHERE path = ?",
                        (path,),
                    )
                ]
                if state is None or bytes(state[0]) != paths[path]:
                    return None
                place = Indexed(bytes(state[0]), bool(state[1]), len(rows), bytes(state[2]))
                if not hmac.compare_digest(bytes(state[3]), self._row_mac(path, place, rows)):
                    return None  # the rows were changed since they were signed
                found[path] = [row for row in rows if row[0] in keys]
        except sqlite3.Error:
            self._broken()
            return None
        return {path: rows for path, rows in found.items() if path in paths}

    def flush(self) -> None:
        """Write what this run computed, in one transaction; skipped when another run holds
        the lock for too long (the next run computes it again)."""
        db, indexing = self._db, self._indexing
        pending = [(stage, path, key, blob) for (stage, path), (key, blob) in self._pending.items()]
        self._pending, self._indexing, self._pending_bytes = {}, [], 0
        if db is None or not (pending or indexing):
            return
        try:
            db.execute("BEGIN IMMEDIATE")
            for path, place, ids in indexing:
                db.execute("DELETE FROM ids WHERE path = ?", (path,))
                if not place.content:
                    db.execute("DELETE FROM indexed WHERE path = ?", (path,))
                    continue
                db.executemany(
                    "INSERT INTO ids VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [(key, path, *rest) for key, *rest in ids],
                )
                mac = self._row_mac(path, place, ids)
                db.execute(
                    "INSERT OR REPLACE INTO indexed VALUES (?, ?, ?, ?, ?, ?)",
                    (path, place.content, int(place.registry), place.id_count, place.status, mac),
                )
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


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


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
            for statement in _SCHEMA:
                connection.execute(statement)
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


def _unlink_links(ignore: Path, database: Path) -> None:
    """Remove symbolic links where the cache's own files go (a cache folder committed to a
    repository may hold them): SQLite and `open` would follow them and write outside the
    cache folder."""
    for name in (str(ignore), *(f"{database}{suffix}" for suffix in _SUFFIXES)):
        if os.path.islink(name):
            os.unlink(name)


_SUFFIXES = ("", "-wal", "-shm", "-journal")
"""The database file and the journal files SQLite keeps beside it."""


def _set_aside(path: Path) -> None:
    """Remove a database that cannot be used (with its journal files); a run that still has
    it open keeps its own copy, and signed entries mean it can never mislead anyone."""
    for suffix in _SUFFIXES:
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
