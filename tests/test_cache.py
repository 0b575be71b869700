"""The cache only ever makes runs faster: every cached run finds exactly what a cold run finds.

Each test edits a project the way people do (claims, registries, seeds, the catalog, verdicts,
the project's settings) between runs, and compares what validate and conflicts report through
the cache with what they report with --no-cache.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import pickle
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from claimtrack import cache
from tests.conftest import Project, Result, claim

Q63 = "The CNRP claims to have won 63."
Q55 = "compared with CNRP’s 55"
Q68 = "The CPP is claiming to have won 68"
OTHER = "Observers said turnout reached 70 percent in the capital.\n"
CACHE = ".claimtrack-cache/cache.sqlite"


@contextlib.contextmanager
def _left_alone_long_enough() -> Iterator[None]:
    """Runs inside count every file written before they started as left alone long enough for
    its status to stand for its bytes (see `Cache.file_digest`), as runs started two seconds
    after the last write would: the test need not wait for its files to age. Nothing may be
    written while such a run goes on (a file it counts as settled would not be)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cache, "_SETTLED_NS", 0)
        yield


def _earlier_runs_ended() -> None:
    """Close the caches that runs in this process have left open, as the ends of their
    processes would. A run freezes what it holds out of the cyclic collector's sight (its
    process ends after one command), so in a test process their databases stay open, and
    SQLite's locks on them with them."""
    gc.unfreeze()
    gc.collect()


def _catalog(project: Project) -> None:
    lines = ["seeds:"]
    for name in ("article.txt", "other.txt"):
        data = (project.root / "seeds" / name).read_bytes()
        lines.append(f"  {name}:\n    sha256: {hashlib.sha256(data).hexdigest()}")
    project.write("seeds/catalog.yaml", "\n".join(lines) + "\n")


@pytest.fixture
def newsroom(project: Project) -> Project:
    """Two claim files citing two seeds, a conflict between them, and a verdict on it."""
    project.write("seeds/other.txt", OTHER)
    _catalog(project)
    project.claims(
        "claims/seats.yaml",
        claim("cnrp-63", 63, quote=Q63) + claim("cpp-68", 68, subject="cpp", quote=Q68),
    )
    project.claims(
        "claims/official.yaml",
        claim("nec-55", 55, claimant="nec", quote=Q55)
        + claim(
            "turnout-70",
            70,
            subject="election",
            prop="turnout",
            claimant="comfrel",
            quote="turnout reached 70 percent",
            extra="seed: other.txt",
        ).replace("  seed: article.txt\n", "", 1),
    )
    (conflict,) = _conflicts(project)["conflicts"]
    project.write("claims/verdicts.yaml", f"verdicts:\n  {conflict['id']}: {{status: open}}\n")
    return project


def _conflicts(project: Project, *flags: str) -> dict[str, object]:
    done = project.run("conflicts", "--format", "json", *flags)
    document: dict[str, object] = json.loads(done.stdout)
    return document


def _outputs(project: Project, *flags: str) -> list[tuple[int, str]]:
    """What a user sees: validate of everything, of each claim file alone, and conflicts."""
    runs = [project.run("validate", "--format", "json", *flags)]
    for name in ("claims/seats.yaml", "seeds/other.txt"):
        runs.append(project.run("validate", str(project.root / name), *flags))
    runs.append(project.run("conflicts", "--format", "json", *flags))
    return [(r.exit_code, r.stdout + r.stderr) for r in runs]


def _same_through_the_cache(project: Project) -> list[tuple[int, str]]:
    cold = _outputs(project, "--no-cache")
    assert _outputs(project) == cold  # the first run after an edit: partly cached
    assert _outputs(project) == cold  # the next one: everything cached
    return cold


def _edit(project: Project, relative: str, old: str, new: str) -> None:
    path = project.root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


