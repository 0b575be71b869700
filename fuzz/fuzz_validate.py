"""Coverage-guided fuzzing of loading, validation, the conflict engine and the figures coverage
lists (atheris/libFuzzer).

Each input becomes a claims file in a small project that has registries, a rule and a seed; the
whole pipeline runs on it. Any exception is a crash: claimtrack must answer every input with
findings. Crashes are saved by libFuzzer as crash-* files; turn each into a regression test.

    python fuzz/fuzz_validate.py fuzz/corpus -max_total_time=60      # a short run
    python fuzz/fuzz_validate.py fuzz/corpus -max_total_time=3600    # a long run
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from claimtrack import browse, pipeline
    from claimtrack.render import diagnostics_text
    from claimtrack.render.records import RecordMaker, document

REGISTRY = """\
entities:
  cpp: {name: CPP, aliases: [Cambodian People's Party]}
  cnrp: {name: CNRP}
  assembly: {name: National Assembly}
scopes:
  e2013: {name: 2013}
properties:
  seats: {name: Seats, type: number}
  total: {name: Total seats, type: number}
  turnout: {name: Turnout, type: percent}
  fair: {name: Fair, type: boolean}
  day: {name: Day, type: date}
  role: {name: Role, type: text, changes: true, scoped: false, terms: {leader: [head]}}
  winner: {name: Winner, type: entity}
rules:
  fit: {property: seats, total: {subject: assembly, property: total}, relation: at-most}
verdicts:
  cf-00000000: {status: open}
"""
SEED = "The CPP claims 68 of 123 seats. The CNRP claims “at least 63” — turnout 83.02%.\n"


def make_project() -> Path:
    root = Path(tempfile.mkdtemp(prefix="claimtrack-fuzz-"))
    (root / "claims").mkdir()
    (root / "seeds").mkdir()
    (root / "claimtrack.yaml").write_text("name: fuzz\n")
    (root / "claims" / "registry.yaml").write_text(REGISTRY)
    (root / "seeds" / "a.txt").write_text(SEED)
    digest = hashlib.sha256(SEED.encode()).hexdigest()
    (root / "seeds" / "catalog.yaml").write_text(f"seeds:\n  a.txt: {{sha256: {digest}}}\n")
    return root


ROOT = make_project()
TARGET = ROOT / "claims" / "fuzz.yaml"


def test_one_input(data: bytes) -> None:
    TARGET.write_bytes(data)
    run = pipeline.load(ROOT)
    diagnostics = pipeline.validate(run)
    diagnostics_text.render(diagnostics, len(run.project.claim_files))
    findings = pipeline.conflicts(run)
    document(RecordMaker(run.project, run.seeds), findings, findings.conflicts)
    browse.coverage(run.project, run.seeds)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
