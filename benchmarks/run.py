"""Time claimtrack against baselines measured in the same run, on the same files.

    python benchmarks/run.py                       # 10k and 100k claims
    python benchmarks/run.py --sizes 10k 100k 1m   # and a million
    python benchmarks/run.py --readme              # and rewrite README.md's performance block

Every figure is a ratio to something measured in the same run on the same machine, because
the machine's speed and load change from run to run and ratios survive that. For each size a
synthetic project is generated once (benchmarks/generate.py, kept under benchmarks/out/), copied
to a scratch folder that is the only place files are changed or a cache is written, then every
command runs as its own process, timed with a monotonic clock, its peak resident memory read
from the kernel (wait4). The commands take turns, round after round, so that load from elsewhere
on a shared machine falls on each of them alike. Per size:

- cold: the C parser's compose floor (yaml.compose with CSafeLoader over the claim files, the
  least any tool that reports lines must do), validate and `conflicts --format json`, each with
  `--no-cache` and the cache folder deleted: validate / compose, conflicts / validate;
- warm: the run that fills the cache, a full validate with nothing changed (warm / cold),
  `validate claims/claims-00007.yaml` after an edit to that file (what pre-commit runs; against
  `claimtrack --version`), a full validate after an edit to one seed a claim cites, conflicts
  with nothing changed and after the one-file edit, and `conflicts --new-since HEAD` after it
  (the scratch copy is a git repository with one commit), without and with the cache;
- growth: the exponent b of time ~ claims^b across the sizes run, and, at 10k claims, the same
  claims in ten times the files and with ten times the seeds;
- start-up: `claimtrack --version` against `python -c "import typer"`, and validate on the
  bundled project against `python -c "import typer, yaml"`.

Where yamllint is installed it is timed on the same claim files (up to 100k claims). With a
cache, the run also checks that, with one claim file and one seed edited, each command prints
the same with the cache as without it: a fast wrong answer is not a result. A build whose
validate does not accept `--no-cache` has no cache: it is still measured, its warm figures are
its cold ones, and the tables say so.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import itertools
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
SIZES = {  # claims, files, seeds
    "10k": (10_000, 100, 1_000),
    "100k": (100_000, 1_000, 10_000),
    "1m": (1_000_000, 10_000, 100_000),
}
SHAPES = {  # the 10k project reshaped, to tell what files and seeds cost apart from claims
    "10k-files": (10_000, 1_000, 1_000),
    "10k-seeds": (10_000, 100, 10_000),
}
COMPOSE = (
    "import pathlib, sys, yaml\n"
    "for path in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):\n"
    "    yaml.compose(path.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader)\n"
)
CACHE = ".claimtrack-cache"
EDITED = "claims/claims-00007.yaml"
"""The file pre-commit would pass after a one-file change (the issue's example)."""
START = "<!-- benchmarks:start -->"
END = "<!-- benchmarks:end -->"
ENV = {
    key: value
    for key, value in os.environ.items()
    if key != "CLAIMTRACK_NO_CACHE" and not key.startswith("GIT_")
}
"""A CLAIMTRACK_NO_CACHE left in the caller's shell would silently make every warm run cold,
and a GIT_DIR (as inside a git hook) would point the scratch project's git elsewhere."""
MIB = 1024


@dataclass(frozen=True)
class Run:
    """The best of a few runs of one command: least wall time, largest peak memory."""

    seconds: float
    peak: float
    """Peak resident memory in MiB."""


@dataclass(frozen=True)
class Build:
    """What the installed claimtrack offers, read from its own help."""

    version: str
    cache: bool
    """validate and conflicts accept --no-cache."""
    output: list[str]
    """The option that sends conflicts to a file, if any; otherwise stdout is discarded."""


@dataclass(frozen=True)
class Figures:
    """Everything measured on one project."""

    name: str
    claims: int
    files: int
    seeds: int
    compose: Run
    version: Run
    """`claimtrack --version`, the floor for any run of the command line."""
    validate: Run
    conflicts: Run
    fill: Run | None
    """The first validate with the cache on and the cache folder deleted (None: no cache)."""
    warm: Run
    one_file_cold: Run
    """validate of one claim file, with no cache."""
    one_file: Run
    """validate of one claim file just edited, with the rest cached."""
    seed_edit: Run
    conflicts_warm: Run
    conflicts_edit: Run
    since_cold: Run
    """`conflicts --new-since HEAD` after the one-file edit, with no cache."""
    since: Run
    """The same with the cache warm for both revisions."""
    yamllint: Run | None
    differ: list[str]
    """Commands whose output with the cache differed from their output without it."""


def measure(command: Sequence[str], cwd: Path) -> Run:
    """Wall seconds and peak resident memory of one run of `command`."""
    with tempfile.TemporaryFile() as errors:  # a pipe could fill and stall the child
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=errors
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            errors.seek(0)
            message = errors.read()[-4000:].decode(errors="replace")
            raise SystemExit(f"{' '.join(command)} (in {cwd}) exited {code}:\n{message}")
    return Run(elapsed, usage.ru_maxrss / 1024)


def digest(command: Sequence[str], cwd: Path) -> str:
    """A hash of what `command` prints and how it exits, to compare cached with fresh runs."""
    with tempfile.TemporaryFile() as out:
        done = subprocess.run(
            command, cwd=cwd, env=ENV, stdout=out, stderr=subprocess.DEVNULL, check=False
        )
        out.seek(0)
        content = hashlib.sha256(str(done.returncode).encode())
        for chunk in iter(lambda: out.read(1 << 20), b""):
            content.update(chunk)
    return content.hexdigest()


def claimtrack(*args: str) -> list[str]:
    return [sys.executable, "-m", "claimtrack", *args]


def detect() -> Build:
    """Read the installed build's options from its help rather than assume them."""

    def help_text(command: str) -> str:
        done = subprocess.run(
            claimtrack(command, "--help"),
            capture_output=True,
            text=True,
            check=True,
            env={**ENV, "COLUMNS": "200", "NO_COLOR": "1"},
        )
        return done.stdout

    validate, conflicts = help_text("validate"), help_text("conflicts")
    version = subprocess.run(
        claimtrack("--version"), capture_output=True, text=True, check=True
    ).stdout.split()[-1]
    if "--output" in conflicts:
        output = ["--output", os.devnull]
    elif re.search(r"(?<![\w-])-o\b", conflicts):
        output = ["-o", os.devnull]
    else:
        output = []
    return Build(version, "--no-cache" in validate and "--no-cache" in conflicts, output)


def project(name: str, counts: tuple[int, int, int]) -> Path:
    """The generated project for `counts`, made once and never changed afterwards."""
    claims, files, seeds = counts
    out = OUT / name
    if not (out / "claimtrack.yaml").is_file() or not (out / "schema").is_dir():
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                str(out),
                f"--claims={claims}",
                f"--files={files}",
                f"--seeds={seeds}",
            ],
            check=True,
        )
    return out