EDITS: list[tuple[str, Callable[[Project], None]]] = [
    ("claim value", lambda p: _edit(p, "claims/seats.yaml", "value: 63", "value: 64")),
    ("claim quote", lambda p: _edit(p, "claims/official.yaml", "70 percent", "71 percent")),
    (
        "registry entity",
        lambda p: _edit(p, "claims/registry.yaml", "comfrel: {name: Comfrel,", "cf: {name: C,"),
    ),
    (
        "registry alias",
        lambda p: _edit(p, "claims/registry.yaml", "aliases: [CNRP]", "aliases: [CNRP, CPP]"),
    ),
    (
        "registry property type",
        lambda p: _edit(p, "claims/registry.yaml", "{name: Turnout, type: percent}", "{name: T}"),
    ),
    (
        "registry property changes over time",
        lambda p: _edit(p, "claims/registry.yaml", "type: number}", "type: number, changes: true}"),
    ),
    ("registry scope", lambda p: _edit(p, "claims/registry.yaml", "e2013: {", "e2031: {")),
    ("seed text", lambda p: _edit(p, "seeds/other.txt", "70 percent", "80 percent")),
    ("seed removed", lambda p: (p.root / "seeds" / "other.txt").unlink()),
    ("seed recatalogued", lambda p: (_edit(p, "seeds/other.txt", "70", "80"), _catalog(p))),
    ("catalog hash", lambda p: _edit(p, "seeds/catalog.yaml", "sha256: ", "sha256: 0")),
    ("catalog entry", lambda p: p.write("seeds/catalog.yaml", "seeds: {}\n")),
    ("verdict", lambda p: p.write("claims/verdicts.yaml", "verdicts:\n  cf-0badc0de: {}\n")),
    ("verdict removed", lambda p: (p.root / "claims" / "verdicts.yaml").unlink()),
    ("project settings", lambda p: p.write("claimtrack.yaml", "name: t\nignore: [CT106]\n")),
    (
        "claim file accepts",
        lambda p: _edit(p, "claims/seats.yaml", "claims:", "ignore: [CT104]\nclaims:"),
    ),
    ("claim file broken", lambda p: _edit(p, "claims/seats.yaml", "claims:", "claims: [")),
    ("claim file removed", lambda p: (p.root / "claims" / "official.yaml").unlink()),
]


@pytest.mark.parametrize("edit", [e for _, e in EDITS], ids=[name for name, _ in EDITS])
def test_every_cached_run_finds_what_a_cold_run_finds(
    newsroom: Project, edit: Callable[[Project], None]
) -> None:
    before = _same_through_the_cache(newsroom)
    edit(newsroom)
    after = _same_through_the_cache(newsroom)
    assert after != before  # the edit changes what is found, so a stale cache would show


def test_edits_one_after_another_keep_agreeing(newsroom: Project) -> None:
    seen = [_same_through_the_cache(newsroom)]
    for _, edit in EDITS[:8]:
        edit(newsroom)
        seen.append(_same_through_the_cache(newsroom))
    assert len({repr(s) for s in seen}) == len(seen)


def test_the_cache_is_written_under_the_project_and_no_cache_writes_nothing(
    newsroom: Project,
) -> None:
    shutil.rmtree(newsroom.root / ".claimtrack-cache")
    assert newsroom.run("validate", "--no-cache").exit_code == 0
    assert not (newsroom.root / ".claimtrack-cache").exists()
    assert newsroom.run("validate").exit_code == 0
    assert newsroom.run("conflicts").exit_code == 0  # loads again, every file from the cache
    with sqlite3.connect(newsroom.root / CACHE) as db:
        stored = set(db.execute("SELECT stage, path FROM entries"))
    files = {"claims/seats.yaml", "claims/official.yaml", "claims/registry.yaml"}
    assert stored >= {(stage, f) for f in files for stage in ("head", "drafts", "checked")}
    assert stored >= {("catalog", "seeds/catalog.yaml"), ("outcome", "validate")}
    assert (newsroom.root / ".claimtrack-cache" / ".gitignore").read_text().endswith("*\n")


