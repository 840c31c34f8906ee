"""The committed OpenAPI document must match the API (regenerate with `make schema`)."""

from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

SNAPSHOT = Path(__file__).resolve().parents[3] / "docs" / "openapi.yaml"

pytestmark = pytest.mark.django_db


def test_committed_schema_matches_the_api(tmp_path):
    generated = tmp_path / "openapi.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(generated))
    assert generated.read_text(encoding="utf-8") == SNAPSHOT.read_text(encoding="utf-8"), (
        "接口已变化：请运行 make schema 并提交 docs/openapi.yaml"
    )


def test_schema_is_served(api_client):
    response = api_client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert b"/api/v1/organizations/" in response.content


def _unbounded_integers(schema, components, where, seen=frozenset()):
    """Where an integer the client sends has no minimum or no maximum (a huge one overflows)."""
    ref = schema.get("$ref")
    if ref:
        name = ref.rsplit("/", 1)[-1]
        if name in seen:
            return []
        return _unbounded_integers(components[name], components, where, seen | {name})
    if schema.get("readOnly"):
        return []
    found = []
    if schema.get("type") == "integer" and not {"minimum", "maximum"} <= schema.keys():
        found.append(where)
    for name, item in (schema.get("properties") or {}).items():
        found += _unbounded_integers(item, components, f"{where}.{name}", seen)
    if "items" in schema:
        found += _unbounded_integers(schema["items"], components, f"{where}[]", seen)
    for key in ("allOf", "oneOf", "anyOf"):
        for item in schema.get(key, []):
            found += _unbounded_integers(item, components, where, seen)
    return found


def test_every_integer_a_client_sends_is_bounded():
    """Ids, years, counts and sizes in parameters and bodies say their range (IdField, YearField,
    CountField in chanjiao.common.api_fields), so an oversized number is a 400 naming the field.
    Only page numbers go without a maximum: a page past the end is a 404 that says how many there
    are."""
    document = yaml.safe_load(SNAPSHOT.read_text(encoding="utf-8"))
    components = document["components"]["schemas"]
    found = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path" or parameter["name"] == "page":
                    continue
                where = f"{method.upper()} {path} ?{parameter['name']}"
                found += _unbounded_integers(parameter.get("schema", {}), components, where)
            content = (operation.get("requestBody") or {}).get("content", {})
            for media_type, body in content.items():
                where = f"{method.upper()} {path} {media_type}"
                found += _unbounded_integers(body.get("schema", {}), components, where)
    assert sorted(set(found)) == []
