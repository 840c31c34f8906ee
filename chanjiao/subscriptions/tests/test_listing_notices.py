"""A publisher hears of their post's review and of its coming end: the author and the people
acting for the organisation, nobody else."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from chanjiao.accounts.models import Role
from chanjiao.accounts.tests.factories import MembershipFactory, UserFactory
from chanjiao.listings import services as listing_services
from chanjiao.listings.tests.factories import listing_make
from chanjiao.subscriptions.listing_notices import listings_expiring_notify
from chanjiao.subscriptions.models import NoticeCategory, NoticeSettings, Notification
from chanjiao.subscriptions.tasks import notify_expiring_listings_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleagues(enterprise, other_enterprise):
    """The enterprise's 机构管理员, and people who must not hear of its posts."""
    admin = UserFactory(username="ent_admin")
    MembershipFactory(user=admin, organization=enterprise, role=Role.ORG_ADMIN)
    former = UserFactory(username="ent_former")
    MembershipFactory(user=former, organization=enterprise, role=Role.INFO_OFFICER, is_active=False)
    stranger = UserFactory(username="other_officer")
    MembershipFactory(user=stranger, organization=other_enterprise, role=Role.INFO_OFFICER)
    return {"admin": admin, "former": former, "stranger": stranger}


def _listing_notices(**filters):
    return Notification.objects.filter(category=NoticeCategory.LISTING, **filters)


def _submitted(recruiter, enterprise, **overrides):
    job = listing_make(kind="job", author=recruiter, organization=enterprise, overrides=overrides)
    return listing_services.listing_submit(actor=recruiter, listing=job)


def test_approval_reaches_author_and_organisation(
    django_capture_on_commit_callbacks, recruiter, enterprise, reviewer, colleagues
):
    job = _submitted(recruiter, enterprise)

    with django_capture_on_commit_callbacks(execute=True):
        listing_services.listing_approve(actor=reviewer, listing=job)

    mine = _listing_notices(user=recruiter).get()
    assert mine.title == "您发布的“数控车工”已审核通过"
    assert mine.body == "岗位需求“数控车工”已审核通过并发布。"
    assert mine.url == job.get_absolute_url()
    assert (
        _listing_notices(user=colleagues["admin"]).get().title == "本机构发布的“数控车工”已审核通过"
    )
    assert set(_listing_notices().values_list("user_id", flat=True)) == {
        recruiter.pk,
        colleagues["admin"].pk,
    }
    assert not Notification.objects.filter(user=reviewer).exists()


def test_approval_for_later_names_the_start_date(
    django_capture_on_commit_callbacks, recruiter, enterprise, reviewer
):
    start = timezone.localdate() + datetime.timedelta(days=5)
    job = _submitted(recruiter, enterprise, valid_from=start.isoformat())

    with django_capture_on_commit_callbacks(execute=True):
        job = listing_services.listing_approve(actor=reviewer, listing=job)

    assert job.status == "approved"
    title = _listing_notices(user=recruiter).get().title
    assert (
        title == f"您发布的“数控车工”已通过审核，将于{start.year}年{start.month}月{start.day}日生效"
    )


def test_rejection_gives_the_reason(
    django_capture_on_commit_callbacks, recruiter, enterprise, reviewer, colleagues
):
    job = _submitted(recruiter, enterprise)

    with django_capture_on_commit_callbacks(execute=True):
        listing_services.listing_reject(actor=reviewer, listing=job, reason="薪酬范围填写有误")

    mine = _listing_notices(user=recruiter).get()
    assert mine.title == "您发布的“数控车工”未通过审核"
    assert "驳回原因：薪酬范围填写有误" in mine.body
    assert _listing_notices(user=colleagues["admin"]).count() == 1
    assert _listing_notices().count() == 2


def test_personal_item_reaches_its_author_only(
    django_capture_on_commit_callbacks, student, reviewer
):
    profile = listing_make(kind="jobseeker", author=student)
    listing_services.listing_submit(actor=student, listing=profile)

    with django_capture_on_commit_callbacks(execute=True):
        listing_services.listing_reject(actor=reviewer, listing=profile, reason="信息不完整")

    assert list(_listing_notices().values_list("user_id", flat=True)) == [student.pk]


def test_other_steps_send_nothing(
    django_capture_on_commit_callbacks, recruiter, enterprise, reviewer
):
    with django_capture_on_commit_callbacks(execute=True):
        job = _submitted(recruiter, enterprise)
        listing_services.listing_close(actor=recruiter, listing=job, reason="已招满")

    assert not _listing_notices().exists()


def _live_job(recruiter, enterprise, reviewer, ends):
    return listing_make(
        kind="job",
        author=recruiter,
        organization=enterprise,
        reviewer=reviewer,
        overrides={"valid_until": ends.isoformat()},
    )


def test_expiring_items_are_announced_once(recruiter, enterprise, reviewer, colleagues):
    today = timezone.localdate()
    ends = today + datetime.timedelta(days=3)
    job = _live_job(recruiter, enterprise, reviewer, ends)
    _live_job(recruiter, enterprise, reviewer, today + datetime.timedelta(days=4))
    Notification.objects.all().delete()  # the approval notices

    first = listings_expiring_notify(today=today)
    again = listings_expiring_notify(today=today)

    assert (first, again) == (2, 0)
    mine = _listing_notices(user=recruiter).get()
    assert mine.title == "您发布的“数控车工”将于3天后到期"
    assert mine.dedupe_key == f"listing.expiring:{job.pk}:{ends.isoformat()}"
    assert mine.url == job.get_absolute_url()
    assert _listing_notices(user=colleagues["admin"]).count() == 1
    assert set(Notification.objects.values_list("user_id", flat=True)) == {
        recruiter.pk,
        colleagues["admin"].pk,
    }


def test_closed_items_get_no_expiry_reminder(recruiter, enterprise, reviewer):
    ends = timezone.localdate() + datetime.timedelta(days=3)
    job = _live_job(recruiter, enterprise, reviewer, ends)
    listing_services.listing_close(actor=recruiter, listing=job, reason="已招满")

    assert listings_expiring_notify() == 0


def test_scheduled_task_and_command_run_the_same_job(
    capsys,
    django_capture_on_commit_callbacks,
    email_on,
    mailoutbox,
    recruiter,
    enterprise,
    reviewer,
):
    recruiter.email = "hr@example.cn"
    recruiter.save(update_fields=["email"])
    NoticeSettings.objects.create(user=recruiter, email_categories=[NoticeCategory.LISTING])
    today = timezone.localdate()
    _live_job(recruiter, enterprise, reviewer, today + datetime.timedelta(days=3))

    with django_capture_on_commit_callbacks(execute=True):
        result = notify_expiring_listings_task.enqueue()
        call_command("notify_expiring_listings", "--date", today.isoformat())

    assert result.return_value == 1
    assert "已发送 0 条到期提醒。" in capsys.readouterr().out
    (message,) = mailoutbox
    assert message.to == ["hr@example.cn"]
    assert message.subject == "【产教融合信息服务平台】您发布的“数控车工”将于3天后到期"
