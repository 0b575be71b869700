"""Text normalisation shared by quote matching and name lookup.

Quotes are compared after folding typographic quotes, dashes and whitespace, and nothing more:
numbers, signs and units must match exactly. Names are folded further (case) to find aliases.
"""

from __future__ import annotations

import unicodedata

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
    }
)


def fold_typography(text: str) -> str:
    """Typographic quotes and dashes to ASCII, runs of whitespace to one space."""
    return " ".join(text.translate(_TYPOGRAPHY).split())


def normalise_quote(text: str) -> str:
    """What a quote is compared as: NFC, typographic folding, whitespace collapsed."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return fold_typography(text)


def name_key(name: str) -> str:
    """How entity names and aliases are looked up: case and typography do not matter."""
    return normalise_quote(name).casefold()
