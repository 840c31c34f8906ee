"""Tell people that something concerning them happened: the inbox, and e-mail where opted in.

``notice_send`` is the one way any app puts a message in someone's inbox (a post approved, a new
application, a contact request answered, an event registration decided). Call it inside the
transaction of the change: the messages commit or roll back with it, and the e-mails go out after
commit, from the task worker, only to those who chose that category in their notice settings.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.db import transaction

from chanjiao.accounts.models import User
from chanjiao.subscriptions.models import NoticeCategory, NoticeSettings, Notification

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Notice:
    """One message: the same title, text and link for each of its recipients."""

    category: str
    title: str
    body: str = ""
    url: str = ""
    # A message that must reach each recipient once only (e.g. ``listing.expiring:12:2026-12-09``).
    dedupe_key: str = ""


def notice_send(*, recipients: Iterable[User | int], notice: Notice) -> int:
    """Put ``notice`` in each recipient's inbox (each user once); return how many were new.

    Recipients may be users or user ids; inactive accounts are skipped. A ``dedupe_key`` already
    used for a recipient leaves that recipient out.
    """
    if notice.category not in NoticeCategory.values:
        raise ValueError(f"unknown notice category {notice.category!r}")
    ids = {r.pk if isinstance(r, User) else int(r) for r in recipients}
    if not ids:
        return 0
    active = list(User.objects.filter(pk__in=ids, is_active=True).values_list("pk", flat=True))
    if notice.dedupe_key:
        told = set(
            Notification.objects.filter(
                user_id__in=active, dedupe_key=notice.dedupe_key
            ).values_list("user_id", flat=True)
        )
        active = [pk for pk in active if pk not in told]
    rows = [
        Notification(
            user_id=pk,
            category=notice.category,
            title=notice.title[:200],
            body=notice.body,
            url=notice.url[:500],
            dedupe_key=notice.dedupe_key[:200],
        )
        for pk in sorted(active)
    ]
    with transaction.atomic():
        if notice.dedupe_key:
            user_ids = _rows_create_once(rows)
        else:
            user_ids = [row.user_id for row in Notification.objects.bulk_create(rows)]
    if user_ids and settings.CHANJIAO_EMAIL_NOTIFICATIONS:
        transaction.on_commit(lambda: _emails_enqueue(user_ids, notice))
    return len(user_ids)


def _rows_create_once(rows: list[Notification]) -> list[int]:
    """Insert each keyed row unless a concurrent sender got there first; return who was told.

    ``bulk_create(ignore_conflicts=True)`` cannot say which rows it skipped, and a recipient
    skipped there would still be e-mailed; the recipients of one message are few.
    """
    told = []
    for row in rows:
        _, created = Notification.objects.get_or_create(
            user_id=row.user_id,
            dedupe_key=row.dedupe_key,
            defaults={
                "category": row.category,
                "title": row.title,
                "body": row.body,
                "url": row.url,
            },
        )
        if created:
            told.append(row.user_id)
    return told


@dataclass(frozen=True)
class Letter:
    """One e-mail of an inbox message: to whom, and the message's title, text and link."""

    user_id: int
    address: str
    title: str
    body: str
    url: str


OPT_OUT_FOOTER = "不想再收到此类邮件，请登录平台在“站内信 › 提醒设置”中关闭。"


def emails_send(letters: list[Letter], *, footer: str) -> int:
    """E-mail each letter (subject, text, link to the site, ``footer``) over one connection.

    Failures are logged, never raised: one refused address must not stop the rest, and an
    unreachable server loses only the e-mails (the inbox messages are already saved).
    """
    if not letters:
        return 0
    site = str(getattr(settings, "CHANJIAO_SITE_URL", "")).rstrip("/")
    sent = 0
    try:
        with get_connection() as connection:
            for letter in letters:
                try:
                    sent += send_mail(
                        f"【产教融合信息服务平台】{letter.title}",
                        f"{letter.body}\n\n查看详情：{site}{letter.url}\n\n{footer}",
                        None,
                        [letter.address],
                        connection=connection,
                    )
                except OSError:  # smtplib errors are OSErrors
                    logger.warning("notice e-mail to user %s failed", letter.user_id, exc_info=True)
    except OSError:
        logger.warning("notice e-mail: mail server unavailable", exc_info=True)
    return sent


def notice_emails_send(
    *, user_ids: list[int], category: str, title: str, body: str, url: str
) -> int:
    """E-mail one message to those of ``user_ids`` who opted in to ``category``; count sent."""
    if not settings.CHANJIAO_EMAIL_NOTIFICATIONS:
        return 0
    users = (
        User.objects.filter(pk__in=user_ids, is_active=True)
        .exclude(email="")
        .select_related("notice_settings")
    )
    letters = [
        Letter(user.pk, user.email, title, body, url) for user in users if _opted_in(user, category)
    ]
    return emails_send(letters, footer=OPT_OUT_FOOTER)


def _opted_in(user: User, category: str) -> bool:
    try:
        return category in user.notice_settings.email_categories
    except NoticeSettings.DoesNotExist:
        return False


def _emails_enqueue(user_ids: list[int], notice: Notice) -> None:
    # Imported here: the tasks module imports this one (services ↔ tasks pair in one app).
    from chanjiao.subscriptions.tasks import notice_emails_task

    notice_emails_task.enqueue(
        user_ids=user_ids,
        category=notice.category,
        title=notice.title,
        body=notice.body,
        url=notice.url,
    )
