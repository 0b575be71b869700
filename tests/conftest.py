"""Shared fixtures: small purpose-built claims projects, and the CLI driven as a user drives it."""

from __future__ import annotations

import hashlib
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtrack.cli import app

REPO = Path(__file__).resolve().parent.parent

ARTICLE = textwrap.dedent("""\
    Results Disputed

    The CPP is claiming to have won 68 of the National Assembly’s 123 seats. The CNRP
    claims to have won 63. The NEC announced final results that showed the CPP securing
    68 seats compared with CNRP’s 55. “It’s not a problem—what he said is clear,” he said.
    Comfrel warned that about 1 million voters could be struck off.
    """)

REGISTRY = textwrap.dedent("""\
    entities:
      cpp: {name: Cambodian People's Party, short: CPP, type: party, aliases: [CPP]}
      cnrp: {name: Cambodia National Rescue Party, short: CNRP, type: party, aliases: [CNRP]}
      nec: {name: National Election Committee, type: institution, aliases: [NEC]}
      assembly: {name: National Assembly, type: institution}
      comfrel: {name: Comfrel, type: organisation}
      prak-sokhonn: {name: Prak Sokhonn, type: person, aliases: [Prak Sokhon]}
      election: {name: the election, type: election}
    scopes:
      e2013: {name: 2013 election}
      e2018: {name: 2018 election}
    properties:
      seats: {name: Seats won, type: number}
      seat-count: {name: Seats in the assembly, type: number}
      voters: {name: Voters struck off, type: number}
      turnout: {name: Turnout, type: percent}
      free: {name: Free and fair, type: boolean}
      slogan: {name: Slogan, type: text, multi: true}
      polling-day: {name: Polling day, type: date}
      status: {name: Results status, type: text, changes: true, terms: {final: [official]}}
      role: {name: Role, type: text, changes: true, scoped: false,
             terms: {deputy president: [vice president], president: []}}
      endorsers: {name: Endorsers, type: entity, multi: true}
    """)


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


@dataclass
class Project:
    root: Path

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def write_bytes(self, relative: str, data: bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def claims(self, relative: str, claims: str, defaults: str = "") -> Path:
        """A claims file from an indented YAML list of claims (and optional defaults)."""
        head = f"defaults:\n{textwrap.indent(textwrap.dedent(defaults), '  ')}" if defaults else ""
        body = textwrap.indent(textwrap.dedent(claims), "  ")
        return self.write(relative, f"{head}claims:\n{body}")

    def run(self, *args: str) -> Result:
        return self.run_plain(*args, "--root", str(self.root))

    def run_plain(self, *args: str) -> Result:
        """Run a command as given, for those that take no --root."""
        result = CliRunner().invoke(app, list(args))
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Result(result.exit_code, result.stdout, result.stderr)


def claim(
    cid: str,
    value: object,
    *,
    subject: str = "cnrp",
    prop: str = "seats",
    claimant: str = "cnrp",
    scope: str | None = "e2013",
    quote: str = "The CNRP",
    extra: str = "",
) -> str:
    """One claim as YAML list item text; `extra` adds fields (YAML, one per line)."""
    lines = [
        f"- id: {cid}",
        f"  subject: {subject}",
        f"  property: {prop}",
        f"  value: {value}",
        f"  claimant: {claimant}",
        "  seed: article.txt",
        f"  quote: {quote}",
    ]
    if scope:
        lines.append(f"  scope: {scope}")
    lines += [f"  {line}" for line in textwrap.dedent(extra).splitlines() if line.strip()]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="session")
def _cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("user-cache")


@pytest.fixture(autouse=True)
def _private_cache_key(_cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs keep the cache's signing key in a folder of the test session, never the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(_cache_home))


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """An empty, valid project: config, one seed in the catalog, the registries."""
    built = Project(tmp_path / "newsroom")
    built.write("claimtrack.yaml", "name: test\n")
    seed = built.write("seeds/article.txt", ARTICLE)
    digest = hashlib.sha256(seed.read_bytes()).hexdigest()
    built.write(
        "seeds/catalog.yaml",
        f"seeds:\n  article.txt:\n    title: Results Disputed\n    sha256: {digest}\n",
    )
    built.write("claims/registry.yaml", REGISTRY)
    return built


@pytest.fixture
def bundled() -> Callable[..., Result]:
    """Run the CLI on the project's own bundled seeds and claims."""

    def run(*args: str) -> Result:
        result = CliRunner().invoke(app, [*args, "--root", str(REPO)])
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Result(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture(autouse=True)
def _width_as_piped(monkeypatch: pytest.MonkeyPatch) -> None:
    """Output is laid out as when piped (120 columns) unless a test sets COLUMNS itself: a test
    runner's own COLUMNS (parallel workers set one) must not change what a test sees."""
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked slow run first, the rest in their usual order. Spread over the machine's
    cores, a test of tens of seconds that starts last keeps one core busy after the others
    have finished; started first, it runs while the others share the quick tests."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
