"""An organising school, an enterprise with two live posts, a student, and an event next week."""

import datetime

import pytest
from django.utils import timezone

from chanjiao.accounts.models import Role
from chanjiao.accounts.tests.factories import MembershipFactory, UserFactory
from chanjiao.catalogs.models import Region
from chanjiao.events.models import MatchEvent
from chanjiao.events.services import event_create
from chanjiao.listings.models import Listing, ListingStatus
from chanjiao.organizations.tests.factories import EnterpriseFactory


def post_make(organization, author, *, title="数控操作工", kind="job", status=None) -> Listing:
    """A post written directly (the listing services are tested in their app)."""
    return Listing.objects.create(
        kind=kind,
        direction="demand",
        title=title,
        organization=organization,
        author=author,
        region=organization.region,
        status=status or ListingStatus.PUBLISHED,
        published_at=timezone.now(),
    )


def event_values(**overrides):
    """What an organiser fills in: an event on a day next week, 09:00 to 12:00."""
    start = timezone.localtime(timezone.now() + datetime.timedelta(days=7)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    values = {
        "title": "2027届春季双选会",
        "kind": "mutual",
        "description": "校园春季双选会。",
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=3),
        "is_online": False,
        "place": "学校体育馆",
        "online_url": "",
        "region": Region.objects.get(code="450403"),
        "audience": "all",
        "enterprise_capacity": None,
        "student_capacity": None,
        "registration_deadline": None,
    }
    values.update(overrides)
    return values


@pytest.fixture
def organizer(school_admin):
    """The school's 机构管理员, who organises."""
    return school_admin


@pytest.fixture
def posts(enterprise, recruiter):
    return [
        post_make(enterprise, recruiter, title="数控操作工"),
        post_make(enterprise, recruiter, title="质检实习生", kind="internship"),
    ]


@pytest.fixture
def second_enterprise(wuzhou):
    return EnterpriseFactory(name="梧州机械制造有限公司", region=wuzhou)


@pytest.fixture
def second_recruiter(second_enterprise):
    user = UserFactory(username="recruiter2", real_name="第二招聘")
    MembershipFactory(user=user, organization=second_enterprise, role=Role.INFO_OFFICER)
    return user


@pytest.fixture
def second_post(second_enterprise, second_recruiter):
    return post_make(second_enterprise, second_recruiter, title="装配工")


@pytest.fixture
def make_event(organizer, wuzhou_school):
    def make(**overrides) -> MatchEvent:
        return event_create(
            actor=organizer, organizer=wuzhou_school, values=event_values(**overrides)
        )

    return make


@pytest.fixture
def event(make_event):
    return make_event()
