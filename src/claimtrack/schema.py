"""The claim file format, declared once.

The validator reads files against these definitions and `claimtrack schema` turns the same
definitions into JSON Schema for editors, so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

ASSERTION_KINDS = ("official", "claim", "report", "denial", "estimate")
ENTITY_TYPES = (
    "party",
    "person",
    "institution",
    "organisation",
    "country",
    "media",
    "election",
    "event",
    "other",
)
VALUE_TYPES = ("number", "percent", "date", "boolean", "text", "entity")
SUM_RELATIONS = ("at-most", "exactly", "at-least")
DERIVED_RELATIONS = {"ratio": ("numerator", "denominator"), "difference": ("minuend", "subtrahend")}
RELATIONS = (*SUM_RELATIONS, *DERIVED_RELATIONS)
STAGES = ("preliminary", "provisional", "official", "final")
"""Stages of a result, earliest first: a later stage of one claimant's figure revises it."""
VERDICT_STATUSES = ("open", "resolved", "disputed")
RATINGS = ("true", "mostly-true", "half-true", "mostly-false", "false", "misleading", "unproven")
HEDGE_CLASSES = {
    "about": "about",
    "around": "about",
    "roughly": "about",
    "approximately": "about",
    "some": "about",
    "nearly": "nearly",
    "almost": "nearly",
    "just_under": "nearly",
    "just_over": "just_over",
    "more_than": "more_than",
    "over": "more_than",
    "at_least": "at_least",
    "at_most": "at_most",
    "up_to": "at_most",
    "less_than": "less_than",
    "between": "between",
}
"""Each hedge key and the reading it shares with its synonyms."""
HEDGES = (*HEDGE_CLASSES, "tolerance")

DATE_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]*$"


@dataclass(frozen=True)
class Field:
    """One field of a record: its kind decides both how it is read and its JSON Schema."""

    kind: str
    doc: str
    required: bool = False
    choices: tuple[str, ...] = ()
    record: Record | None = None
    minimum: int | None = None


@dataclass(frozen=True)
class Record:
    name: str
    doc: str
    fields: dict[str, Field] = field(default_factory=dict)
    requires: tuple[tuple[str, str, str], ...] = ()
    """(field, value, needed): when `field` is `value`, `needed` must be given too."""

    @cached_property
    def required(self) -> tuple[str, ...]:
        return tuple(name for name, spec in self.fields.items() if spec.required)


SOURCE = Record(
    "source",
    "A further source for a claim.",
    {
        "seed": Field("path", "Seed file, relative to seeds/.", required=True),
        "quote": Field("text", "Verbatim quote from the seed.", required=True),
    },
)

_CLAIM_FIELDS: dict[str, Field] = {
    "id": Field("id", "Unique id across the whole project.", required=True),
    "subject": Field("ref", "Entity the claim is about (id or alias)."),
    "property": Field("ref", "What is asserted about the subject (a property id)."),
    "scope": Field("ref", "Event or period the claim is about (a scope id)."),
    "value": Field(
        "value",
        "The asserted value: a number as written (71.4, 8.41 million), a hedge such as "
        "{at_least: 63} or {nearly: 72}, a date, true/false, text or an entity.",
        required=True,
    ),
    "said": Field(
        "text",
        "The value as the source worded it, e.g. 'at least 63': same numbers, same hedge.",
    ),
    "claimant": Field(
        "refs",
        "Who asserts it (an entity, or a list of entities that all assert it), "
        "not the outlet that reported it.",
    ),
    "relayed_by": Field(
        "ref",
        "The entity through whom we hear the claimant (X's words as Y reports them), "
        "when the claimant is not heard directly.",
    ),
    "kind": Field("enum", "Kind of assertion.", choices=ASSERTION_KINDS),
    "as_of": Field("date", "When it was said or holds: YYYY, YYYY-MM or YYYY-MM-DD."),
    "stage": Field(
        "enum",
        "Stage of a result (earliest first); a later stage of the same claimant's figure "
        "revises an earlier one instead of conflicting with it.",
        choices=STAGES,
    ),
    "seed": Field("path", "Seed file the quote comes from, relative to seeds/."),
    "quote": Field("text", "Verbatim quote from the seed.", required=True),
    "also": Field("records", "Further sources.", record=SOURCE),
    "note": Field("text", "Fact-checker's note."),
    "ignore": Field(
        "texts", "Finding codes accepted for this claim (e.g. [CT104]); unused ones are reported."
    ),
}

CLAIM = Record("claim", "One attributed, quoted assertion.", _CLAIM_FIELDS)

DEFAULTS = Record(
    "defaults",
    "Values every claim in this file takes unless it says otherwise.",
    {
        name: _CLAIM_FIELDS[name]
        for name in (
            "subject",
            "property",
            "scope",
            "claimant",
            "relayed_by",
            "kind",
            "as_of",
            "stage",
            "seed",
        )
    },
)