def test_claimtrack_no_cache_in_the_environment_turns_it_off(
    newsroom: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.rmtree(newsroom.root / ".claimtrack-cache")
    monkeypatch.setenv("CLAIMTRACK_NO_CACHE", "1")
    assert newsroom.run("validate").exit_code == 0
    assert not (newsroom.root / ".claimtrack-cache").exists()


def _break_seats(project: Project) -> list[tuple[int, str]]:
    _edit(project, "claims/seats.yaml", "value: 63", "value: 64")
    return _outputs(project, "--no-cache")


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"this is not a database\n" * 100,
        b"SQLite format 3\x00" + b"\xff" * 4000,
    ],
    ids=["emptied", "text", "truncated-header"],
)
def test_a_corrupt_cache_is_ignored_and_rebuilt(newsroom: Project, damage: bytes) -> None:
    _same_through_the_cache(newsroom)
    cold = _break_seats(newsroom)
    _earlier_runs_ended()
    for suffix in ("-wal", "-shm"):
        Path(f"{newsroom.root / CACHE}{suffix}").unlink(missing_ok=True)
    (newsroom.root / CACHE).write_bytes(damage)
    assert _outputs(newsroom) == cold
    assert _outputs(newsroom) == cold
    with sqlite3.connect(newsroom.root / CACHE) as db:
        assert db.execute("SELECT count(*) FROM entries").fetchone()[0] > 0


def test_a_database_that_is_not_claimtracks_is_set_aside(newsroom: Project) -> None:
    cold = _outputs(newsroom, "--no-cache")
    shutil.rmtree(newsroom.root / ".claimtrack-cache")
    (newsroom.root / ".claimtrack-cache").mkdir()
    with sqlite3.connect(newsroom.root / CACHE) as db:
        db.execute("CREATE TABLE entries (stage, path, key, value)")
        db.execute("INSERT INTO entries VALUES ('load', 'claims/seats.yaml', x'00', x'00')")
    assert _outputs(newsroom) == cold
    with sqlite3.connect(newsroom.root / CACHE) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] != 0


def test_a_tampered_entry_cannot_hide_a_finding(newsroom: Project) -> None:
    """Entries are signed with a key kept outside the project: one rewritten in the database
    (or a cache committed to the repository) is ignored, never unpickled."""
    cold = _break_seats(newsroom)
    assert _outputs(newsroom) == cold
    with sqlite3.connect(newsroom.root / CACHE) as db:
        rows = list(db.execute("SELECT path, value FROM entries WHERE stage = 'checked'"))
        assert ("claims/seats.yaml", True) in {(p, b"CT104" in v) for p, v in rows}
        db.executemany(
            "UPDATE entries SET value = ? WHERE stage = 'checked' AND path = ?",
            [(value[:64] + pickle.dumps([]), path) for path, value in rows],
        )
    assert _outputs(newsroom) == cold


