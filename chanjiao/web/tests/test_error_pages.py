"""Refusals under web pages render Chinese error pages with the right status, never a 500."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client

from chanjiao.common.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from chanjiao.common.page_errors import DomainErrorPageMiddleware
from chanjiao.listings.tests.factories import listing_make

pytestmark = pytest.mark.django_db


def test_hidden_item_gives_the_chinese_not_found_page(recruiter, enterprise):
    draft = listing_make(kind="job", author=recruiter, organization=enterprise)

    response = Client().get(f"/info/job/{draft.pk}/")

    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_unknown_organisation_page_is_a_chinese_not_found(catalogs):
    response = Client().get("/organizations/999999/")

    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


@pytest.mark.parametrize(
    ("_case", "error", "expected"),
    [
        ("not found", NotFoundError("信息不存在。"), Http404),
        ("denied", PermissionDeniedError("您无权修改该信息。"), PermissionDenied),
    ],
)
def test_domain_errors_under_pages_become_http_errors(rf, _case, error, expected):
    middleware = DomainErrorPageMiddleware(lambda request: None)

    with pytest.raises(expected, match=error.message):
        middleware.process_exception(rf.get("/info/job/1/"), error)


def test_other_refusals_under_pages_render_a_400_with_the_message(rf, catalogs):
    middleware = DomainErrorPageMiddleware(lambda request: None)
    request = rf.get("/info/job/1/")
    request.user = AnonymousUser()

    response = middleware.process_exception(request, ApplicationError("有效期已过。"))

    assert response.status_code == 400
    assert "有效期已过。" in response.content.decode()


def test_api_errors_are_left_to_the_api_handler(rf):
    middleware = DomainErrorPageMiddleware(lambda request: None)

    assert middleware.process_exception(rf.get("/api/v1/listings/1/"), NotFoundError("x")) is None