ENTITY = Record(
    "entity",
    "A party, person, institution or event claims talk about.",
    {
        "name": Field("text", "Display name.", required=True),
        "short": Field("text", "Short name for summaries, e.g. CNRP."),
        "type": Field("enum", "What kind of entity.", choices=ENTITY_TYPES),
        "aliases": Field("texts", "Other names and spellings that mean this entity."),
        "note": Field("text", "Note."),
    },
)

SCOPE = Record(
    "scope",
    "An event or period that claims are about.",
    {
        "name": Field("text", "Display name.", required=True),
        "date": Field("date", "When it happened."),
        "note": Field("text", "Note."),
    },
)

PROPERTY = Record(
    "property",
    "Something that can be asserted about a subject.",
    {
        "name": Field("text", "Display name.", required=True),
        "type": Field("enum", "Type of its values.", required=True, choices=VALUE_TYPES),
        "unit": Field("text", "Unit of numbers, e.g. seats."),
        "multi": Field("bool", "Several values can all be true (no conflict on different values)."),
        "changes": Field("bool", "Changes over time: claims conflict only at the same as_of."),
        "scoped": Field("bool", "Claims need a scope (default true)."),
        "tolerance": Field(
            "number",
            "Tolerance of 'about' values in the property's own unit (points for a percentage), "
            "e.g. 0.5; default one unit of the figure's last written digit.",
            minimum=0,
        ),
        "terms": Field("termmap", "Text values: canonical term -> other wordings of it."),
        "note": Field("text", "Note."),
    },
)

TOTAL = Record(
    "total",
    "A total taken from claims.",
    {
        "subject": Field("ref", "Entity whose claimed value is the total.", required=True),
        "property": Field("ref", "Property holding the total.", required=True),
    },
)

OPERAND = Record(
    "operand",
    "A figure a derived figure is computed from.",
    {
        "property": Field("ref", "Property of the figure.", required=True),
        "subject": Field("ref", "Whose figure; default the derived figure's subject."),
        "scope": Field("ref", "In which scope; default the derived figure's scope."),
    },
)

_OPERAND_DOC = "A property id, or {property, subject, scope} of the figure."

RULE = Record(
    "rule",
    "A constraint across claims: the parts' sum against a total, or a derived figure "
    "(ratio, difference) against the figures it is computed from.",
    {
        "description": Field("text", "What the rule says, in words."),
        "property": Field(
            "ref", "Property of the parts (sum rules) or of the derived figure.", required=True
        ),
        "parts": Field("texts", "Subjects that are the parts; default every subject with a claim."),
        "total": Field(
            "total", "A number, or {subject, property} of a claimed total.", record=TOTAL
        ),
        "totals": Field("numbermap", "The total per scope: scope id -> number."),
        "relation": Field(
            "enum",
            "How the sum relates to the total, or how the figure is derived.",
            required=True,
            choices=RELATIONS,
        ),
        "scope": Field("ref", "Only in this scope; default every scope."),
        "numerator": Field("operand", "ratio: " + _OPERAND_DOC, record=OPERAND),
        "denominator": Field("operand", "ratio: " + _OPERAND_DOC, record=OPERAND),
        "scale": Field("number", "ratio: the quotient is multiplied by this (100 for percent)."),
        "minuend": Field("operand", "difference: " + _OPERAND_DOC, record=OPERAND),
        "subtrahend": Field("operand", "difference: " + _OPERAND_DOC, record=OPERAND),
    },
)

VERDICT = Record(
    "verdict",
    "A fact-checker's verdict on a conflict.",
    {
        "status": Field(
            "enum", "Where the conflict stands.", required=True, choices=VERDICT_STATUSES
        ),
        "verdict": Field("text", "The verdict in words: what was decided, and on what evidence."),
        "rating": Field("enum", "Rating on a ClaimReview-style scale.", choices=RATINGS),
        "claims": Field("texts", "The claims the rating applies to (the side it judges)."),
        "reviewed": Field(
            "texts",
            "Other claims the verdict was written with; any claim of the conflict beyond "
            "these and `claims` is shown as new evidence.",
        ),
        "by": Field("text", "Who reached it."),
        "date": Field("date", "When it was reached."),
        "note": Field("text", "Note."),
    },
    requires=(("status", "resolved", "verdict"),),
)

SEED = Record(
    "seed",
    "A catalogued seed article.",
    {
        "title": Field("text", "Headline."),
        "publisher": Field("text", "Outlet that published it."),
        "published": Field("date", "Publication date, where the article shows it."),
        "url": Field("text", "Address, where known."),
        "sha256": Field("sha256", "Hash of the file when catalogued."),
        "derived_from": Field("path", "Seed this one reprints or derives from."),
        "note": Field("text", "How the metadata was worked out."),
    },
)

