"""`claimtrack validate` on broken and tricky input: each case names the code and line reported."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from claimtrack.load import MAX_FILE_BYTES
from tests.conftest import Project, claim

Q63 = "The CNRP claims to have won 63."
GOOD = claim("cnrp-63", 63, quote=Q63)


def findings(project: Project, *args: str) -> list[str]:
    """The finding lines of a text-format run, without the summary."""
    return project.run("validate", *args).stdout.splitlines()[:-1]


def test_clean_project_passes(project: Project) -> None:
    project.claims("claims/seats.yaml", GOOD)
    result = project.run("validate")
    assert result.exit_code == 0
    assert result.stdout.startswith("All clean")


def test_duplicate_key_is_an_error_not_silently_dropped(project: Project) -> None:
    project.write(
        "claims/seats.yaml",
        """\
        claims:
          - id: cnrp-63
            subject: cnrp
            property: seats
            value: 63
            value: 64
            claimant: cnrp
            scope: e2013
            seed: article.txt
            quote: The CNRP claims to have won 63.
        """,
    )
    result = project.run("validate")
    assert result.exit_code == 1
    assert findings(project) == [
        "claims/seats.yaml:6:5: CT010 duplicate key 'value' in claim (first on line 5); "
        "YAML would keep only the last one"
    ]


def test_duplicate_key_at_top_level(project: Project) -> None:
    project.write("claims/seats.yaml", "claims: []\nclaims: []\n")
    assert [line.split(" ")[:2] for line in findings(project)] == [
        ["claims/seats.yaml:2:1:", "CT010"]
    ]


def test_duplicate_key_in_a_registry(project: Project) -> None:
    project.write("claims/more.yaml", "scopes:\n  e2020: {name: a, name: b}\n")
    assert findings(project)[0].startswith("claims/more.yaml:2:20: CT010 duplicate key 'name'")


def test_duplicate_key_inside_a_hedged_value(project: Project) -> None:
    project.claims("claims/seats.yaml", claim("x", "{at_least: 63, at_least: 64}", quote=Q63))
    assert findings(project)[0].startswith("claims/seats.yaml:5:27: CT010 duplicate key 'at_least'")


def test_missing_seeds_folder(project: Project) -> None:
    import shutil

    shutil.rmtree(project.root / "seeds")
    result = project.run("validate")
    assert result.exit_code == 2
    assert findings(project) == [
        "seeds/:1:1: CT017 the project has no seeds/ folder; create "
        "it (claimtrack init makes a complete project)"
    ]


def test_anchors_and_aliases_are_refused(project: Project) -> None:
    project.write(
        "claims/seats.yaml",
        """\
        defaults: &base
          scope: e2013
        claims:
          - id: x
            <<: *base
        """,
    )
    result = project.run("validate")
    assert result.exit_code == 1
    codes = [line.split(": ")[0] + " " + line.split(" ")[1] for line in findings(project)]
    assert codes == ["claims/seats.yaml:1:11 CT011", "claims/seats.yaml:5:9 CT011"]


def test_billion_laughs_is_refused_quickly(project: Project) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 10):
        prev, cur = chr(ord("a") + n - 1), chr(ord("a") + n)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    project.write("claims/bomb.yaml", "\n".join(lines) + "\n")
    out = findings(project)
    assert out[0].startswith("claims/bomb.yaml:1:4: CT011 anchor &a")
    assert all(" CT011 " in line for line in out)


def test_unknown_field_suggests_the_right_one(project: Project) -> None:
    project.claims("claims/seats.yaml", GOOD + "  claimnt: cnrp\n")
    assert findings(project) == [
        "claims/seats.yaml:10:5: CT012 unknown field 'claimnt' in claim; did you mean 'claimant'?"
    ]


def test_missing_required_field(project: Project) -> None:
    project.write("claims/seats.yaml", "claims:\n  - id: x\n    subject: cnrp\n")
    assert findings(project) == [
        "claims/seats.yaml:2:5: CT013 claim 'x' has no property or claimant: give it here or in "
        "the file's defaults",
        "claims/seats.yaml:2:5: CT013 claim: required fields 'value', 'quote' missing",
    ]


def test_wrong_type(project: Project) -> None:
    project.write("claims/seats.yaml", "claims:\n  id: x\n")
    assert findings(project) == [
        "claims/seats.yaml:2:3: CT014 claims file field 'claims': expected a list, found a mapping"
    ]


def test_yaml11_boolean_where_a_boolean_is_expected(project: Project) -> None:
    project.claims("claims/free.yaml", claim("free", "yes", subject="election", prop="free"))
    assert findings(project) == [
        "claims/free.yaml:5:12: CT015 'yes' is a YAML 1.1 boolean that tools read differently; "
        "write true or false"
    ]


def test_yaml11_boolean_where_text_is_expected_stays_text(project: Project) -> None:
    """`no` in a text field is the word "no", never False, and is not an error."""
    project.claims(
        "claims/slogans.yaml",
        claim("slogan", "no", subject="cnrp", prop="slogan", quote="The CNRP", extra="note: no"),
    )
    assert project.run("validate").exit_code == 0


def test_sexagesimal_where_a_number_is_expected(project: Project) -> None:
    project.claims("claims/seats.yaml", claim("x", "1:03", quote="The CNRP"))
    assert findings(project) == [
        "claims/seats.yaml:5:12: CT015 '1:03' reads as a base-60 number in YAML 1.1; "
        "write plain digits"
    ]


def test_bare_date_is_fine_where_a_date_is_expected(project: Project) -> None:
    project.claims(
        "claims/day.yaml",
        claim(
            "day", "2013-07-28", subject="election", prop="polling-day", extra="as_of: 2013-07-31"
        ),
    )
    result = project.run("validate")
    assert result.exit_code == 0, result.stdout


def test_impossible_date(project: Project) -> None:
    project.claims(
        "claims/day.yaml", claim("day", "2013-02-30", subject="election", prop="polling-day")
    )
    assert findings(project)[0].startswith("claims/day.yaml:5:12: CT205 property 'polling-day'")


def test_not_utf8_is_located_and_unreadable(project: Project) -> None:
    project.write_bytes("claims/latin1.yaml", b"claims:\n  - id: caf\xe9\n")
    result = project.run("validate")
    assert result.exit_code == 2
    assert findings(project) == [
        "claims/latin1.yaml:2:12: CT002 byte 0xe9 is not valid UTF-8; save the file as UTF-8"
    ]


def test_nul_byte(project: Project) -> None:
    project.write_bytes("claims/nul.yaml", b"claims:\n  - id: a\x00b\n")
    result = project.run("validate")
    assert result.exit_code == 2
    assert findings(project) == [
        "claims/nul.yaml:2:10: CT005 control character U+0000 is not allowed in YAML"
    ]


def test_empty_file(project: Project) -> None:
    project.write("claims/empty.yaml", "")
    assert findings(project) == ["claims/empty.yaml:1:1: CT008 file is empty"]


def test_comment_only_file(project: Project) -> None:
    project.write("claims/todo.yaml", "# to do\n")
    assert findings(project) == ["claims/todo.yaml:1:1: CT008 file has no content, only comments"]


def test_truncated_file(project: Project) -> None:
    project.write("claims/cut.yaml", 'claims:\n  - id: x\n    quote: "The CNRP cla')
    result = project.run("validate")
    assert result.exit_code == 2
    line = findings(project)[0]
    assert line.startswith("claims/cut.yaml:3:25: CT003 found unexpected end of stream")
    assert "truncated" in line


def test_tab_indentation(project: Project) -> None:
    project.write("claims/tabs.yaml", "claims:\n\t- id: x\n")
    line = findings(project)[0]
    assert line.startswith("claims/tabs.yaml:2:1: CT003")
    assert "indent with spaces" in line


def test_merge_conflict_markers(project: Project) -> None:
    project.write("claims/merge.yaml", "claims:\n<<<<<<< HEAD\n  - id: a\n=======\n")
    assert findings(project)[0] == (
        "claims/merge.yaml:2:1: CT003 unresolved merge conflict marker '<<<<<<<': "
        "finish the merge first"
    )


def test_two_documents(project: Project) -> None:
    project.write("claims/two.yaml", "claims: []\n---\nclaims: []\n")
    assert findings(project)[0].startswith("claims/two.yaml:2:1: CT009")


def test_bom_is_a_warning_and_the_file_still_reads(project: Project) -> None:
    text = "claims:\n" + "  " + GOOD.replace("\n", "\n  ").rstrip() + "\n"
    project.write_bytes("claims/bom.yaml", b"\xef\xbb\xbf" + text.encode())
    result = project.run("validate")
    assert result.exit_code == 0
    assert findings(project)[0].startswith("claims/bom.yaml:1:1: CT007")
    assert project.run("validate", "--strict").exit_code == 1


def test_crlf_line_endings_keep_line_numbers(project: Project) -> None:
    text = "claims:\r\n" + "".join(f"  {line}\r\n" for line in GOOD.splitlines())
    text += "    extra: 1\r\n"
    project.write_bytes("claims/crlf.yaml", text.encode())
    assert findings(project) == ["claims/crlf.yaml:10:5: CT012 unknown field 'extra' in claim"]


def test_deep_nesting_is_refused_before_parsing(project: Project) -> None:
    project.write("claims/deep.yaml", "claims: " + "[" * 100_000 + "]" * 100_000 + "\n")
    result = project.run("validate")
    assert result.exit_code == 2
    assert findings(project)[0].startswith("claims/deep.yaml:1:")
    assert " CT006 nesting deeper than 64 levels" in findings(project)[0]


def test_file_over_the_size_limit(project: Project) -> None:
    project.write("claims/huge.yaml", "# " + "x" * MAX_FILE_BYTES + "\n")
    result = project.run("validate")
    assert result.exit_code == 2
    assert findings(project)[0] == (
        f"claims/huge.yaml:1:1: CT004 file is {MAX_FILE_BYTES + 3:,} bytes; the limit is "
        f"{MAX_FILE_BYTES:,} bytes: split it into several files"
    )


def test_unreadable_file(project: Project) -> None:
    os.symlink(project.root / "nowhere.yaml", project.root / "claims/dangling.yaml")
    result = project.run("validate")
    assert result.exit_code == 2
    assert findings(project)[0].startswith("claims/dangling.yaml:1:1: CT001 cannot read file")


def test_missing_claims_folder(project: Project) -> None:
    for path in sorted((project.root / "claims").iterdir()):
        path.unlink()
    (project.root / "claims").rmdir()
    result = project.run("validate")
    assert result.exit_code == 2
    assert findings(project)[0].startswith("claims/:1:1: CT017 the project has no claims/ folder")


def test_a_bad_file_does_not_hide_findings_in_the_others(project: Project) -> None:
    project.write_bytes("claims/a-broken.yaml", b"claims: [\n")
    project.claims("claims/b-seats.yaml", claim("x", 64, quote="The CNRP claims to have won 64."))
    codes = [line.split(" ")[1] for line in findings(project)]
    assert codes == ["CT003", "CT102"]
    assert project.run("validate").exit_code == 2


@pytest.mark.parametrize("seed", ["../claimtrack.yaml", "/etc/hostname"])
def test_seed_reference_escaping_seeds(project: Project, seed: str) -> None:
    project.claims("claims/x.yaml", GOOD.replace("seed: article.txt", f"seed: {seed}"))
    assert findings(project) == [
        f"claims/x.yaml:7:11: CT103 seed {seed!r} "
        + (
            "must be a path inside seeds/, not an absolute path"
            if seed.startswith("/")
            else "leads outside seeds/"
        )
    ]


def test_seed_symlink_pointing_outside(project: Project) -> None:
    os.symlink(project.root / "claimtrack.yaml", project.root / "seeds/link.txt")
    project.claims("claims/x.yaml", GOOD.replace("article.txt", "link.txt"))
    assert (
        "claims/x.yaml:7:11: CT103 seed 'link.txt' leads outside seeds/ through a symbolic "
        "link" in findings(project)
    )


def test_seed_name_with_an_escaped_nul_byte(project: Project) -> None:
    """Found by hypothesis: YAML's "\\x00" escape puts a NUL in a name, which no path takes."""
    project.claims("claims/x.yaml", GOOD.replace("seed: article.txt", 'seed: "a\\x00.txt"'))
    assert findings(project) == [
        "claims/x.yaml:7:11: CT101 seed 'a\\x00.txt' is not a valid file name"
    ]