def test_a_cache_made_with_another_key_is_not_trusted(
    newsroom: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a cache committed to the repository by someone else: every entry is computed again
    and re-signed, none is read."""

    def signatures() -> set[bytes]:
        with sqlite3.connect(newsroom.root / CACHE) as db:
            return {bytes(v[:64]) for (v,) in db.execute("SELECT value FROM entries")}

    cold = _break_seats(newsroom)
    assert _outputs(newsroom) == cold
    theirs = signatures()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "elsewhere"))
    assert _outputs(newsroom) == cold
    assert not theirs & signatures()
    assert (tmp_path / "elsewhere" / "claimtrack" / "key").stat().st_mode & 0o077 == 0


def test_two_runs_at_once_share_the_cache(newsroom: Project) -> None:
    """Two pre-commit hooks at once, as real processes, over a cold and then a warm cache."""
    _edit(newsroom, "claims/seats.yaml", "value: 63", "value: 64")
    expected = newsroom.run("validate", "--format", "json", "--no-cache")
    command = [sys.executable, "-m", "claimtrack", "validate", "--format", "json"]
    for _ in range(3):
        processes = [
            subprocess.Popen(
                [*command, "--root", str(newsroom.root)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=os.environ.copy(),
            )
            for _ in range(2)
        ]
        for process in processes:
            out, err = process.communicate(timeout=120)
            assert (process.returncode, out, err) == (expected.exit_code, expected.stdout, "")
        _edit(newsroom, "claims/official.yaml", "quote:", "quote: ")


def test_new_since_reads_the_old_revision_through_the_cache(newsroom: Project) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=newsroom.root, check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "claims")
    newsroom.claims("claims/more.yaml", claim("cpp-69", 69, subject="cpp", quote=Q68))
    flags = ("conflicts", "--format", "json", "--new-since", "HEAD")
    cold = newsroom.run(*flags, "--no-cache")
    assert [c["id"] for c in json.loads(cold.stdout)["conflicts"]]
    for _ in range(2):
        warm = newsroom.run(*flags)
        assert (warm.exit_code, warm.stdout) == (cold.exit_code, cold.stdout)
    with sqlite3.connect(newsroom.root / CACHE) as db:
        stored = {p for (p,) in db.execute("SELECT path FROM entries WHERE stage = 'head'")}
    assert "claims/more.yaml" in stored  # the old revision, without it, did not forget it
    with sqlite3.connect(newsroom.root / CACHE) as db:
        kept = list(db.execute("SELECT path FROM entries WHERE stage = 'new-since'"))
    assert kept == [(".",)]  # the old revision's conflict ids, under its git tree


def test_a_seed_outside_the_listing_is_still_followed(newsroom: Project) -> None:
    """A hidden seed file is not listed (nor catalogued), but a claim citing it depends on it."""
    newsroom.write("seeds/.draft.txt", OTHER)
    _edit(newsroom, "claims/official.yaml", "seed: other.txt", "seed: .draft.txt")
    before = _same_through_the_cache(newsroom)
    newsroom.write("seeds/.draft.txt", OTHER.replace("70", "71"))
    after = _same_through_the_cache(newsroom)
    assert after != before


def test_init_ignores_the_cache_and_keeps_what_gitignore_says(tmp_path: Path) -> None:
    """With the real git: the cache folder a run creates is ignored, lines already in the
    repository's .gitignore are kept, and a second init adds nothing."""
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".gitignore").write_text("drafts/", encoding="utf-8")
    runner = Project(repo)
    assert runner.run_plain("init", str(repo)).exit_code == 0
    assert runner.run("validate").exit_code == 0
    assert (repo / CACHE).is_file()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    ignored = subprocess.run(["git", "check-ignore", "-q", CACHE], cwd=repo, check=False).returncode
    assert ignored == 0
    text = (repo / ".gitignore").read_text(encoding="utf-8")
    assert text.startswith("drafts/\n") and text.endswith("\n.claimtrack-cache/\n")
    assert runner.run_plain("init", str(repo), "--force").exit_code == 0
    assert (repo / ".gitignore").read_text(encoding="utf-8") == text


def _entries(project: Project, stage: str) -> dict[str, bytes]:
    with sqlite3.connect(project.root / CACHE) as db:
        rows = db.execute("SELECT path, value FROM entries WHERE stage = ?", (stage,))
        return {path: bytes(value) for path, value in rows}