CLAIMS_FILE = Record(
    "claims file",
    "A YAML file under claims/.",
    {
        "defaults": Field("record", DEFAULTS.doc, record=DEFAULTS),
        "claims": Field("records", "Claims.", record=CLAIM),
        "entities": Field("recordmap", "Entities by id.", record=ENTITY),
        "scopes": Field("recordmap", "Scopes by id.", record=SCOPE),
        "properties": Field("recordmap", "Properties by id.", record=PROPERTY),
        "rules": Field("recordmap", "Rules by id.", record=RULE),
        "verdicts": Field("recordmap", "Verdicts by conflict id.", record=VERDICT),
        "ignore": Field("texts", "Finding codes accepted everywhere in this file."),
    },
)

PROJECT_CONFIG = Record(
    "project config",
    "claimtrack.yaml: marks the project root.",
    {
        "name": Field("text", "The project's name."),
        "ignore": Field("texts", "Finding codes accepted everywhere in the project."),
    },
)

CATALOG_FILE = Record(
    "seed catalog",
    "seeds/catalog.yaml.",
    {
        "seeds": Field("recordmap", "Seed files by name.", record=SEED),
    },
)


def json_schema(record: Record = CLAIMS_FILE) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of a file, from the same definitions the validator reads."""
    schema = _record_schema(record)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"claimtrack {record.name}",
        **schema,
    }


_NUMBER = {"type": "number"}
_FIGURE = {
    "anyOf": [
        _NUMBER,
        {"type": "string", "pattern": r"^[-+]?[0-9.]+(\s+(thousand|million|billion))?$"},
    ]
}
"""A figure: a number, or digits with a scale word ("8.41 million")."""
_HEDGE = {
    "type": "object",
    "additionalProperties": False,
    "minProperties": 1,
    "properties": {
        **{key: _FIGURE for key in HEDGE_CLASSES if key != "between"},
        "between": {
            "type": "array",
            "minItems": 2,
            "maxItems": 2,
            "items": {"anyOf": [_FIGURE, {"type": "string"}]},
        },
        "tolerance": {**_FIGURE, "minimum": 0},
    },
}


def _field_schema(spec: Field) -> dict[str, Any]:
    match spec.kind:
        case "text" | "ref":
            out: dict[str, Any] = {"type": "string", "minLength": 1}
        case "id":
            out = {"type": "string", "pattern": ID_PATTERN}
        case "path":
            out = {"type": "string", "minLength": 1}
        case "enum":
            out = {"enum": list(spec.choices)}
        case "date":
            out = {
                "anyOf": [
                    {"type": "string", "pattern": DATE_PATTERN},
                    {"type": "integer", "minimum": 1000, "maximum": 9999},
                ]
            }
        case "bool":
            out = {"type": "boolean"}
        case "number":
            out = dict(_NUMBER)
            if spec.minimum is not None:
                out["minimum"] = spec.minimum
        case "sha256":
            out = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
        case "texts":
            out = {"type": "array", "items": {"type": "string", "minLength": 1}}
        case "refs":
            one = {"type": "string", "minLength": 1}
            out = {"anyOf": [one, {"type": "array", "minItems": 1, "items": one}]}
        case "termmap":
            out = {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            }
        case "value":
            out = {"anyOf": [{"type": ["number", "string", "boolean"]}, _HEDGE]}
        case "total":
            assert spec.record is not None
            out = {"anyOf": [_NUMBER, _record_schema(spec.record)]}
        case "operand":
            assert spec.record is not None
            out = {"anyOf": [{"type": "string", "minLength": 1}, _record_schema(spec.record)]}
        case "numbermap":
            out = {"type": "object", "additionalProperties": _NUMBER}
        case "record":
            assert spec.record is not None
            out = _record_schema(spec.record)
        case "records":
            assert spec.record is not None
            out = {"type": "array", "items": _record_schema(spec.record)}
        case "recordmap":
            assert spec.record is not None
            out = {"type": "object", "additionalProperties": _record_schema(spec.record)}
        case _:
            raise ValueError(spec.kind)
    return {"description": spec.doc, **out}


def _record_schema(record: Record) -> dict[str, Any]:
    required = [name for name, spec in record.fields.items() if spec.required]
    out: dict[str, Any] = {
        "type": "object",
        "description": record.doc,
        "additionalProperties": False,
        "properties": {name: _field_schema(spec) for name, spec in record.fields.items()},
    }
    if required:
        out["required"] = required
    if record.requires:
        out["allOf"] = [
            {
                "if": {"properties": {name: {"const": value}}, "required": [name]},
                "then": {"required": [needed]},
            }
            for name, value, needed in record.requires
        ]
    return out