def test_missing_seed(project: Project) -> None:
    project.claims("claims/x.yaml", GOOD.replace("article.txt", "gone.txt"))
    assert findings(project) == [
        "claims/x.yaml:7:11: CT101 seed 'gone.txt' does not exist in seeds/"
    ]


def test_nfd_quote_matches_an_nfc_seed_with_a_warning(project: Project) -> None:
    project.write("seeds/cafe.txt", "The caf\u00e9 owner said 12 people came.\n")
    project.claims(
        "claims/x.yaml",
        claim("x", 12, quote="The cafe\u0301 owner said 12 people came.").replace(
            "article.txt", "cafe.txt"
        ),
    )
    result = project.run("validate")
    assert "claims/x.yaml:8:12: CT105" in result.stdout
    assert "CT102" not in result.stdout
    assert result.exit_code == 0


def test_two_claims_with_one_id_in_different_files(project: Project) -> None:
    project.claims("claims/a.yaml", GOOD)
    project.claims("claims/b.yaml", GOOD)
    assert findings(project) == [
        "claims/b.yaml:2:9: CT201 duplicate claim id 'cnrp-63'; first used at claims/a.yaml:2"
    ]


def test_unknown_entity_suggests_alias(project: Project) -> None:
    project.claims("claims/x.yaml", claim("x", 63, claimant="cnpr"))
    assert findings(project) == [
        "claims/x.yaml:6:15: CT202 unknown entity 'cnpr' as claimant; did you mean 'cnrp'?; add "
        "it to an entities registry, or add this spelling to an entity's aliases"
    ]