@pytest.mark.parametrize(
    ("edit", "rechecked"),
    [
        (
            lambda p: _edit(p, "claims/registry.yaml", "comfrel: {", "comfrel-ngo: {"),
            {"claims/registry.yaml", "claims/official.yaml"},
        ),
        (
            lambda p: _edit(p, "claims/registry.yaml", "[Prak Sokhon]", "[P. Sokhonn]"),
            {"claims/registry.yaml"},
        ),
        (
            lambda p: _edit(p, "seeds/other.txt", "70 percent", "80 percent"),
            {"claims/official.yaml"},
        ),
        (
            lambda p: _edit(p, "seeds/article.txt", "won 63", "won 64"),
            {"claims/seats.yaml", "claims/official.yaml"},
        ),
        (
            lambda p: _edit(p, "claims/verdicts.yaml", "open", "disputed"),
            {"claims/verdicts.yaml"},
        ),
    ],
    ids=["entity named", "entity nobody names", "seed of one file", "seed of both", "verdict"],
)
def test_a_registry_or_seed_change_rechecks_exactly_the_files_that_consulted_it(
    newsroom: Project, edit: Callable[[Project], None], rechecked: set[str]
) -> None:
    """Each file's checked result is kept with what its checks consulted: an edit re-checks the
    files that consulted what changed, and no other (their entries stay byte for byte)."""
    _same_through_the_cache(newsroom)
    before = _entries(newsroom, "checked")
    edit(newsroom)
    _same_through_the_cache(newsroom)
    after = _entries(newsroom, "checked")
    assert {path for path in after if after[path] != before.get(path)} == rechecked


def test_a_file_left_alone_is_not_read_again_but_any_change_to_it_is_seen(
    newsroom: Project,
) -> None:
    """A file's digest is remembered under its status once it has been left alone for two
    seconds; an edit that keeps its size and modification time still changes its status."""
    cold = _outputs(newsroom, "--no-cache")
    with _left_alone_long_enough():
        assert _outputs(newsroom) == cold
    assert _entries(newsroom, "status")
    path = newsroom.root / "claims/seats.yaml"
    info = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("63", "36"), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size
    changed = _outputs(newsroom, "--no-cache")
    assert changed != cold
    assert _outputs(newsroom) == changed


def _settled(project: Project) -> None:
    """Let the files count as left alone, so the cache remembers them by their status and a
    run that checks one file leaves the others unread."""
    with _left_alone_long_enough():
        assert project.run("validate").exit_code in (0, 1)
    assert _entries(project, "status")


def test_checking_one_file_reads_no_other_file_the_index_vouches_for(newsroom: Project) -> None:
    """What keeps pre-commit's one-file run fast however many files the project has: once the
    files have been left alone, every other file is vouched for by its status in the signed id
    index and left unread, but for files with registries (every claim may depend on those).
    A file whose status changes is read again."""
    from claimtrack.cache import Cache
    from claimtrack.project import read_project

    def unread() -> set[str]:
        cache = Cache.open(newsroom.root)
        assert cache is not None
        only = frozenset({"claims/seats.yaml"})
        return set(read_project(newsroom.root, cache=cache, drafts=False, only=only).skipped)

    _settled(newsroom)
    assert unread() == {"claims/official.yaml"}  # registry.yaml and verdicts.yaml are read
    official = newsroom.root / "claims/official.yaml"
    official.write_bytes(official.read_bytes())  # the same bytes, a new status
    assert unread() == set()


