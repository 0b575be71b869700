"""The hostile inputs both the fuzzer and the property-based tests draw from.

One list per kind of input, so that a value found to matter is added once and tried by both:
numbers at the edges of what Decimal, float and int conversion can hold; names and keys that
try to forge output; registry, rule, verdict and catalog fragments that break the project's
rules; and the special files a pull request can commit in place of a claim file.
"""

from __future__ import annotations

NUMBERS = (
    "0",
    "-0",
    "63",
    "-63",
    "1e5000",
    "-1e5000",
    "9e999999",
    "1e-400",
    "-1e-999999",
    "1e308",
    "1.7976931348623157e308",
    "5e-324",
    "1" + "0" * 5000,
    "0." + "0" * 5000 + "1",
    "12345678901234567890.12345678901234567890",
    ".nan",
    ".NaN",
    "nan",
    ".inf",
    "-.inf",
    "inf",
    "Infinity",
    "0x1F",
    "1_000",
    "1,000",
    "63%",
    "-1e5000%",
)
"""Huge, tiny, negative, NaN, infinity and many-digit numbers, as they are written in YAML."""

ORDINARY_NUMBERS = ("0", "63", "1e3", "0.5", "83.02", "123", "1_000", "63%", "0x1F")
"""Positive numbers every version reads without trouble (a negative one is a negative tolerance
in some hedges): for fuzzing everything but the extremes."""

HEDGES = (
    "{about: %s}",
    "{about: %s, tolerance: %s}",
    "{at_least: %s}",
    "{at_most: %s}",
    "{nearly: %s}",
    "{more_than: %s}",
    "{between: [%s, %s]}",
    "{between: [%s]}",
)
"""Hedged values with one `%s` per number slot."""

NAMES = (
    "cnrp",
    "CNRP",
    "\\u0441nrp",
    "",
    "  ",
    "a\\nb",
    "x\\n::error file=claims/a.yaml::forged",
    "\\e[2J\\e]8;;http://x\\e\\\\link",
    '=HYPERLINK(\\"http://x\\")',
    "+1",
    "@SUM(A1)",
    "</script><script>alert(1)</script>",
    "<b>*bold*</b> | [x](javascript:y)",
    "\\u202eevil",
    "../../etc/passwd",
    "/etc/hostname",
)
"""Names, ids and seed references (YAML double-quoted escapes) that try to forge or inject."""

REGISTRY_PARTS = (
    'entities:\n  cpp: {name: CPP, aliases: ["", "  ", CPP]}\n',
    'entities:\n  "%s": {name: "%s"}\n',
    'scopes:\n  "%s": {name: x}\n',
    'properties:\n  flag: {name: Flag, type: boolean}\n  "%s": {name: x, type: number}\n',
    "properties:\n  seats: {name: Seats, type: number, tolerance: %s}\n",
)
"""Registry fragments: blank aliases, hostile keys, numbers where a tolerance goes."""

RULES = (
    "rules:\n  r: {property: seats, parts: [cpp, cpp], total: %s, relation: at-most}\n",
    "rules:\n  r: {property: seats, total: {subject: cpp, property: fair}, relation: at-most}\n",
    "rules:\n  r: {property: seats, total: %s, relation: exactly}\n",
    "rules:\n  r: {property: fair, total: 1, relation: at-least}\n",
    'rules:\n  "%s": {property: seats, total: 1, relation: at-most}\n',
)
"""Rule fragments: a part listed twice, a boolean total, extreme totals, hostile ids."""

VERDICTS = (
    'verdicts:\n  "%s": {status: resolved, rating: "false", verdict: "%s"}\n',
    'verdicts:\n  cf-00000000: {status: open, claims: ["%s"]}\n',
)
"""Verdict fragments with hostile keys and texts."""

CATALOGS = (
    'seeds:\n  a.txt: {title: "%s", derived_from: b.txt}\n  b.txt: {derived_from: a.txt}\n',
    'seeds:\n  "%s": {title: x}\n',
    'seeds:\n  a.txt: {sha256: "%s"}\n',
    'seeds:\n  a.txt: {derived_from: a.txt, url: "%s"}\n',
)
"""Catalog fragments: derived_from circles, hostile names, titles and hashes."""

SPECIAL_FILES = ("fifo", "link-dev-zero", "link-dev-stdin", "link-outside", "dangling", "folder")
"""What can stand where a claim file is expected."""
