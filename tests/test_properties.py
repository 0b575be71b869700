"""Property-based tests: for any input, claimtrack answers with findings and never raises; the
verdict does not depend on file order; conflicts do not depend on claim order.

The hostile values (extreme numbers, forging names, registry, rule, verdict and catalog
fragments, special files) come from fuzz/grammar.py, the grammar the fuzzer draws from. Two
profiles: `default` for the suite, `long` (HYPOTHESIS_PROFILE=long) for a search of thousands of
examples.
"""

from __future__ import annotations

import os
import signal
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimtrack import pipeline
from claimtrack.diagnostics import CODES, Diagnostic, exit_code
from claimtrack.load import parse_yaml
from fuzz import grammar
from tests.conftest import ARTICLE, REGISTRY

settings.register_profile(
    "default", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
SETTINGS = settings()

scalars = st.one_of(
    st.integers(-(10**6), 10**6).map(str),
    st.decimals(0, 200, places=2, allow_nan=False).map(str),
    st.sampled_from(
        [
            "yes",
            "no",
            "on",
            "~",
            "null",
            "true",
            "false",
            "1:20",
            "2013-07-28",
            "2013-02-30",
            "'quoted'",
            "{at_least: 63}",
            "{about: 1000000}",
            "{between: [5, 1]}",
            "{more_than: 10, at_most: 20}",
            "[1, 2]",
            "[cpp, NEC]",
            "[cpp, CPP]",
            "[]",
            "{}",
            "CPP",
            "Prak Sokhon",
            "deputy president",
            "&a x",
            "*a",
            "|",
            ">-",
        ]
    ),
    st.sampled_from(grammar.NAMES).map(lambda name: f'"{name}"'),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=12).map(repr),
)
fields = st.sampled_from(
    [
        "id",
        "subject",
        "property",
        "scope",
        "value",
        "claimant",
        "relayed_by",
        "kind",
        "as_of",
        "seed",
        "quote",
        "said",
        "note",
        "also",
        "claimnt",
    ]
)


@st.composite
def claim_files(draw: st.DrawFn) -> list[str]:
    """Several claim files of mostly well-formed, sometimes broken, claims."""
    files = []
    for _ in range(draw(st.integers(1, 3))):
        items = []
        for _ in range(draw(st.integers(0, 4))):
            chosen = draw(st.dictionaries(fields, scalars, max_size=10))
            base = {
                "id": f"c{draw(st.integers(0, 6))}",
                "subject": "cnrp",
                "property": draw(
                    st.sampled_from(
                        ["seats", "free", "polling-day", "status", "role", "turnout", "endorsers"]
                    )
                ),
                "value": "63",
                "claimant": "cnrp",
                "scope": "e2013",
                "seed": "article.txt",
                "quote": "'The CNRP'",
            }
            base.update(chosen)
            items.append("  - " + "\n    ".join(f"{k}: {v}" for k, v in base.items()))
        files.append("claims:\n" + "\n".join(items) + "\n" if items else "claims: []\n")
    return files


def run_project(files: list[str]) -> tuple[list[Diagnostic], pipeline.Run]:
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        (root / "claimtrack.yaml").write_text("name: p\n")
        (root / "seeds").mkdir()
        (root / "seeds" / "article.txt").write_text(ARTICLE)
        (root / "claims").mkdir()
        (root / "claims" / "registry.yaml").write_text(REGISTRY + RULE)
        for index, text in enumerate(files):
            (root / "claims" / f"f{index}.yaml").write_text(text)
        run = pipeline.load(root)
        diagnostics = pipeline.validate(run)
        pipeline.conflicts(run)
        return diagnostics, run


RULE = """\
rules:
  fit: {property: seats, total: 123, relation: at-most}
"""


@SETTINGS
@given(st.binary(max_size=400))
def test_the_loader_answers_any_bytes(data: bytes) -> None:
    node, diagnostics = parse_yaml(data, "claims/x.yaml")
    assert node is not None or diagnostics


@SETTINGS
@given(claim_files())
def test_validate_and_conflicts_never_raise(files: list[str]) -> None:
    found, run = run_project(files)
    assert exit_code(found) in (0, 1, 2)
    assert all(d.code in CODES and d.line >= 1 and d.column >= 1 for d in found)
    assert run.findings is not None


@SETTINGS
@given(claim_files(), st.randoms(use_true_random=False))
def test_the_verdict_does_not_depend_on_file_order(files: list[str], rng: object) -> None:
    shuffled = list(files)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    first, _ = run_project(files)
    second, _ = run_project(shuffled)
    assert Counter(d.code for d in first) == Counter(d.code for d in second)
    assert exit_code(first) == exit_code(second)