def test_unknown_scope_and_property(project: Project) -> None:
    project.claims("claims/x.yaml", claim("x", 63, scope="e213", prop="seat"))
    assert findings(project) == [
        "claims/x.yaml:4:15: CT204 unknown property 'seat'; did you mean 'seats'?",
        "claims/x.yaml:9:12: CT203 unknown scope 'e213'; did you mean 'e2013'?",
    ]


def test_rule_that_refers_to_a_missing_entity(project: Project) -> None:
    project.write(
        "claims/rules.yaml",
        """\
        rules:
          seats-fit:
            property: seats
            parts: [cpp, cnrp, funcinpec]
            total: {subject: assembly, property: seat-count}
            relation: at-most
        """,
    )
    assert findings(project)[0].startswith(
        "claims/rules.yaml:4:12: CT202 unknown entity 'funcinpec' as a part of rule 'seats-fit'"
    )


def test_alias_naming_two_entities(project: Project) -> None:
    project.write("claims/more.yaml", "entities:\n  other: {name: Other, aliases: [CPP]}\n")
    assert findings(project)[0] == (
        "claims/registry.yaml:2:75: CT206 'CPP' names both 'other' "
        "(at claims/more.yaml:2) and 'cpp'"
    )


def test_seed_changed_since_catalogued(project: Project) -> None:
    project.claims("claims/x.yaml", GOOD)
    (project.root / "seeds/article.txt").write_text("The CNRP claims to have won 63.\n")
    assert findings(project)[-1].startswith(
        "seeds/catalog.yaml:2:3: CT106 seeds/article.txt has changed since it was catalogued"
    )


