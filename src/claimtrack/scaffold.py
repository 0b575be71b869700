"""`claimtrack init`: the files of a new claims repository that passes validate at once."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from claimtrack.files import write_atomically
from claimtrack.schema import CATALOG_FILE, CLAIMS_FILE, json_schema

EXAMPLE_SEED = """\
Ministry Reports Record Turnout

The election commission said on Monday that turnout reached 71.4 per cent, the highest since
2008. The opposition says “at least 12 polling stations” opened late. It puts turnout at 65
per cent.
"""

ENTITIES = """\
# yaml-language-server: $schema=../../schema/claims.schema.json
# Who and what claims talk about. Claims may use an id, a name or any alias.
entities:
  election-commission:
    name: Election Commission
    type: institution
    aliases: [election commission]
  opposition:
    name: The opposition
    type: party
  election:
    name: The election
    type: election
"""

SCOPES = """\
# yaml-language-server: $schema=../../schema/claims.schema.json
# Events and periods: claims conflict only within one scope.
scopes:
  election:
    name: The election
"""

PROPERTIES = """\
# yaml-language-server: $schema=../../schema/claims.schema.json
# What can be asserted: type is number, percent, date, boolean, text or entity.
properties:
  turnout:
    name: Voter turnout
    type: percent
  stations-opened-late:
    name: Polling stations that opened late
    type: number
"""

RULES = """\
# yaml-language-server: $schema=../../schema/claims.schema.json
# Constraints across claims, for example the parts of a total:
#   seats-within-assembly:
#     property: seats-won
#     total: {subject: national-assembly, property: seat-count}
#     relation: at-most
rules: {}
"""

CLAIMS = """\
# yaml-language-server: $schema=../schema/claims.schema.json
# One claim: who says what about which subject, quoted verbatim from a seed.
# See `claimtrack schema` for every field; `claimtrack validate` checks them.
defaults:
  scope: election
  seed: example.txt

claims:
  - id: commission-turnout-71-4
    subject: election
    property: turnout
    value: 71.4
    claimant: election-commission
    kind: official
    as_of: 2026-01-05
    quote: The election commission said on Monday that turnout reached 71.4 per cent
  - id: opposition-late-stations
    subject: election
    property: stations-opened-late
    value: {at_least: 12}
    said: at least 12
    claimant: opposition
    quote: The opposition says "at least 12 polling stations" opened late.
"""

HOOK_FILES = r"(^|/)(claimtrack\.yaml|claims/.*\.ya?ml|seeds/(.*/)?[^./][^/]*)$"
"""Which changed files wake the hooks. pre-commit matches paths from the repository's root, so
the folders may sit anywhere below it: a claims project in a subfolder is checked too."""

PRE_COMMIT = """\
# Checks claim and seed files on every commit. Once per clone: git init (if this is not a git
# repository yet), then pre-commit install.
#
# The hooks run the claimtrack you installed (pip install ...), the same version you run by
# hand, so commit with its environment active. To have pre-commit install claimtrack itself,
# pin a release of its repository once one is tagged, in place of the local repo below:
#   - repo: {repo}
#     rev: <tag>   # a release tag that exists there: git ls-remote --tags <repo>
#     hooks: [{{id: claimtrack-validate}}, {{id: claimtrack-new-conflicts}}]
repos:
  - repo: local
    hooks:
      - id: claimtrack-validate
        name: claimtrack validate
        entry: claimtrack validate
        language: system
        files: {files}
        require_serial: true
      - id: claimtrack-new-conflicts
        name: claimtrack new conflicts (each needs a verdict; status open will do)
        entry: claimtrack conflicts --new-since HEAD --fail-on unreviewed --format markdown
        language: system
        files: {files}
        pass_filenames: false
        require_serial: true
"""

WORKFLOW = """\
name: claims
on: [push, pull_request]

jobs:
  claimtrack:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      # claimtrack from its git repository: pin a commit ("...@<commit>"; init writes the one
      # it was installed from, when it knows it). Once releases are published on a package
      # index, pin one instead: pip install "claimtrack==0.2.0"
      - run: pip install "{requirement}"
      - name: Validate claims (annotations on the pull request)
        run: claimtrack validate --format github
      - name: Conflicts report
        run: claimtrack conflicts --format markdown >> "$GITHUB_STEP_SUMMARY"
      - name: No new conflict without a verdict
        if: github.event_name == 'pull_request'
        run: >-
          claimtrack conflicts --new-since "origin/${{{{ github.base_ref }}}}"
          --fail-on unreviewed
