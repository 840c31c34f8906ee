"""The committed OpenAPI document must match the API (regenerate with `make schema`)."""

from pathlib import Path

import pytest
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
