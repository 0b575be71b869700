"""Time claimtrack against baselines measured in the same run, on the same files.

    python benchmarks/run.py                 # 10k and 100k claims, start-up (a few minutes)
    python benchmarks/run.py --sizes 10k 100k 1m

For each size a synthetic project is generated (benchmarks/generate.py, cached under
benchmarks/out/), then every command runs as its own process, timed with a monotonic clock,
its peak memory read from the kernel (wait4). Prints a Markdown table of seconds and ratios:
- validate / compose: claimtrack validate against parsing the same claim files into node trees
  with PyYAML's C loader (yaml.compose with CSafeLoader), the floor for a tool that reports lines;
- conflicts / validate;
- yamllint / validate on the same files, where yamllint is installed (10k and 100k only);
- growth: the exponent b of time ~ claims^b across the sizes run;
- start-up: `claimtrack --version` against `python -c "import typer"`, and validate on the
  bundled project against `python -c "import typer, yaml"`.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SIZES = {  # claims, files, seeds
    "10k": (10_000, 100, 1_000),
    "100k": (100_000, 1_000, 10_000),
    "1m": (1_000_000, 10_000, 100_000),
}
COMPOSE = (
    "import pathlib, sys, yaml\n"
    "for path in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):\n"
    "    yaml.compose(path.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader)\n"
)


def measure(command: list[str], cwd: Path = REPO) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MiB) of one run of `command`."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed with exit code {process.returncode}")
    return elapsed, usage.ru_maxrss / 1024


def best(command: list[str], repeat: int) -> tuple[float, float]:
    runs = [measure(command) for _ in range(repeat)]
    return min(t for t, _ in runs), max(m for _, m in runs)


def median(command: list[str], repeat: int) -> float:
    return statistics.median(measure(command)[0] for _ in range(repeat))


def project(size: str) -> Path:
    claims, files, seeds = SIZES[size]
    out = HERE / "out" / size
    if not (out / "claimtrack.yaml").is_file():
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                str(out),
                "--claims",
                str(claims),
                "--files",
                str(files),
                "--seeds",
                str(seeds),
            ],
            check=True,
        )
    return out


def claimtrack(*args: str) -> list[str]:
    return [sys.executable, "-m", "claimtrack", *args]


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark claimtrack.")
    parser.add_argument("--sizes", nargs="+", choices=list(SIZES), default=["10k", "100k"])
    args = parser.parse_args()
    yamllint = shutil.which("yamllint")
    rows = [
        "| claims | files | compose (s) | validate (s) | validate / compose | conflicts (s) "
        "| conflicts / validate | yamllint (s) | validate speed-up over yamllint "
        "| validate peak (MiB) | conflicts peak (MiB) |",
        "|---" * 11 + "|",
    ]
    points = []
    for size in args.sizes:
        root = project(size)
        claims, files, _ = SIZES[size]
        repeat = 3 if claims <= 100_000 else 1
        compose, _ = best([sys.executable, "-c", COMPOSE, str(root / "claims")], repeat)
        validate, memory = best(claimtrack("validate", "--root", str(root)), repeat)
        conflicts, memory2 = best(
            claimtrack("conflicts", "--root", str(root), "--format", "json"), repeat
        )
        lint = "-"
        speedup = "-"
        if yamllint and claims <= 100_000:
            lint_time, _ = best([yamllint, "-f", "parsable", str(root / "claims")], 1)
            lint, speedup = f"{lint_time:.2f}", f"{lint_time / validate:.1f}x"
        points.append((claims, validate))
        rows.append(
            f"| {claims:,} | {files:,} | {compose:.2f} | {validate:.2f} | "
            f"{validate / compose:.2f}x | {conflicts:.2f} | {conflicts / validate:.2f}x "
            f"| {lint} | {speedup} | {memory:,.0f} | {memory2:,.0f} |"
        )
        print(rows[-1], flush=True)
    print()
    print("\n".join(rows))
    if len(points) > 1:
        (n0, t0), (n1, t1) = points[0], points[-1]
        print(
            f"\nGrowth: validate time ~ claims^{math.log(t1 / t0) / math.log(n1 / n0):.2f} "
            f"from {n0:,} to {n1:,} claims."
        )
    typer_only = median([sys.executable, "-c", "import typer"], 15)
    version = median(claimtrack("--version"), 15)
    typer_yaml = median([sys.executable, "-c", "import typer, yaml"], 15)
    bundled = median(claimtrack("validate", "--root", str(REPO)), 15)
    print("\n| start-up | seconds | baseline | baseline (s) | ratio |\n|---|---|---|---|---|")
    print(
        f'| claimtrack --version | {version:.3f} | python -c "import typer" | '
        f"{typer_only:.3f} | {version / typer_only:.2f}x |"
    )
    print(
        f'| validate, bundled project | {bundled:.3f} | python -c "import typer, yaml" | '
        f"{typer_yaml:.3f} | {bundled / typer_yaml:.2f}x |"
    )


if __name__ == "__main__":
    main()
