"""Demonstration recognitions of one locality (认定项目), written through the services.

For each programme of the locality, its demo organisations of the right type go through the
lifecycle to a different stage: one in the reserve (入库), one submitted, one past the 初审, one
reviewed, one under public notice with an objection, two certified (one with declared
investments, the credit estimate and incentive entries), and one revoked. The 初审 is taken by one
demo government account and the 复核 by another; the notice period is moved into the past so the
certification can follow at once. Where the locality has fewer demo organisations than stages, the
later stages are left out.

Idempotent: when the locality already has demo recognitions nothing is written.
``demo_recognitions_remove_stale`` (called by the base generation before it may delete
organisations, which recognitions protect) drops them when one holds an organisation the new plan
no longer has; the derived step writes them again.
"""

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils import timezone

from chanjiao.accounts.models import Membership, Role, User
from chanjiao.demo.services.scope import DemoScope, demo_scope
from chanjiao.localities.models import Locality
from chanjiao.organizations.models import Organization, OrganizationType
from chanjiao.recognition import services
from chanjiao.recognition.models import (
    IncentiveEntry,
    Programme,
    Recognition,
    RecognitionState,
)
from chanjiao.recognition.permissions import user_is_programme_reviewer
from chanjiao.recognition.services.loading import DEFAULT_DATA_FILE
from chanjiao.workflow.models import TransitionRecord

# The stage each demo organisation reaches, in the order organisations are taken.
STORIES = (
    "certified_credit",
    "certified",
    "notice",
    "reviewed",
    "preliminary",
    "submitted",
    "revoked",
    "reserve",
)
ACTING = (Role.ORG_ADMIN, Role.INFO_OFFICER)


def _programmes(locality: Locality) -> list[Programme]:
    if not Programme.objects.filter(locality=locality).exists():
        data = services.programmes_read_file(path=DEFAULT_DATA_FILE)
        mine = [p for p in data["programmes"] if p["locality"] == locality.name]
        if mine:
            services.programmes_load(data={"version": 1, "programmes": mine}, actor=None)
    return list(Programme.objects.filter(locality=locality).order_by("key"))