@SETTINGS
@given(claim_files())
def test_conflicts_do_not_depend_on_claim_order(files: list[str]) -> None:
    forward = "claims:\n" + "".join(
        f.split("claims:\n", 1)[1] for f in files if f != "claims: []\n"
    )
    items = forward.split("\n  - ")[1:]
    backward = "claims:\n" + "".join("  - " + item.rstrip("\n") + "\n" for item in reversed(items))
    _, one = run_project([forward])
    _, other = run_project([backward])
    assert one.findings is not None and other.findings is not None
    assert [(c.id, c.kind) for c in one.findings.conflicts] == [
        (c.id, c.kind) for c in other.findings.conflicts
    ]
    assert [sorted(x.id for x in c.claims) for c in one.findings.conflicts] == [
        sorted(x.id for x in c.claims) for c in other.findings.conflicts
    ]


SECONDS = 10
"""Bound on one example: the pipeline must answer hostile input within it."""


@contextmanager
def bounded() -> Iterator[None]:
    """Fail, rather than hang, when one example runs longer than `SECONDS`."""

    def expire(_signum: int, _frame: object) -> None:
        raise TimeoutError(f"took more than {SECONDS} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def fill(draw: st.DrawFn, template: str, numbers: tuple[str, ...]) -> str:
    pools = st.sampled_from(numbers) | st.sampled_from(grammar.NAMES)
    return template % tuple(draw(pools) for _ in range(template.count("%s")))


def value_from(numbers: tuple[str, ...]) -> st.SearchStrategy[str]:
    @st.composite
    def values(draw: st.DrawFn) -> str:
        template = draw(st.sampled_from(("%s", *grammar.HEDGES)))
        return template % tuple(draw(st.sampled_from(numbers)) for _ in range(template.count("%s")))

    return values()


@st.composite
def hostile_projects(draw: st.DrawFn, numbers: tuple[str, ...]) -> tuple[list[str], str, str]:
    """Claim files with values from `numbers`, one registry, rule or verdict fragment, and a
    catalog (ordinary or hostile)."""
    items = []
    for index in range(draw(st.integers(1, 3))):
        items.append(
            f"  - id: c{index}\n"
            f"    subject: {draw(st.sampled_from(['cnrp', 'cpp', 'assembly']))}\n"
            f"    property: {draw(st.sampled_from(['seats', 'seat-count', 'turnout', 'free']))}\n"
            "    scope: e2013\n"
            f"    value: {draw(value_from(numbers))}\n"
            f'    claimant: "{draw(st.sampled_from(("cnrp", *grammar.NAMES)))}"\n'
            f'    seed: "{draw(st.sampled_from(("article.txt", *grammar.NAMES)))}"\n'
            "    quote: The CNRP\n"
        )
    fragment = draw(st.sampled_from((*grammar.REGISTRY_PARTS, *grammar.RULES, *grammar.VERDICTS)))
    catalog = draw(st.sampled_from(("seeds:\n  article.txt: {title: A}\n", *grammar.CATALOGS)))
    return (
        ["claims:\n" + "".join(items), fill(draw, fragment, numbers)],
        fill(draw, catalog, numbers),
        draw(st.sampled_from(grammar.SPECIAL_FILES)),
    )


def run_hostile(files: list[str], catalog: str, special: str) -> list[Diagnostic]:
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        (root / "claimtrack.yaml").write_text("name: p\n")
        (root / "seeds").mkdir()
        (root / "seeds" / "article.txt").write_text(ARTICLE)
        (root / "seeds" / "catalog.yaml").write_text(catalog)
        (root / "claims").mkdir()
        (root / "claims" / "registry.yaml").write_text(REGISTRY + RULE)
        for index, text in enumerate(files):
            (root / "claims" / f"f{index}.yaml").write_text(text)
        place = root / "claims" / "special.yaml"
        if special == "fifo":
            os.mkfifo(place)
        elif special == "folder":
            place.mkdir()
        else:
            os.symlink(
                {"link-dev-zero": "/dev/zero", "link-dev-stdin": "/dev/stdin"}.get(
                    special, "/etc/hostname" if special == "link-outside" else str(root / "gone")
                ),
                place,
            )
        with bounded():
            run = pipeline.load(root)
            found = pipeline.validate(run)
            pipeline.conflicts(run)
        return found


@SETTINGS
@given(hostile_projects(grammar.ORDINARY_NUMBERS))
def test_hostile_names_fragments_and_special_files_never_raise(
    project: tuple[list[str], str, str],
) -> None:
    found = run_hostile(*project)
    if project[2] != "folder":  # a folder named like a file is only a folder
        assert exit_code(found) == 2  # the special file is always refused, and said so
        assert any(d.path == "claims/special.yaml" and d.code == "CT001" for d in found)
    assert all(d.code in CODES and d.line >= 1 and d.column >= 1 for d in found)


@SETTINGS
@given(hostile_projects(grammar.NUMBERS))
def test_extreme_numbers_never_raise(project: tuple[list[str], str, str]) -> None:
    found = run_hostile(*project)
    assert all(d.code in CODES and d.line >= 1 and d.column >= 1 for d in found)