def committed(root: Path) -> None:
    """Make `root` a git repository with one commit, as a project under review is."""
    identity = ["-c", "user.name=benchmark", "-c", "user.email=benchmark@example.invalid"]
    for args in (
        ["init", "-q"],
        ["add", "-A"],
        [*identity, "-c", "commit.gpgsign=false", "commit", "-q", "-m", "The project"],
    ):
        subprocess.run(["git", *args], cwd=root, env=ENV, check=True, stdout=subprocess.DEVNULL)


def cited_seed(claim_file: Path) -> str:
    """The seed the file's first claim quotes."""
    found = re.search(r"^\s*seed:\s*(\S+)\s*$", claim_file.read_text(encoding="utf-8"), re.M)
    if found is None:
        raise SystemExit(f"{claim_file} cites no seed")
    return found.group(1)


@dataclass(frozen=True)
class Step:
    """One timed command, with what must be true before it runs and what to undo after."""

    name: str
    command: list[str]
    before: Callable[[], None] | None = None
    after: Callable[[], None] | None = None
    times: int = 1
    """Runs a round: more for a command so short that one run is mostly noise."""


def rounds(
    steps: Sequence[Step],
    cwd: Path,
    repeat: int,
    typical: Callable[[list[float]], float] = min,
) -> dict[str, Run]:
    """Every step once a round, `repeat` rounds: interleaved, so that a burst of load on a
    shared machine falls on numerator and baseline alike rather than on one of them. Each
    step's time is the `typical` one of its rounds (the least, by default), its peak the
    largest."""
    runs: dict[str, list[Run]] = {step.name: [] for step in steps}
    for _ in range(repeat):
        for step in steps:
            if step.before is not None:
                step.before()
            runs[step.name] += [measure(step.command, cwd) for _ in range(step.times)]
            if step.after is not None:
                step.after()
    return {
        name: Run(typical([run.seconds for run in got]), max(run.peak for run in got))
        for name, got in runs.items()
    }


