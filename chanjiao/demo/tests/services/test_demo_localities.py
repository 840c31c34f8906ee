"""Every locality gets its own demonstration data, side by side, and a history of posts."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from chanjiao.accounts.models import Membership, Role, User
from chanjiao.catalogs.models import Region
from chanjiao.demo.services import demo_data_generate
from chanjiao.demo.services.plan_listing_archive import ARCHIVE_SHARES
from chanjiao.demo.services.scope import PLATFORM_ACCOUNTS, demo_scope, locality_tags
from chanjiao.demo.tests.factories import KeyIndustryFactory, LocalityFactory
from chanjiao.listings.models import Listing, ListingStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def shuangyashan_locality(shuangyashan):
    locality = LocalityFactory(name="双鸭山市", region=shuangyashan)
    KeyIndustryFactory(locality=locality, label="煤化工", codes=["26"])
    return locality


def test_a_second_locality_leaves_the_first_as_it_was(wuzhou_locality, shuangyashan_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)
    wuzhou_organizations = set(demo_scope(wuzhou_locality).organizations().values_list("pk"))
    wuzhou_users = set(demo_scope(wuzhou_locality).users().values_list("pk"))

    summary = demo_data_generate(locality=shuangyashan_locality, seed=1)

    assert summary.deleted == 0
    assert set(demo_scope(wuzhou_locality).organizations().values_list("pk")) == (
        wuzhou_organizations
    )
    assert set(demo_scope(wuzhou_locality).users().values_list("pk")) == wuzhou_users
    theirs = demo_scope(shuangyashan_locality).organizations()
    assert theirs.exists()
    assert {o.region.code[:4] for o in theirs.select_related("region")} == {"2305"}
    # Rerunning the first locality changes nothing of either.
    again = demo_data_generate(locality=wuzhou_locality, seed=1)
    assert (again.created, again.updated, again.deleted) == (0, 0, 0)
    assert theirs.count() == sum(
        summary.count(kind) for kind in set(theirs.values_list("org_type", flat=True))
    )


def test_each_locality_has_its_own_officers(wuzhou_locality, shuangyashan_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)
    demo_data_generate(locality=shuangyashan_locality, seed=1)

    officers = Membership.objects.filter(role=Role.GOV_ADMIN).select_related("organization")
    by_region = {(m.user.username, m.organization.region.code) for m in officers}
    assert ("demo_wz_gov_jyj", "4504") in by_region
    assert ("demo_sys_gov_jyj", "2305") in by_region
    prefixes = {
        u.username.split("_")[1] for u in User.objects.exclude(username__in=PLATFORM_ACCOUNTS)
    }
    assert prefixes == {"wz", "sys"}


def test_the_summary_counts_one_locality(wuzhou_locality, shuangyashan_locality):
    first = demo_data_generate(locality=wuzhou_locality, seed=1)
    second = demo_data_generate(locality=shuangyashan_locality, seed=1)

    assert first.count("government") == second.count("government") == 3
    # Each counts its own accounts and the platform's three demo administrators.
    both = first.count("user") + second.count("user") - len(PLATFORM_ACCOUNTS)
    assert both == User.objects.filter(is_demo=True).count()


def test_localities_with_the_same_initials_get_their_whole_pinyin(catalogs):
    LocalityFactory(name="五华区", region=Region.objects.get(code="530102"))
    LocalityFactory(name="武汉市", region=Region.objects.get(code="4201"))
    LocalityFactory(name="梧州市", region=Region.objects.get(code="4504"))

    assert sorted(locality_tags().values()) == ["wuhan", "wuhua", "wz"]


def test_jobs_of_the_three_previous_years_are_expired_history(wuzhou_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)

    today = timezone.localdate()
    jobs = Listing.objects.filter(is_demo=True, kind="job")
    this_year = jobs.filter(published_at__year=today.year).count()
    for back, share in zip((3, 2, 1), ARCHIVE_SHARES, strict=True):
        past = jobs.filter(published_at__year=today.year - back)
        assert set(past.values_list("status", flat=True)) == {ListingStatus.EXPIRED}
        assert past.count() == pytest.approx(this_year * share, abs=this_year * 0.1)
        for listing in past:
            assert listing.valid_until < today - timedelta(days=1)
            assert listing.closed_at is not None


def test_the_command_makes_every_locality_and_prints_an_officer_each(
    wuzhou_locality, shuangyashan_locality
):
    out = StringIO()
    call_command("demo_data", "--skip-services", stdout=out)

    lines = out.getvalue().splitlines()
    assert "演示数据（梧州市，种子 1）：" in "\n".join(lines)
    assert "演示数据（双鸭山市，种子 1）：" in "\n".join(lines)
    officer_lines = {
        line.strip().split("：", 1)[0]: line for line in lines if "政府管理员 " in line
    }
    assert set(officer_lines) == {"梧州市", "双鸭山市"}
    assert "demo_wz_gov_jyj（梧州市教育局）" in officer_lines["梧州市"]
    assert "demo_sys_gov_jyj（双鸭山市教育局）" in officer_lines["双鸭山市"]
    assert "  平台：系统管理员 demo_admin；安全管理员 demo_security；审计管理员 demo_audit" in lines
