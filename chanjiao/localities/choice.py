"""Which locality a visitor is looking at: the switcher's cookie, else the user's own region."""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from chanjiao.accounts.models import User
from chanjiao.accounts.permissions import active_memberships
from chanjiao.localities.models import Locality

COOKIE = "chanjiao_locality"
COOKIE_MAX_AGE = 365 * 24 * 3600


def localities_for_switcher() -> list[Locality]:
    """Every locality, by region code (the switcher's options)."""
    return list(Locality.objects.select_related("region").order_by("region__code", "pk"))


def request_localities(request: HttpRequest) -> list[Locality]:
    """The switcher's options, read once per request (the frame and the page share them)."""
    cached: list[Locality] | None = getattr(request, "_chanjiao_localities", None)
    if cached is None:
        cached = localities_for_switcher()
        request._chanjiao_localities = cached  # type: ignore[attr-defined]
    return cached


def locality_of_region(code: str, localities: list[Locality]) -> Locality | None:
    """The locality whose region contains ``code`` most closely (五华区 before 昆明市)."""
    matches = [loc for loc in localities if code.startswith(loc.region.code)]
    return max(matches, key=lambda loc: len(loc.region.code), default=None)


def locality_of_user(user: User | AnonymousUser, localities: list[Locality]) -> Locality | None:
    """The locality of the user's organisation, or of a student's school."""
    if not user.is_authenticated:
        return None
    for membership in active_memberships(user):
        found = locality_of_region(membership.organization.region.code, localities)
        if found is not None:
            return found
    profile = getattr(user, "student_profile", None)
    if profile is not None:
        return locality_of_region(profile.school.region.code, localities)
    return None


def locality_chosen(request: HttpRequest) -> Locality | None:
    """The locality the switcher chose (cookie with its region code), else the user's own one."""
    options = request_localities(request)
    code = request.COOKIES.get(COOKIE, "")
    for locality in options:
        if locality.region.code == code:
            return locality
    return locality_of_user(request.user, options)
