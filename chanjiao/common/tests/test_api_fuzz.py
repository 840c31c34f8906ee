"""Every API operation, fuzzed from the committed OpenAPI document (schemathesis).

Each operation of ``docs/openapi.yaml`` — whatever app it belongs to, so a new app is covered as
soon as its operations are in the document — gets generated requests (path, query and body drawn
from the document) as an anonymous visitor and as three signed-in roles: a student, an
enterprise's 机构管理员 and a 政府管理员. Every response must be no server error (5xx), carry a
status the document lists for the operation, and match the documented content type and body.

The run is bounded: ``CHANJIAO_FUZZ_EXAMPLES`` generated requests per operation and role (3 by
default, deterministic); ``make fuzz`` runs it longer. Each role's figures (requests, server
errors, violations, seconds) are printed.
"""

import gc
import os
import re
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import pytest
import schemathesis
import yaml
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from chanjiao.listings.tests.factories import listing_make, reviewer_for
from chanjiao.localities.services import localities_load_default

SCHEMA = Path(__file__).resolve().parents[3] / "docs" / "openapi.yaml"
EXAMPLES = int(os.environ.get("CHANJIAO_FUZZ_EXAMPLES", "3"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

pytestmark = [
    pytest.mark.django_db,
    # werkzeug's multipart bodies are spooled files nobody closes; collected at the end of the test.
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
]


@pytest.fixture
def seeded(wuzhou, wuzhou_gov, wuzhou_officer, enterprise, enterprise_admin, recruiter, student):
    """A small platform: localities, a government, an enterprise with posts, a school, a student."""
    localities_load_default()
    reviewer = reviewer_for(wuzhou_gov)
    for kind in ("job", "internship"):
        listing_make(kind=kind, author=recruiter, organization=enterprise, reviewer=reviewer)
    listing_make(kind="job", author=recruiter, organization=enterprise)
    return {
        "anonymous": None,
        "student": student,
        "enterprise_admin": enterprise_admin,
        "government_officer": wuzhou_officer,
    }


def _credentials(user):
    """Session and CSRF cookies (and the CSRF header) of a signed-in user; nothing for anonymous."""
    if user is None:
        return {}, {}
    client = Client()
    client.force_login(user)
    token = _get_new_csrf_string()
    cookies = {"sessionid": client.cookies["sessionid"].value, "csrftoken": token}
    return cookies, {"X-CSRFToken": token}


def _operations():
    schema = schemathesis.openapi.from_path(str(SCHEMA))
    return [result.ok() for result in schema.get_all_operations()]


def _public_operations():
    """(METHOD, path) of the operations documented as open to anonymous visitors."""
    document = yaml.safe_load(SCHEMA.read_text(encoding="utf-8"))
    return {
        (method.upper(), path)
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        if {} in (operation.get("security") or [])
    }


@contextmanager
def _connection_kept_open():
    """Keep the test's database connection across requests, as Django's test client does (the
    WSGI handler closes it after each request where CONN_MAX_AGE is 0, as on PostgreSQL)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def fuzz(operations, user, *, examples: int):
    """Send generated requests to every operation; return (counts, problems found)."""
    app = WSGIHandler()
    cookies, headers = _credentials(user)
    public = _public_operations()
    requests: Counter[str] = Counter()
    problems: list[str] = []

    for operation in operations:

        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def send(case):
            response = case.call(app=app, cookies=cookies, headers=headers)
            requests["requests"] += 1
            if response.status_code >= 500:
                requests["server_errors"] += 1
            titles = set()
            try:
                case.validate_response(response, checks=CHECKS)
            except FailureGroup as group:
                titles = {failure.title for failure in group.exceptions}
            operation_key = (case.method.upper(), case.operation.path)
            if user is None and response.status_code < 300 and operation_key not in public:
                titles.add("Answers anonymous visitors, documented as needing login")
            if titles:
                requests["violations"] += 1
                summary = "; ".join(sorted(titles))
                body = response.text[:200]
                problems.append(
                    f"{case.method} {case.formatted_path} {response.status_code}: {summary} "
                    f"[query={case.query!r}] {body}"
                )

        with _connection_kept_open():
            send()
    gc.collect()
    return requests, problems


@pytest.mark.parametrize("role", ["anonymous", "student", "enterprise_admin", "government_officer"])
def test_every_operation_answers_as_documented(seeded, role):
    operations = _operations()
    started = time.monotonic()

    figures, problems = fuzz(operations, seeded[role], examples=EXAMPLES)

    seconds = time.monotonic() - started
    print(  # noqa: T201 - the figures are the point of the run
        f"\nfuzz {role}: {len(operations)} operations, {figures['requests']} requests, "
        f"{figures['server_errors']} server errors, {figures['violations']} schema violations, "
        f"{seconds:.0f} s"
    )
    assert figures["requests"] >= len(operations)
    assert problems == [], "\n".join(problems[: int(os.environ.get("CHANJIAO_FUZZ_SHOW", "50"))])


def _bad_query_values(parameter):
    """Values a query parameter's schema rules out: a word for a number, numbers out of range, an
    unknown choice."""
    schema = parameter.get("schema", {})
    if "$ref" in schema or "enum" in schema:
        return ["__unknown__"]
    if schema.get("type") == "integer":
        values = ["abc"]
        if "maximum" in schema:
            values.append(str(schema["maximum"] + 1))
        if "minimum" in schema:
            values.append(str(schema["minimum"] - 1))
        return values
    return []


def _query_probes():
    """(method, path, parameter, bad value) for every query parameter with a type to break."""
    document = yaml.safe_load(SCHEMA.read_text(encoding="utf-8"))
    components = document["components"]["schemas"]
    probes = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if method != "get":
                continue
            for parameter in operation.get("parameters", []):
                if parameter["in"] != "query" or parameter["name"] == "page":
                    continue
                schema = parameter.get("schema", {})
                if "$ref" in schema:
                    schema = components[schema["$ref"].rsplit("/", 1)[-1]]
                    parameter = {**parameter, "schema": schema}
                for value in _bad_query_values(parameter):
                    probes.append((path, parameter["name"], value))
    return probes


def _filled_path(path):
    return re.sub(r"\{[^}]+\}", "1", path)


@pytest.mark.parametrize("role", ["anonymous", "student", "enterprise_admin", "government_officer"])
def test_bad_query_parameters_are_refused_naming_them(seeded, role, client_for, api_client):
    client = api_client if seeded[role] is None else client_for(seeded[role])
    accepted, unnamed, reached = [], [], 0

    for path, name, value in _query_probes():
        response = client.get(_filled_path(path), {name: value})
        if response.status_code == 400:
            reached += 1
            if name not in response.json()["extra"].get("fields", {}):
                unnamed.append(f"{path} ?{name}={value}: {response.json()}")
        elif response.status_code < 300:
            accepted.append(f"{path} ?{name}={value}")

    print(f"\nquery probes {role}: {reached} refused naming the parameter")  # noqa: T201
    assert accepted == [], "\n".join(accepted)
    assert unnamed == [], "\n".join(unnamed)
