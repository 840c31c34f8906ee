"""Every search test runs on each backend usable with the test database."""

import pytest
from django.db import connection

from chanjiao.search.backends import get_backend
from chanjiao.search.services import search_index_rebuild
from chanjiao.search.tests.corpus import corpus_create


@pytest.fixture(params=["tantivy", "postgresql"])
def search_backend(request, settings, catalogs):
    """The backend under test, configured and emptied."""
    if request.param == "postgresql" and connection.vendor != "postgresql":
        pytest.skip("PostgreSQL 后端只在 PostgreSQL 数据库上测试。")
    settings.CHANJIAO_SEARCH_BACKEND = request.param
    backend = get_backend(request.param)
    backend.clear()
    return backend


@pytest.fixture
def corpus(search_backend):
    """The labelled corpus, indexed by a full rebuild."""
    listings = corpus_create()
    search_index_rebuild(backend=search_backend)
    return listings
