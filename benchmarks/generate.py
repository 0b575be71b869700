"""Generate a realistic synthetic claims project of a given size.

N seed articles, M claims in F files. Every quote really occurs in its seed (with typographic
quotes and wrapped lines, as real articles have), entities are cited by aliases, a share of the
values are hedged ("at least", "about"), about one group in ten is in conflict, and a sum rule
per election finds joint conflicts. Deterministic for a given size.

    python benchmarks/generate.py OUT --claims 100000 --files 1000 --seeds 10000
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
from pathlib import Path

SCHEMA = Path(__file__).resolve().parent.parent / "schema"
PARTIES = 40
SEAT_SHARES = (40, 30, 20, 12, 8, 6, 5, 4)
"""Seats of the eight parties running in each election: they fill the assembly's 125 exactly."""
PEOPLE = 400
SCOPES = 50
"""Elections covered: at least this many, and one more for every 200 claims."""
WORDS = [
    "election",
    "commission",
    "observers",
    "reported",
    "turnout",
    "ballots",
    "district",
    "province",
    "officials",
    "statement",
    "parliament",
    "opposition",
    "ruling",
    "party",
    "results",
    "tallies",
    "voters",
    "rolls",
    "counting",
    "polling",
    "stations",
    "complaints",
    "monitors",
    "court",
    "minister",
    "spokesman",
    "announced",
    "said",
]


