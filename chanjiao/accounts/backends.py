"""Sign-in with username and password, for everyone but superusers.

A superuser account holds every right at once, against 三员分立 (GB/T 22239-2019 8.1.4.2): it is
used on the command line only (``chanjiao createsuperuser``, ``chanjiao shell``). This backend
refuses it on the web login, the admin login and any session, like an inactive account.
"""

from typing import TYPE_CHECKING

from django.contrib.auth.backends import ModelBackend

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from chanjiao.accounts.models import User


class PlatformModelBackend(ModelBackend):
    def user_can_authenticate(self, user: "User | AnonymousUser | None") -> bool:
        """Refuse inactive accounts (as Django does) and superusers."""
        return super().user_can_authenticate(user) and not getattr(user, "is_superuser", False)