"""

HOOKS_REPO = "https://github.com/claimtrack/claimtrack"
"""Where claimtrack's source is published; point it at your own copy if you keep one."""


def install_requirement() -> str:
    """How CI should install the claimtrack that is running now: the same git commit when it
    was installed from git (directly, or from a clone with a remote), else the repository's
    default branch, to be pinned by hand."""
    import subprocess
    from importlib.metadata import PackageNotFoundError, distribution
    from urllib.parse import unquote, urlparse

    try:
        origin = json.loads(distribution("claimtrack").read_text("direct_url.json") or "{}")
    except (PackageNotFoundError, ValueError):
        origin = {}
    vcs = origin.get("vcs_info", {})
    if vcs.get("vcs") == "git" and vcs.get("commit_id"):
        return f"claimtrack @ git+{origin['url']}@{vcs['commit_id']}"
    url = urlparse(origin.get("url", ""))
    if url.scheme == "file":

        def git(*args: str) -> str:
            try:
                done = subprocess.run(
                    ["git", "-C", unquote(url.path), *args],
                    capture_output=True,
                    text=True,
                    check=False,
                )
            except OSError:
                return ""
            return done.stdout.strip() if done.returncode == 0 else ""

        remote, commit = git("remote", "get-url", "origin"), git("rev-parse", "HEAD")
        if remote and commit and "://" in remote:
            return f"claimtrack @ git+{remote}@{commit}"
    return f"claimtrack @ git+{HOOKS_REPO}"


def files() -> dict[str, str]:
    """Relative path -> content of every file `init` writes."""
    digest = hashlib.sha256(EXAMPLE_SEED.encode()).hexdigest()
    catalog = (
        "# yaml-language-server: $schema=../schema/catalog.schema.json\n"
        "seeds:\n  example.txt:\n    title: Ministry Reports Record Turnout\n"
        f"    sha256: {digest}\n"
    )
    return {
        "claimtrack.yaml": "# claimtrack project: claims/ holds claims, seeds/ the articles.\n"
        "name: My claims\n",
        "seeds/example.txt": EXAMPLE_SEED,
        "seeds/catalog.yaml": catalog,
        "claims/registry/entities.yaml": ENTITIES,
        "claims/registry/scopes.yaml": SCOPES,
        "claims/registry/properties.yaml": PROPERTIES,
        "claims/registry/rules.yaml": RULES,
        "claims/example.yaml": CLAIMS,
        "schema/claims.schema.json": schema_text("claims"),
        "schema/catalog.schema.json": schema_text("catalog"),
        ".pre-commit-config.yaml": PRE_COMMIT.format(repo=HOOKS_REPO, files=HOOK_FILES),
        ".github/workflows/claimtrack.yml": WORKFLOW.format(requirement=install_requirement()),
    }


def schema_text(kind: str) -> str:
    """The JSON Schema of claim files ("claims") or of the seed catalog ("catalog")."""
    schema = json_schema(CATALOG_FILE if kind == "catalog" else CLAIMS_FILE)
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def existing(target: Path) -> list[Path]:
    return [target / name for name in files() if (target / name).exists()]


IGNORED = ".claimtrack-cache/"
"""What `init` adds to the project's .gitignore: the cache of what each file found."""


def write(target: Path, *, force: bool = False) -> list[Path]:
    """Write every file, each atomically, and git-ignore the cache. The caller checks
    `existing` first: without `force`, a file that appears meanwhile is still never
    overwritten."""
    written = []
    for name, text in files().items():
        path = target / name
        write_atomically(path, text, overwrite=force)
        written.append(path)
    written.append(_ignore_cache(target / ".gitignore"))
    return written


def _ignore_cache(path: Path) -> Path:
    """Add the cache folder to a .gitignore, keeping every line already there (a repository
    usually has one before it holds a claims project)."""
    try:
        kept = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        kept = ""
    if IGNORED not in kept.splitlines():
        separator = "" if not kept or kept.endswith("\n") else "\n"
        note = "# claimtrack's cache of what each file found: rebuilt when needed\n"
        write_atomically(path, f"{kept}{separator}{note}{IGNORED}\n", overwrite=True)
    return path