def bench(
    name: str, counts: tuple[int, int, int], build: Build, repeat: int, lint: bool
) -> Figures:
    """Measure one project, cold and warm, in a scratch copy of it."""
    print(f"{name}: {counts[0]:,} claims in {counts[1]:,} files, {counts[2]:,} seeds", flush=True)
    scratch = OUT / "scratch"
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(project(name, counts), scratch)
    committed(scratch)
    no_cache = ["--no-cache"] if build.cache else []
    validate_all = claimtrack("validate")
    validate_one = claimtrack("validate", EDITED)
    conflicts_all = claimtrack("conflicts", "--format", "json", *build.output)
    since_all = [*conflicts_all, "--new-since", "HEAD"]
    claim_file = scratch / EDITED
    seed_file = scratch / "seeds" / cited_seed(claim_file)
    originals = {path: path.read_bytes() for path in (claim_file, seed_file)}
    serial = itertools.count()

    def clear() -> None:
        shutil.rmtree(scratch / CACHE, ignore_errors=True)

    def edit(path: Path) -> None:
        """Give `path` bytes it never had before, so no run finds its edit already cached."""
        number = next(serial)
        added = f"# edit {number}" if path.suffix == ".yaml" else f"\nA paragraph, {number}."
        path.write_bytes(originals[path].rstrip(b"\n") + f"\n{added}\n".encode())

    def restore() -> None:
        """Put the files back and, outside any timing, let the cache catch up."""
        for path, original in originals.items():
            path.write_bytes(original)
        if build.cache:
            measure(validate_all, scratch)

    def edit_claims() -> None:
        edit(claim_file)

    def edit_seed() -> None:
        edit(seed_file)

    def clear_and_edit() -> None:
        clear()
        edit(claim_file)

    def warm_conflicts() -> None:
        measure(conflicts_all, scratch)

    def warm_since() -> None:
        """Run it once untimed, so the cache holds the committed revision if it ever will."""
        edit(claim_file)
        measure(since_all, scratch)
        edit(claim_file)

    steps = [
        Step("compose", [sys.executable, "-c", COMPOSE, "claims"]),
        Step("version", claimtrack("--version"), times=5),
        Step("validate", [*validate_all, *no_cache], clear),
        Step("one_file_cold", [*validate_one, *no_cache], clear),
        Step("conflicts", [*conflicts_all, *no_cache], clear),
        Step("since_cold", [*since_all, *no_cache], clear_and_edit, restore),
    ]
    if build.cache:
        steps += [
            Step("fill", validate_all, clear),
            Step("warm", validate_all),
            Step("one_file", validate_one, edit_claims, restore),
            Step("seed_edit", validate_all, edit_seed, restore),
            Step("conflicts_warm", conflicts_all, warm_conflicts),
            Step("conflicts_edit", conflicts_all, edit_claims, restore),
            Step("since", since_all, warm_since, restore),
        ]
    else:
        steps += [
            Step("one_file", validate_one, edit_claims, restore),
            Step("seed_edit", validate_all, edit_seed, restore),
        ]
    got = rounds(steps, scratch, repeat)

    differ = []
    if build.cache:  # with one file and one seed edited, every cached answer against a fresh one
        edit(claim_file)
        edit(seed_file)
        commands = {
            "validate": claimtrack("validate", "--format", "json"),
            f"validate {EDITED}": claimtrack("validate", EDITED, "--format", "json"),
            "conflicts": claimtrack("conflicts", "--format", "json"),
            "conflicts --new-since HEAD": claimtrack(
                "conflicts", "--format", "json", "--new-since", "HEAD"
            ),
        }
        differ = [
            text
            for text, command in commands.items()
            if digest(command, scratch) != digest([*command, "--no-cache"], scratch)
        ]
        restore()

    yamllint = shutil.which("yamllint") or shutil.which(
        "yamllint", path=str(Path(sys.executable).parent)
    )
    linted = (
        measure([yamllint, "-f", "parsable", "claims"], scratch)
        if lint and yamllint and counts[0] <= 100_000
        else None
    )
    shutil.rmtree(scratch)
    figures = Figures(
        name=name,
        claims=counts[0],
        files=counts[1],
        seeds=counts[2],
        compose=got["compose"],
        version=got["version"],
        validate=got["validate"],
        conflicts=got["conflicts"],
        fill=got.get("fill"),
        warm=got.get("warm", got["validate"]),
        one_file_cold=got["one_file_cold"],
        one_file=got["one_file"],
        seed_edit=got["seed_edit"],
        conflicts_warm=got.get("conflicts_warm", got["conflicts"]),
        conflicts_edit=got.get("conflicts_edit", got["conflicts"]),
        since_cold=got["since_cold"],
        since=got.get("since", got["since_cold"]),
        yamllint=linted,
        differ=differ,
    )
    print(
        f"  compose {figures.compose.seconds:.2f} s, validate {figures.validate.seconds:.2f} s "
        f"cold and {figures.warm.seconds:.2f} s warm, one file {figures.one_file.seconds:.2f} s, "
        f"conflicts {figures.conflicts.seconds:.2f} s"
        + (f"; cached output differs: {differ}" if differ else ""),
        flush=True,
    )
    return figures


