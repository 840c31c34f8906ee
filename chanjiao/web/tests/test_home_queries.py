"""The home page asks the database each question once."""

from collections import Counter

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", [None, "wuzhou_officer"])
def test_home_page_runs_no_query_twice(persona, catalogs, wuzhou_school, request):
    client = Client()
    if persona:
        client.force_login(request.getfixturevalue(persona))
    client.get("/")  # sessions and caches settle on the first request

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")

    assert response.status_code == 200
    repeated = {sql: n for sql, n in Counter(q["sql"] for q in queries).items() if n > 1}
    assert repeated == {}