def _actor(organization: Organization, roles: tuple[str, ...]) -> User | None:
    membership = (
        Membership.objects.filter(organization=organization, role__in=roles, user__is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def _officers(scope: DemoScope) -> tuple[User | None, User | None]:
    """Two different government accounts of the locality: the 初审 and the 复核 (None: system)."""
    governments = scope.organizations().filter(org_type=OrganizationType.GOVERNMENT)
    people = [
        m.user
        for m in Membership.objects.filter(
            organization__in=governments, role__in=(Role.GOV_ADMIN, Role.REVIEWER)
        )
        .select_related("user")
        .order_by("pk")
    ]
    first = people[0] if people else None
    second = next((p for p in people[1:] if p != first), None)
    return first, second


def demo_write(*, locality: Locality, seed: int) -> dict[str, int]:
    """Write the locality's demo recognitions once; a later run writes nothing."""
    scope = demo_scope(locality)
    existing = Recognition.objects.filter(is_demo=True, programme__locality=locality)
    if existing.exists():
        return _counts(existing, created=0)
    first, second = _officers(scope)
    used: set[int] = set()
    created = 0
    for index, programme in enumerate(_programmes(locality)):
        candidates = [
            org
            for org in scope.organizations().order_by("name", "pk")
            if org.org_type in programme.applicant_types and org.pk not in used
        ]
        stories = STORIES if index == 0 else STORIES[:2] + STORIES[5:6]
        for story, organization in zip(stories, candidates, strict=False):
            used.add(organization.pk)
            _story(programme, organization, story, first, second)
            created += 1
    return _counts(existing, created=created)


def _story(
    programme: Programme,
    organization: Organization,
    story: str,
    first: User | None,
    second: User | None,
) -> Recognition:
    applicant = _actor(organization, ACTING)
    recognition = services.recognition_reserve(
        actor=None, programme=programme, organization=organization, is_demo=True
    )
    if story == "reserve":
        return recognition
    recognition = services.recognition_apply(
        actor=None,  # the system writes the demo
        recognition=recognition,
        statement=f"{organization.name}申报{programme.name}：近三年与职业院校开展订单培养、实习实训。",
    )
    reach = {"submitted": 0, "preliminary": 1, "reviewed": 2, "notice": 3}.get(story, 4)
    if reach >= 1:
        recognition = _take(recognition, "preliminary", first, "材料齐全，同意报送复核。")
    if reach >= 2:
        recognition = _review(recognition, second)
    if reach >= 3:
        recognition = _take(recognition, "publish", second, "")
    if story == "notice":
        services.objection_file(
            actor=first,
            recognition=recognition,
            text="反映该单位实习学生多为短期安排，请核实。",
        )
    if reach >= 4:
        recognition = _certify(recognition, second)
    if story == "certified_credit":
        _credit_and_incentives(recognition, applicant, second)
    if story == "revoked":
        recognition = _take(recognition, "revoke", second, "年度复核发现申报材料与实际不符。")
    return recognition


def _take(recognition: Recognition, name: str, actor: User | None, reason: str) -> Recognition:
    return services.recognition_step(
        actor=actor,  # None: the system
        recognition=recognition,
        name=name,
        reason=reason,
    )


def _review(recognition: Recognition, actor: User | None) -> Recognition:
    conditions = list(recognition.programme.conditions.all())
    scores = [
        services.ScoreInput(c.pk, max(c.max_score - 2 - (i % 3), 0), "符合")
        for i, c in enumerate(conditions)
    ]
    return services.recognition_review(
        actor=actor,
        recognition=recognition,
        scores=scores,
        comment="评审组逐项评分，同意通过。",
    )


def _certify(recognition: Recognition, actor: User | None) -> Recognition:
    # The demo does not wait for the notice period: it is moved into the past.
    today = timezone.localdate()
    Recognition.objects.filter(pk=recognition.pk).update(
        notice_start=today - datetime.timedelta(days=recognition.programme.notice_days + 2),
        notice_end=today - datetime.timedelta(days=1),
    )
    recognition.refresh_from_db()
    return _take(recognition, "certify", actor, "公示期满无异议。")


def _credit_and_incentives(
    recognition: Recognition, applicant: User | None, officer: User | None
) -> None:
    year = timezone.localdate().year
    if recognition.programme.credit_rule and applicant is not None:
        for offset, investment, due in ((2, "800000", "150000"), (1, "100000", "120000")):
            services.investment_declare(
                actor=applicant,
                recognition=recognition,
                year=year - offset,
                investment=Decimal(investment),
                surcharge_due=Decimal(due),
            )
    if officer is None or not user_is_programme_reviewer(officer, recognition):
        return
    for kind in recognition.programme.incentive_kinds[:2]:
        services.incentive_record(
            actor=officer,
            recognition=recognition,
            kind=kind,
            granted_on=timezone.localdate(),
            department="发展改革部门",
            description="按政策给予支持（演示数据）。",
            amount=Decimal("200000") if kind in ("special_fund", "fiscal") else None,
        )


def _counts(recognitions: QuerySet[Recognition], *, created: int) -> dict[str, int]:
    return {
        "recognitions": recognitions.count(),
        "recognitions_certified": recognitions.filter(status=RecognitionState.CERTIFIED).count(),
        "recognitions_created": created,
    }


def demo_remove() -> int:
    """Delete every demo recognition with what hangs on it (ledger, history)."""
    return _delete(Recognition.objects.filter(is_demo=True))


def demo_recognitions_remove_stale(scope: DemoScope, *, organizations: set[tuple[str, int]]) -> int:
    """Drop the locality's demo recognitions if any holds an organisation the plan no longer has
    (recognitions protect their organisation; the derived step writes them again)."""
    rows = Recognition.objects.filter(is_demo=True, organization__in=scope.organizations())
    stale = any(
        (r.organization.name, r.organization.region_id) not in organizations
        for r in rows.select_related("organization")
    )
    return _delete(rows) if stale else 0


def _delete(recognitions: QuerySet[Recognition]) -> int:
    ids = list(recognitions.values_list("pk", flat=True))
    if not ids:
        return 0
    IncentiveEntry.objects.filter(recognition__in=ids).delete()
    TransitionRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(Recognition),
        object_id__in=[str(pk) for pk in ids],
    ).delete()
    return int(Recognition.objects.filter(pk__in=ids).delete()[0])