def test_value_not_in_quote_is_an_error(project: Project) -> None:
    project.claims("claims/x.yaml", claim("x", 55, quote="The CNRP claims to have won 63."))
    result = project.run("validate")
    assert result.exit_code == 1
    assert findings(project) == [
        "claims/x.yaml:8:12: CT104 55 does not appear in the quote; quote the figure, or give "
        "the source's own wording in 'said'"
    ]


def test_wording_grounds_a_figure_written_in_words(project: Project) -> None:
    project.claims(
        "claims/x.yaml",
        claim(
            "x",
            "{about: 1000000}",
            subject="comfrel",
            prop="voters",
            claimant="comfrel",
            quote="about 1 million voters could be struck off",
            extra="said: about 1 million",
        ),
    )
    assert project.run("validate").exit_code == 0


def test_paths_report_only_those_files_but_resolve_against_all(project: Project) -> None:
    project.claims("claims/a.yaml", claim("a", 64, quote="won 64"))
    project.claims("claims/b.yaml", claim("b", 63, quote="won 63"))
    project.write("claims/more-entities.yaml", "entities:\n  x: {name: X}\n")
    out = findings(project, str(project.root / "claims/b.yaml"))
    assert out == []
    assert [line.split(":")[0] for line in findings(project)] == ["claims/a.yaml"]