@dataclass(frozen=True)
class Shape:
    """One of the 10k projects, as generated or reshaped, measured cold."""

    name: str
    claims: int
    files: int
    seeds: int
    compose: Run
    validate: Run
    conflicts: Run


def reshaped(build: Build, repeat: int) -> list[Shape]:
    """The 10k project and its reshapings, their cold runs taking turns in the same rounds,
    so that what files and seeds cost is not mistaken for a change in the machine's load."""
    projects = {"10k": SIZES["10k"], **SHAPES}
    print(f"{', '.join(projects)}: cold, taking turns", flush=True)
    scratch = OUT / "reshaped"
    shutil.rmtree(scratch, ignore_errors=True)
    no_cache = ["--no-cache"] if build.cache else []
    steps = []
    for name, counts in projects.items():
        root = scratch / name
        shutil.copytree(project(name, counts), root)
        clear = functools.partial(shutil.rmtree, root / CACHE, ignore_errors=True)
        steps += [
            Step(f"{name} compose", [sys.executable, "-c", COMPOSE, str(root / "claims")]),
            Step(f"{name} validate", claimtrack("validate", "--root", str(root), *no_cache), clear),
            Step(
                f"{name} conflicts",
                claimtrack(
                    "conflicts", "--root", str(root), "--format", "json", *build.output, *no_cache
                ),
                clear,
            ),
        ]
    got = rounds(steps, REPO, repeat)
    shutil.rmtree(scratch)
    return [
        Shape(
            name,
            *counts,
            compose=got[f"{name} compose"],
            validate=got[f"{name} validate"],
            conflicts=got[f"{name} conflicts"],
        )
        for name, counts in projects.items()
    ]


def seconds(value: float) -> str:
    return f"{value:.3f}" if value < 0.1 else f"{value:.2f}"


def times(value: float) -> str:
    return f"{value:.2f}x"


def runs_of(repeat: int) -> str:
    return "1 run" if repeat == 1 else f"{repeat} runs"


def megabytes(value: float) -> str:
    return f"{value:,.0f} MiB"


def mib(*runs: Run) -> str:
    return f"{max(run.peak for run in runs):,.0f}"