def _filler(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def registry(scopes: int) -> str:
    lines = ["entities:"]
    for i in range(PARTIES):
        lines.append(
            f"  party-{i}: {{name: Party {i}, short: P{i}, type: party, "
            f"aliases: [P{i}, The {i} Party]}}"
        )
    for i in range(PEOPLE):
        lines.append(f"  person-{i}: {{name: Person {i}, type: person, aliases: [P. {i}]}}")
    lines.append("  assembly: {name: National Assembly, type: institution}")
    lines.append("scopes:")
    lines += [
        f"  election-{i}: {{name: Election {i}, date: {1990 + i % 30}}}" for i in range(scopes)
    ]
    lines += [
        "properties:",
        "  seats: {name: Seats won, type: number, unit: seats}",
        "  seat-count: {name: Seats in the assembly, type: number, unit: seats}",
        "  turnout: {name: Turnout, type: percent}",
        "  fair: {name: Free and fair, type: boolean}",
        "  role: {name: Role, type: text, changes: true, scoped: false,",
        "         terms: {leader: [party leader], spokesman: [spokesperson]}}",
        "rules:",
        "  seats-fit:",
        "    property: seats",
        "    total: {subject: assembly, property: seat-count}",
        "    relation: at-most",
    ]
    return "\n".join(lines) + "\n"


def _claim(rng: random.Random, index: int, scopes: int) -> tuple[str, str]:
    """A claim (YAML list item) and the sentence its quote comes from."""
    scope = f"election-{rng.randrange(scopes)}"
    claimant = f"person-{rng.randrange(PEOPLE)}"
    kind = rng.random()
    if kind < 0.55:
        number = int(scope.split("-")[1])
        rank = rng.randrange(len(SEAT_SHARES))
        party = (number * len(SEAT_SHARES) + rank) % PARTIES
        truth = SEAT_SHARES[rank]
        conflicting = rng.random() < 0.02
        value = truth + (rng.randrange(1, 5) if conflicting else 0)
        subject = rng.choice([f"party-{party}", f"P{party}", f"The {party} Party"])
        if rng.random() < 0.2:
            sentence = f"“{subject} won at least {value} seats,” said Person {claimant[7:]}."
            body = f"value: {{at_least: {value}}}\n  said: at least {value}"
        else:
            sentence = f"“{subject} won {value} seats,” said Person {claimant[7:]}."
            body = f"value: {value}"
        fields = f"subject: {subject}\n  property: seats\n  scope: {scope}\n  {body}"
    elif kind < 0.6:
        sentence = f"The National Assembly of {scope} has 125 seats, officials said."
        fields = f"subject: assembly\n  property: seat-count\n  scope: {scope}\n  value: 125"
    elif kind < 0.8:
        turnout = 60 + (int(scope.split("-")[1]) % 30) + rng.choice((0, 0, 0, 0.5))
        if rng.random() < 0.3:
            sentence = f"Turnout in {scope} was about {turnout} per cent — officials said."
            body = f"value: {{about: {turnout}, tolerance: 0.5}}\n  said: about {turnout}"
        else:
            sentence = f"Turnout in {scope} was {turnout} per cent — officials said."
            body = f"value: {turnout}"
        fields = f"subject: assembly\n  property: turnout\n  scope: {scope}\n  {body}"
    elif kind < 0.92:
        verdict = "free and fair" if rng.random() < 0.8 else "neither free nor fair"
        value = "true" if verdict == "free and fair" else "false"
        sentence = f"Person {claimant[7:]} called {scope} {verdict}."
        fields = f"subject: assembly\n  property: fair\n  scope: {scope}\n  value: {value}"
    else:
        person = rng.randrange(PEOPLE)
        role = rng.choice(("party leader", "spokesperson", "leader", "spokesman"))
        year = 2000 + rng.randrange(20)
        sentence = f"In {year}, P. {person} was the {role} of the party."
        fields = f"subject: P. {person}\n  property: role\n  value: {role}\n  as_of: {year}"
    quote = sentence if rng.random() < 0.7 else sentence.replace("“", '"').replace("”", '"')
    item = (
        f"- id: claim-{index}\n  {fields}\n  claimant: {claimant}\n"
        f"  quote: '{quote.replace(chr(39), chr(39) * 2)}'"
    )
    return item, sentence


def generate(out: Path, claims: int, files: int, seeds: int) -> None:
    rng = random.Random(f"{claims}-{files}-{seeds}")
    if out.exists():
        shutil.rmtree(out)
    (out / "claims").mkdir(parents=True)
    (out / "seeds").mkdir()
    (out / "claimtrack.yaml").write_text("name: benchmark\n")
    # The schemas `claimtrack init` writes: without them every file's modeline is a finding.
    shutil.copytree(SCHEMA, out / "schema")
    scopes = max(SCOPES, claims // 200)
    (out / "claims" / "registry.yaml").write_text(registry(scopes))
    sentences: list[list[str]] = [[] for _ in range(seeds)]
    per_file = max(1, claims // files)
    index = 0
    for number in range(files):
        seed = number % seeds
        items = []
        for _ in range(per_file if number < files - 1 else claims - index):
            seed = (seed + files) % seeds if rng.random() < 0.5 else seed
            item, sentence = _claim(rng, index, scopes)
            items.append(item.replace("\n  quote:", f"\n  seed: seed-{seed:06d}.txt\n  quote:"))
            sentences[seed].append(sentence)
            index += 1
        text = "# yaml-language-server: $schema=../schema/claims.schema.json\nclaims:\n"
        body = "\n".join(items)
        (out / "claims" / f"claims-{number:05d}.yaml").write_text(
            text + "\n".join("  " + line for line in body.split("\n")) + "\n"
        )
    catalog = ["seeds:"]
    for number, own in enumerate(sentences):
        paragraphs = [_filler(rng, 40) for _ in range(4)]
        for sentence in own:
            paragraphs.insert(rng.randrange(len(paragraphs) + 1), sentence)
        data = "\n\n".join(paragraphs).encode()
        name = f"seed-{number:06d}.txt"
        (out / "seeds" / name).write_bytes(data)
        catalog += [
            f"  {name}:",
            f"    title: Article {number}",
            f"    sha256: {hashlib.sha256(data).hexdigest()}",
        ]
    (out / "seeds" / "catalog.yaml").write_text("\n".join(catalog) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--files", type=int, default=1_000)
    parser.add_argument("--seeds", type=int, default=10_000)
    args = parser.parse_args()
    generate(args.out, args.claims, args.files, args.seeds)


if __name__ == "__main__":
    main()