def test_a_changed_seed_reports_the_claims_citing_it(project: Project) -> None:
    project.claims("claims/a.yaml", GOOD)
    (project.root / "seeds/article.txt").write_text("Nothing here.\n")
    out = findings(project, str(project.root / "seeds/article.txt"))
    assert [line.split(" ")[:2] for line in out] == [
        ["claims/a.yaml:8:12:", "CT102"],
        ["seeds/catalog.yaml:2:3:", "CT106"],
    ]


def test_json_and_github_formats(project: Project) -> None:
    project.claims("claims/x.yaml", claim("x", 64, quote="won 64"))
    import json

    document = json.loads(project.run("validate", "--format", "json").stdout)
    assert document["summary"] == {"files": 3, "errors": 1, "warnings": 0, "accepted": 0}
    first = document["diagnostics"][0]
    assert (first["path"], first["line"], first["column"], first["code"], first["severity"]) == (
        "claims/x.yaml",
        8,
        12,
        "CT102",
        "error",
    )
    github = project.run("validate", "--format", "github").stdout.splitlines()[0]
    assert github.startswith("::error file=claims/x.yaml,line=8,col=12,title=CT102::CT102 quote")


def test_outside_any_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from claimtrack.cli import app

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate"])
    assert result.exit_code == 2
    assert result.stderr == (
        "claimtrack: not inside a claims project (no claimtrack.yaml here or in any parent "
        "folder); run `claimtrack init` to create one, or pass --root DIR\n"
    )


def test_text_that_yaml_reads_as_a_number_must_be_quoted(project: Project) -> None:
    project.claims("claims/seats.yaml", claim("cnrp-63", 63, quote="63"))
    assert findings(project) == [
        "claims/seats.yaml:8:12: CT014 claim field 'quote': expected text, found 63, which YAML "
        "reads as a number; put it in quotes: '63'"
    ]
    project.claims("claims/seats.yaml", claim("cnrp-63", 63, quote=f'"{Q63}"'))
    assert findings(project) == []


def test_a_schema_modeline_that_leads_nowhere_is_reported(project: Project) -> None:
    project.write("schema/claims.schema.json", "{}\n")
    modeline = "# yaml-language-server: $schema=../schema/claims.schema.json\n"
    project.write("claims/seats.yaml", modeline + "claims:\n" + textwrap.indent(GOOD, "  "))
    assert findings(project, "--strict") == []
    moved = project.write(
        "claims/e2013/seats.yaml", (project.root / "claims/seats.yaml").read_text()
    )
    (project.root / "claims/seats.yaml").unlink()
    assert findings(project) == [
        "claims/e2013/seats.yaml:1:33: CT018 $schema=../schema/claims.schema.json leads to no "
        "file, so editors do not check this file as you type; from here the schema is "
        "$schema=../../schema/claims.schema.json"
    ]
    assert project.run("validate").exit_code == 0
    assert project.run("validate", "--strict").exit_code == 1
    moved.write_text(moved.read_text().replace("../schema", "../../schema"))
    assert findings(project, "--strict") == []
