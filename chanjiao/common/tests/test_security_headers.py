"""Security headers on every kind of response, and a Content-Security-Policy with no inline script
(so the pages must carry none)."""

import re
from pathlib import Path

import pytest

import chanjiao

pytestmark = pytest.mark.django_db

PAGES = ["/", "/login/", "/api/v1/localities/", "/api/v1/docs/swagger/", "/admin/login/"]


def _directives(header: str) -> dict[str, list[str]]:
    parts = [part.strip().split() for part in header.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


@pytest.mark.parametrize("path", PAGES)
def test_every_response_carries_the_security_headers(client, catalogs, path):
    response = client.get(path, follow=True)
    assert response.status_code == 200, path
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = _directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]


def test_the_api_documentation_loads_its_script_from_a_file(client, catalogs):
    page = client.get("/api/v1/docs/swagger/").content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", page)
    sources = re.findall(r'<script[^>]*src="([^"]+)"', page)
    own = [src for src in sources if "script" in src and "swagger-ui" not in src]
    assert own, sources
    script = client.get(own[0].replace("&amp;", "&"))
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.content.decode()


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")")
INLINE_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"(?:href|src|action)\s*=\s*[\"']\s*javascript:", re.IGNORECASE)


def test_no_template_carries_inline_script():
    """The policy forbids inline script: a template with one would break in the browser."""
    offenders = []
    for template in Path(chanjiao.__file__).parent.rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, INLINE_HANDLER, JAVASCRIPT_URL):
            offenders += [f"{template.name}: {m.group(0)[:60]}" for m in pattern.finditer(text)]
    assert offenders == []
