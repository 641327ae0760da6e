"""Every JSON output is its documented schema (docs/schemas/), and is the same data in every language.

The schemas are the public contract of `calc`, `plan`, `check`, `scan` and `draft`: each
sample dossier's output is validated in zh and en, and the two differ only in human text fields.
"""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, SAMPLES
from subsidy_cli.cli import main

jsonschema = pytest.importorskip("jsonschema")
SCHEMAS = ROOT / "docs" / "schemas"
HUMAN = {"name", "label", "message", "effect", "reason"}     # text made for people, in their language
DOSSIERS = sorted(p.name for p in SAMPLES.iterdir() if (p / "subsidy.toml").is_file())


def _validator(name: str):
    from referencing import Registry, Resource
    schemas = {p.name: json.loads(p.read_text("utf-8")) for p in SCHEMAS.glob("*.schema.json")}
    registry = Registry().with_resources((n, Resource.from_contents(s)) for n, s in schemas.items())
    schema = schemas[name]
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, registry=registry)


def run_json(capsys, *args) -> dict:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    assert exc.value.code in (0, 1), err
    return json.loads(out)


def without_text(data):
    if isinstance(data, dict):
        return {k: without_text(v) for k, v in data.items() if k not in HUMAN}
    if isinstance(data, list):
        return [without_text(v) for v in data]
    return data


@pytest.mark.parametrize("command, schema", [("calc", "subsidy.calc-1.schema.json"),
                                             ("plan", "subsidy.plan-1.schema.json"),
                                             ("check", "subsidy.check-1.schema.json"),
                                             ("scan", "subsidy.scan-1.schema.json"),
                                             ("draft", "subsidy.draft-1.schema.json")])
@pytest.mark.parametrize("dossier", DOSSIERS)
def test_json_output_is_its_schema_and_the_same_data_in_zh_and_en(capsys, command, schema, dossier):
    validator = _validator(schema)
    zh = run_json(capsys, command, str(SAMPLES / dossier), "-f", "json")
    en = run_json(capsys, command, str(SAMPLES / dossier), "-f", "json", "--lang", "en")

    for data in (zh, en):
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
        assert not errors, f"{dossier}: {errors[0].message} at {list(errors[0].path)}"
    assert without_text(zh) == without_text(en)


def test_the_schemas_catch_a_broken_output():
    validator = _validator("subsidy.calc-1.schema.json")
    bad = {"schema": "subsidy.calc/1", "company": {"name": None, "credit_code": None}, "profile": "x",
           "application_date": None, "programmes": [], "total": 12.5, "findings": []}
    assert any(e.path and e.path[0] == "total" for e in validator.iter_errors(bad))