def test_a_folder_listing_is_reused_only_while_its_folders_and_links_are_as_they_were(
    newsroom: Project,
) -> None:
    """The files under claims/ and seeds/ are listed again when a folder listed or a link met
    has changed since: here the folder a seed link leads to is swapped for another and a
    claims file is added in a new subfolder, while seeds/ itself is never touched."""
    root = newsroom.root
    (root / "archive").mkdir()
    (root / "archive" / "first.txt").write_text("An archived article.\n", encoding="utf-8")
    (root / "seeds" / "more").symlink_to("../archive")
    _settled(newsroom)
    before = _outputs(newsroom, "--no-cache")
    with _left_alone_long_enough():
        assert _outputs(newsroom) == before
    assert set(_entries(newsroom, "listing")) == {"claims", "seeds"}
    assert "seeds/more/first.txt" in before[0][1]  # not in the catalog (CT107)

    (root / "replacement").mkdir()
    (root / "replacement" / "second.txt").write_text("Another one.\n", encoding="utf-8")
    (root / "archive").rename(root / "retired")
    (root / "replacement").rename(root / "archive")
    (root / "claims" / "late").mkdir()
    (root / "claims" / "late" / "dup.yaml").write_text(
        (root / "claims" / "seats.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    after = _outputs(newsroom, "--no-cache")
    assert "seeds/more/second.txt" in after[0][1] and "seeds/more/first.txt" not in after[0][1]
    assert "claims/late/dup.yaml" in after[0][1]  # its ids are duplicates
    with _left_alone_long_enough():  # only the statuses can tell the listings are stale
        assert _outputs(newsroom) == after


def _one_file(project: Project, target: str) -> tuple[Result, Result]:
    path = str(project.root / target)
    return project.run("validate", path, "--no-cache"), project.run("validate", path)


def test_checking_one_file_sees_the_ids_of_files_it_leaves_unread(newsroom: Project) -> None:
    """pre-commit's run on one changed file reads the index of ids instead of the other files,
    and finds the same duplicate and look-alike ids as a cold run; the files that come first
    are the ones the findings name."""
    newsroom.claims("claims/more.yaml", claim("cpp-seats-x", 68, subject="cpp", quote=Q68))
    _settled(newsroom)
    newsroom.claims(
        "claims/seats.yaml",
        claim("cnrp-63", 63, quote=Q63)
        + claim("nec-55", 55, claimant="nec", quote=Q55)
        + claim("cpp-seats-X", 68, subject="cpp", quote=Q68),
    )
    cold, warm = _one_file(newsroom, "claims/seats.yaml")
    assert (warm.exit_code, warm.stdout) == (cold.exit_code, cold.stdout)
    assert "CT201 duplicate claim id 'nec-55'; first used at claims/official.yaml" in cold.stdout
    assert "CT208 claim id 'cpp-seats-X' looks like 'cpp-seats-x'" in cold.stdout
    for other in ("claims/official.yaml", "claims/more.yaml"):
        cold, warm = _one_file(newsroom, other)
        assert (warm.exit_code, warm.stdout) == (cold.exit_code, cold.stdout)


@pytest.mark.parametrize(
    "tamper",
    [
        "DELETE FROM ids WHERE path = 'claims/official.yaml'",
        "UPDATE ids SET line = line + 1 WHERE path = 'claims/official.yaml'",
        "UPDATE indexed SET content = x'00' WHERE path = 'claims/official.yaml'",
    ],
    ids=["rows removed", "rows rewritten", "file's place rewritten"],
)
def test_an_id_index_that_cannot_vouch_for_a_file_is_not_used(
    newsroom: Project, tamper: str
) -> None:
    """The index is signed file by file (what each was indexed from and how many ids it has,
    and its ids): rows removed or rewritten make the run read the files, never miss a
    duplicate or misplace one."""
    _settled(newsroom)
    with sqlite3.connect(newsroom.root / CACHE) as db:
        db.execute(tamper)
    _edit(newsroom, "claims/seats.yaml", "- id: cpp-68", "- id: nec-55")
    cold, warm = _one_file(newsroom, "claims/seats.yaml")
    assert "CT201 duplicate claim id 'nec-55'" in cold.stdout
    assert (warm.exit_code, warm.stdout) == (cold.exit_code, cold.stdout)


def test_links_planted_in_the_cache_folder_are_never_written_through(
    newsroom: Project, tmp_path: Path
) -> None:
    """A cache folder committed to a repository may hold symbolic links where the database, its
    journals or its .gitignore go: a run removes them and writes nothing outside the folder."""
    shutil.rmtree(newsroom.root / ".claimtrack-cache")
    (newsroom.root / ".claimtrack-cache").mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    for name in (".gitignore", "cache.sqlite", "cache.sqlite-wal", "cache.sqlite-shm"):
        (newsroom.root / ".claimtrack-cache" / name).symlink_to(outside / name)
    cold = _outputs(newsroom, "--no-cache")
    assert _outputs(newsroom) == cold
    assert _outputs(newsroom) == cold
    assert not list(outside.iterdir())
    assert (newsroom.root / CACHE).is_file() and not (newsroom.root / CACHE).is_symlink()
    assert _entries(newsroom, "checked")


def test_a_relative_cache_home_is_ignored(
    newsroom: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the XDG rules say: a signing key kept relative to the folder a run starts in would
    land in the project (or wherever the run was started) and be committed with it."""
    cold = _outputs(newsroom, "--no-cache")
    before = sorted(p for p in newsroom.root.rglob("*") if ".claimtrack-cache" not in p.parts)
    monkeypatch.chdir(newsroom.root)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert _outputs(newsroom) == cold
    after = sorted(p for p in newsroom.root.rglob("*") if ".claimtrack-cache" not in p.parts)
    assert after == before


@pytest.mark.parametrize("relative", ["claims/seats.yaml", "seeds/catalog.yaml"])
def test_a_link_that_comes_to_lead_outside_is_refused_though_its_file_is_unchanged(
    newsroom: Project, tmp_path: Path, relative: str
) -> None:
    """A file reached through links inside the project, left alone, then the folder it is in
    moved out of the project and a link re-pointed there: the file's status is as it was, yet a
    cold run refuses it, and so must a cached one."""
    shared = newsroom.root / "shared"
    shared.mkdir()
    os.replace(newsroom.root / relative, shared / "file.yaml")
    (newsroom.root / "via").symlink_to(shared)
    (newsroom.root / relative).symlink_to(newsroom.root / "via" / "file.yaml")
    _settled(newsroom)
    assert _outputs(newsroom) == _outputs(newsroom, "--no-cache")
    os.replace(shared, tmp_path / "shared")
    (newsroom.root / "via").unlink()
    (newsroom.root / "via").symlink_to(tmp_path / "shared")
    cold = _outputs(newsroom, "--no-cache")
    assert "leads outside the project" in cold[0][1]
    assert _outputs(newsroom) == cold


def test_a_seed_edited_while_a_run_checks_its_claims_leaves_no_stale_finding(
    newsroom: Project,
) -> None:
    """A seed is read for the checks and again for its fingerprint. An editor saving it again
    and again (between two versions) while runs check the claims citing it: once the editing
    stops, a cached run finds what a cold run finds, never the findings about the other
    version kept under this one's fingerprint."""
    import threading

    seed = newsroom.root / "seeds" / "other.txt"
    versions = [OTHER.encode(), OTHER.replace("70", "71").encode()]
    target = str(newsroom.root / "claims" / "official.yaml")

    def save_again_and_again(stop: threading.Event) -> None:
        saved = 0
        while not stop.is_set():
            (newsroom.root / "seeds" / ".saving").write_bytes(versions[saved % 2])
            os.replace(newsroom.root / "seeds" / ".saving", seed)
            saved += 1

    claims = Path(target).read_text(encoding="utf-8")
    cold_runs: dict[bytes, Result] = {}
    """What a cold run finds, by the seed's bytes: the claims file changes only in a comment
    of the same length, so that is all the cold run's findings depend on."""
    for attempt in range(40):
        stop = threading.Event()
        Path(target).write_text(f"# attempt {attempt:02}\n{claims}", encoding="utf-8")
        editor = threading.Thread(target=save_again_and_again, args=(stop,))
        editor.start()
        try:
            newsroom.run("validate", target)
        finally:
            stop.set()
            editor.join()
        saved = seed.read_bytes()
        if saved not in cold_runs:
            cold_runs[saved] = newsroom.run("validate", target, "--no-cache")
        cold = cold_runs[saved]
        warm = newsroom.run("validate", target)
        assert (warm.exit_code, warm.stdout) == (cold.exit_code, cold.stdout), attempt