def grid(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|---" * len(header) + "|"]
    return "\n".join([*lines, *("| " + " | ".join(row) + " |" for row in rows)])


Column = tuple[str, Callable[[Figures], str]]


def table(columns: Sequence[Column], projects: Iterable[Figures]) -> str:
    return grid(
        [title for title, _ in columns], ([cell(f) for _, cell in columns] for f in projects)
    )


def exponent(points: Sequence[tuple[float, float]]) -> float:
    """Least-squares slope of log cost against log size: b in cost ~ size^b."""
    xs = [math.log(size) for size, _ in points]
    ys = [math.log(cost) for _, cost in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def seed_size(name: str) -> int:
    """Bytes of seed text in the generated project `name`."""
    return sum(path.stat().st_size for path in (OUT / name / "seeds").glob("*.txt"))


@dataclass(frozen=True)
class Startup:
    typer: float
    version: float
    typer_yaml: float
    bundled: float
    bundled_warm: float | None


def startup(build: Build) -> Startup:
    """Start-up figures; the bundled project is measured in a copy so no cache lands in it."""
    bundled = OUT / "bundled"
    shutil.rmtree(bundled, ignore_errors=True)
    bundled.mkdir(parents=True)
    for part in ("claimtrack.yaml", "claims", "seeds", "schema"):
        if (REPO / part).is_dir():
            shutil.copytree(REPO / part, bundled / part)
        else:
            shutil.copy2(REPO / part, bundled / part)
    validate = claimtrack("validate", "--root", str(bundled))

    def clear() -> None:
        shutil.rmtree(bundled / CACHE, ignore_errors=True)

    steps = [
        Step("typer", [sys.executable, "-c", "import typer"]),
        Step("version", claimtrack("--version")),
        Step("typer_yaml", [sys.executable, "-c", "import typer, yaml"]),
        Step("bundled", [*validate, *(["--no-cache"] if build.cache else [])], clear),
    ]
    if build.cache:
        steps += [Step("fill", validate, clear), Step("bundled_warm", validate)]
    # Median: these runs are short, so neither one lucky nor one slow run may decide.
    got = rounds(steps, REPO, 15, statistics.median)
    shutil.rmtree(bundled)
    return Startup(
        typer=got["typer"].seconds,
        version=got["version"].seconds,
        typer_yaml=got["typer_yaml"].seconds,
        bundled=got["bundled"].seconds,
        bundled_warm=got["bundled_warm"].seconds if build.cache else None,
    )


@dataclass(frozen=True)
class Target:
    """A ratio the project promises to keep under `limit` (over it, with `at_least`)."""

    text: str
    size: str | None
    """The size it is promised at; None: at every size."""
    value: Callable[[Figures], float | None]
    limit: float
    at_least: bool = False
    shown: Callable[[float], str] = times

    def row(self, runs: dict[str, Figures]) -> list[str]:
        sizes = [self.size] if self.size in runs else [] if self.size else list(runs)
        found = [(size, self.value(runs[size])) for size in sizes]
        values = [(size, value) for size, value in found if value is not None]
        if not values:
            largest = list(runs)[-1]
            value = self.value(runs[largest])
            shown = "-" if value is None else f"{self.shown(value)} at {largest}"
            return [self.text, shown, f"not measured at {self.size}"]
        met = all(v >= self.limit if self.at_least else v <= self.limit for _, v in values)
        shown = ", ".join(f"{self.shown(value)} at {size}" for size, value in values)
        return [self.text, shown, "yes" if met else "no"]


def preamble(command: str, build: Build, runs: dict[str, Figures], repeat: int) -> str:
    """Which sizes, machine, Python, commit and build the figures below come from."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=False)
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = " with local changes" if git("status", "--porcelain", "--untracked-files=no") else ""
    cpu = platform.machine()
    info = Path("/proc/cpuinfo")
    if info.is_file():
        names = re.findall(r"^model name\s*:\s*(.+)$", info.read_text(), re.M)
        cpu = names[0] if names else cpu
    counts = [f"{f.claims:,}" for f in runs.values()]
    sizes = " and ".join([", ".join(counts[:-1]), counts[-1]] if len(counts) > 1 else counts)
    once = " (1 at 1,000,000 claims)" if "1m" in runs else ""
    differ = sorted({f"{text} ({f.name})" for f in runs.values() for text in f.differ})
    same = (
        "With one claim file and one seed edited, validate (of the whole project and of that "
        "file), conflicts and `conflicts --new-since HEAD` printed the same with the cache "
        "as without it."
        if not differ
        else "**With the cache, these printed something different from without it:** "
        + ", ".join(differ)
        + "."
    )
    cache = (
        f"Cold runs pass `--no-cache` with `{CACHE}/` deleted; warm runs find the cache the run "
        f"before them left. {same}"
        if build.cache
        else "**No cache in this build** (validate does not accept `--no-cache`): its warm "
        "figures are its cold ones, and one-file and one-seed runs reload everything."
    )
    return (
        f"From `{command}` at commit `{commit}`{dirty} (claimtrack {build.version}): {sizes} "
        f"claims, on {platform.system()} with {os.cpu_count()} cores ({cpu}), Python "
        f"{platform.python_version()}, load average {os.getloadavg()[0]:.2f} at the start. "
        f"Seconds are the best of {runs_of(repeat)}{once}, peak memory the largest; every "
        "ratio is against a baseline from the same run. *compose* is `yaml.compose(..., "
        "Loader=yaml.CSafeLoader)` over the same claim files: the floor for any tool that "
        f"reports line numbers. {cache}"
    )


def growth(runs: dict[str, Figures], shapes: list[Shape]) -> str:
    """How cost grows with claims (across the sizes run), files and seeds (the reshaped 10k)."""
    sentences = []
    projects = list(runs.values())
    if len(projects) > 1:

        def slope(pick: Callable[[Figures], float]) -> str:
            return f"{exponent([(f.claims, pick(f)) for f in projects]):.2f}"

        sentences.append(
            f"How cost grows: from {projects[0].claims:,} to {projects[-1].claims:,} claims, "
            f"time goes as claims^b with b = {slope(lambda f: f.validate.seconds)} for cold "
            f"validate, {slope(lambda f: f.conflicts.seconds)} for cold conflicts, "
            f"{slope(lambda f: f.warm.seconds)} for validate with nothing changed and "
            f"{slope(lambda f: f.one_file.seconds)} for validate of one changed file; peak "
            f"memory goes as claims^{slope(lambda f: f.validate.peak)} for validate and "
            f"claims^{slope(lambda f: f.conflicts.peak)} for conflicts."
        )
    else:
        sentences.append("Growth with claims needs two sizes; this run measured one.")
    if shapes:
        base, files, seeds = shapes

        def tenfold(other: Shape) -> str:
            ratio = other.validate.seconds / base.validate.seconds
            return f"{times(ratio)} the cold validate time (b = {math.log10(ratio):.2f})"

        text = seed_size(seeds.name) / seed_size(base.name)
        sentences.append(
            f"At {base.claims:,} claims, ten times the files take {tenfold(files)}, and ten "
            f"times the seeds ({text:.1f}x the seed text) {tenfold(seeds)}."
        )
    return " ".join(sentences)


def report(
    command: str,
    build: Build,
    runs: dict[str, Figures],
    shapes: list[Shape],
    start: Startup,
    repeat: int,
) -> str:
    """The Markdown block: where the figures come from, the tables, and how cost grows."""
    lint = any(f.yamllint for f in runs.values())

    def over_yamllint(f: Figures) -> str:
        return times(f.yamllint.seconds / f.validate.seconds) if f.yamllint else "-"

    cold: list[Column] = [
        ("claims", lambda f: f"{f.claims:,}"),
        ("files", lambda f: f"{f.files:,}"),
        ("seeds", lambda f: f"{f.seeds:,}"),
        ("compose (s)", lambda f: seconds(f.compose.seconds)),
        ("validate (s)", lambda f: seconds(f.validate.seconds)),
        ("validate / compose", lambda f: times(f.validate.seconds / f.compose.seconds)),
        ("conflicts (s)", lambda f: seconds(f.conflicts.seconds)),
        ("conflicts / validate", lambda f: times(f.conflicts.seconds / f.validate.seconds)),
        ("validate peak (MiB)", lambda f: mib(f.validate)),
        ("conflicts peak (MiB)", lambda f: mib(f.conflicts)),
        (f"`validate {EDITED}` (s)", lambda f: seconds(f.one_file_cold.seconds)),
        ("one file / whole project", lambda f: times(f.one_file_cold.seconds / f.validate.seconds)),
    ]
    if lint:
        cold += [
            ("yamllint (s)", lambda f: seconds(f.yamllint.seconds) if f.yamllint else "-"),
            ("validate speed-up over yamllint", over_yamllint),
        ]
    warm: list[Column] = [
        ("claims", lambda f: f"{f.claims:,}"),
        ("filling the cache (s)", lambda f: seconds(f.fill.seconds) if f.fill else "-"),
        ("nothing changed (s)", lambda f: seconds(f.warm.seconds)),
        ("warm / cold", lambda f: times(f.warm.seconds / f.validate.seconds)),
        ("one file changed, that file (s)", lambda f: seconds(f.one_file.seconds)),
        ("`--version` (s)", lambda f: seconds(f.version.seconds)),
        ("one file / `--version`", lambda f: times(f.one_file.seconds / f.version.seconds)),
        ("one seed changed (s)", lambda f: seconds(f.seed_edit.seconds)),
        ("one seed / cold", lambda f: times(f.seed_edit.seconds / f.validate.seconds)),
        ("peak (MiB)", lambda f: mib(f.warm, f.one_file, f.seed_edit)),
    ]
    warm_conflicts: list[Column] = [
        ("claims", lambda f: f"{f.claims:,}"),
        ("nothing changed (s)", lambda f: seconds(f.conflicts_warm.seconds)),
        ("warm / cold", lambda f: times(f.conflicts_warm.seconds / f.conflicts.seconds)),
        (
            "warm conflicts / warm validate",
            lambda f: times(f.conflicts_warm.seconds / f.warm.seconds),
        ),
        ("one file changed (s)", lambda f: seconds(f.conflicts_edit.seconds)),
        ("one file / cold", lambda f: times(f.conflicts_edit.seconds / f.conflicts.seconds)),
        (
            "`--new-since HEAD`, one file changed, no cache (s)",
            lambda f: seconds(f.since_cold.seconds),
        ),
        ("`--new-since HEAD`, one file changed, warm (s)", lambda f: seconds(f.since.seconds)),
        (
            "warm `--new-since` / warm conflicts",
            lambda f: times(f.since.seconds / f.conflicts_edit.seconds),
        ),
        ("peak (MiB)", lambda f: mib(f.conflicts_warm, f.conflicts_edit, f.since_cold, f.since)),
    ]
    parts = [
        preamble(command, build, runs, repeat),
        "Cold, the whole project:\n\n" + table(cold, runs.values()),
        f"With a warm cache, validate: the whole project with nothing changed; `validate {EDITED}` "
        "(what pre-commit runs) after that file gains a comment line, against "
        "`claimtrack --version` in the same rounds; the whole project "
        "after one seed that file cites gains a paragraph:\n\n" + table(warm, runs.values()),
        "`conflicts --format json` with a warm cache, with nothing changed and after the "
        "one-file edit; `--new-since HEAD` (the project is a git repository with one commit) "
        "after the same edit, which also finds the conflicts of the committed revision:\n\n"
        + table(warm_conflicts, runs.values()),
    ]
    if shapes:
        base = shapes[0]
        shaped: list[tuple[str, Callable[[Shape], str]]] = [
            ("claims", lambda f: f"{f.claims:,}"),
            ("files", lambda f: f"{f.files:,}"),
            ("seeds", lambda f: f"{f.seeds:,}"),
            ("seed text (MB)", lambda f: f"{seed_size(f.name) / 1e6:.1f}"),
            ("compose (s)", lambda f: seconds(f.compose.seconds)),
            ("validate, cold (s)", lambda f: seconds(f.validate.seconds)),
            ("validate / compose", lambda f: times(f.validate.seconds / f.compose.seconds)),
            ("against the first row", lambda f: times(f.validate.seconds / base.validate.seconds)),
            ("conflicts, cold (s)", lambda f: seconds(f.conflicts.seconds)),
            (
                "against the first row",
                lambda f: times(f.conflicts.seconds / base.conflicts.seconds),
            ),
        ]
        parts.append(
            f"The {base.claims:,}-claim project reshaped: the same claims in ten times the "
            "files, and spread over ten times the seeds, cold, taking turns in the same "
            "rounds:\n\n"
            + grid(
                [title for title, _ in shaped], ([cell(f) for _, cell in shaped] for f in shapes)
            )
        )
    parts.append(growth(runs, shapes))
    typer_yaml = '`python -c "import typer, yaml"`'
    rows = [
        ["`claimtrack --version`", seconds(start.version), '`python -c "import typer"`',
         seconds(start.typer), times(start.version / start.typer)],
        ["`claimtrack validate` on the bundled project, cold", seconds(start.bundled),
         typer_yaml, seconds(start.typer_yaml), times(start.bundled / start.typer_yaml)],
    ]  # fmt: skip
    if start.bundled_warm is not None:
        rows.append(
            ["`claimtrack validate` on the bundled project, warm", seconds(start.bundled_warm),
             typer_yaml, seconds(start.typer_yaml), times(start.bundled_warm / start.typer_yaml)]
        )  # fmt: skip
    parts.append(
        "Start-up, the median of 15 runs:\n\n"
        + grid(["start-up", "seconds", "baseline", "seconds", "ratio"], rows)
    )
    targets = [
        Target("cold validate within 1.5x of compose", "100k",
               lambda f: f.validate.seconds / f.compose.seconds, 1.5),
        Target("cold conflicts within 1.3x of cold validate", None,
               lambda f: f.conflicts.seconds / f.validate.seconds, 1.3),
        Target("validate with nothing changed within 0.2x of cold", None,
               lambda f: f.warm.seconds / f.validate.seconds, 0.2),
        Target("validate of one changed file within 5x of `--version`", "1m",
               lambda f: f.one_file.seconds / f.version.seconds, 5),
        Target("validate peak under 2 GiB", "1m", lambda f: f.validate.peak, 2 * MIB,
               shown=megabytes),
        Target("conflicts peak under 2 GiB", "1m", lambda f: f.conflicts.peak, 2 * MIB,
               shown=megabytes),
        Target("conflicts peak under 512 MiB", "100k", lambda f: f.conflicts.peak, 512,
               shown=megabytes),
    ]  # fmt: skip
    if lint:
        targets.append(
            Target("validate at least 3x faster than yamllint", None,
                   lambda f: f.yamllint.seconds / f.validate.seconds if f.yamllint else None, 3,
                   at_least=True)
        )  # fmt: skip
    rows = [target.row(runs) for target in targets]
    ratio = start.version / start.typer
    rows.append(
        ["`--version` within 1.3x of `import typer`", times(ratio), "yes" if ratio <= 1.3 else "no"]
    )
    parts.append("Targets:\n\n" + grid(["target", "measured", "met"], rows))
    return "\n\n".join(parts)


def wrapped(markdown: str) -> str:
    """Prose lines wrapped at the README's width; table rows, which cannot be, left whole."""
    return "\n".join(
        line
        if line.startswith("|")
        else textwrap.fill(line, 100, break_long_words=False, break_on_hyphens=False)
        for line in markdown.split("\n")
    )


def rewrite_readme(block: str) -> None:
    """Replace what lies between the two marker comments in README.md, and nothing else."""
    readme = REPO / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        raise SystemExit(f"README.md has no {START} ... {END} block to rewrite")
    readme.write_text(
        text[: start + len(START)] + "\n" + block + "\n" + text[end:], encoding="utf-8"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark claimtrack.")
    parser.add_argument("--sizes", nargs="+", choices=list(SIZES), default=["10k", "100k"])
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (1 at 1m)")
    parser.add_argument(
        "--no-shapes", action="store_true", help="skip the 10k project with 10x files or seeds"
    )
    parser.add_argument(
        "--no-yamllint", action="store_true", help="skip yamllint even where it is installed"
    )
    parser.add_argument(
        "--readme", action="store_true", help="rewrite README.md's performance block"
    )
    args = parser.parse_args()
    build = detect()
    print(f"claimtrack {build.version}, cache: {'yes' if build.cache else 'no'}", flush=True)
    runs = {
        size: bench(
            size, SIZES[size], build, 1 if size == "1m" else args.repeat, not args.no_yamllint
        )
        for size in sorted(args.sizes, key=lambda size: SIZES[size][0])
    }
    shapes = [] if args.no_shapes else reshaped(build, args.repeat)
    start = startup(build)
    command = " ".join(["python benchmarks/run.py", *sys.argv[1:]]).replace(" --readme", "")
    block = wrapped(report(command, build, runs, shapes, start, args.repeat))
    print("\n" + block)
    if args.readme:
        rewrite_readme(block)


if __name__ == "__main__":
    main()
