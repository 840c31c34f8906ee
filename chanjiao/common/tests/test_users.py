import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from chanjiao.accounts.models import User
from chanjiao.common.users import acting_user


def test_acting_user_is_the_signed_in_user():
    request = RequestFactory().get("/")
    request.user = User(username="someone")
    assert acting_user(request) is request.user


def test_acting_user_refuses_an_anonymous_user():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with pytest.raises(PermissionDenied):
        acting_user(request)
