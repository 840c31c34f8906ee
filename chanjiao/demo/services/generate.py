"""Writing and removing the demonstration data set.

Generation synchronises: rows are matched on natural keys (organisation name and region,
username, school × major × year, publisher × kind × external id), created or updated to match
the plan, and demonstration rows the plan no longer contains are deleted — so a second run with
the same seed on the same day changes nothing (items' dates count back from today).
"""

import random
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.hashers import check_password, make_password
from django.db import models, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from chanjiao.accounts.models import AdminRole, Membership, Role, User
from chanjiao.audit.services import audit_event_record
from chanjiao.common.exceptions import ApplicationError
from chanjiao.demo.services.context import DemoPlan, OrganizationPlan, PersonPlan
from chanjiao.demo.services.derived import demo_derived_remove
from chanjiao.demo.services.internships import demo_internships_remove_stale
from chanjiao.demo.services.listing_context import listing_context
from chanjiao.demo.services.listings_writer import demo_listings_delete, demo_listings_sync
from chanjiao.demo.services.matching import demo_matching_remove
from chanjiao.demo.services.plan import demo_plan_build
from chanjiao.demo.services.plan_listing_archive import archived_jobs
from chanjiao.demo.services.plan_listings import listings_plan
from chanjiao.demo.services.recognition import demo_recognitions_remove_stale
from chanjiao.demo.services.scope import PLATFORM_ACCOUNTS, DemoScope, demo_scope
from chanjiao.demo.services.second_factor import (
    demo_second_factors_ensure,
    demo_totp_secret,
    person_is_privileged,
)
from chanjiao.demo.services.summary import DemoAccount, DemoSummary, demo_counts
from chanjiao.listings.kinds import ListingKind
from chanjiao.localities.models import Locality
from chanjiao.organizations.models import (
    SCHOOL_TYPES,
    Organization,
    OrganizationType,
    SchoolMajor,
    VerificationStatus,
)
from chanjiao.statistics.demo import SAME_MAJOR_SOURCE
from chanjiao.statistics.models import MajorYearStat
from chanjiao.students.models import StudentProfile

# The one password of every demonstration account; it passes Django's password validators.
DEMO_PASSWORD = "Chanjiao-Demo-2025"  # noqa: S105

_BATCH = 500


@transaction.atomic
def demo_data_generate(*, locality: Locality, seed: int) -> DemoSummary:
    """Make the locality's demonstration data exactly the set the locality and seed describe.

    Only the locality's own demo rows (``scope.demo_scope``) are created, updated or deleted; the
    other localities' demo data stays as it is.
    """
    scope = demo_scope(locality)
    real = Organization.objects.filter(is_demo=False)
    others = Organization.objects.exclude(pk__in=scope.organizations().values("pk"))
    plan = demo_plan_build(
        locality=locality,
        seed=seed,
        taken_names=set(
            real.filter(region__code__startswith=locality.region.code).values_list(
                "name", flat=True
            )
        ),
        taken_credit_codes={
            code
            for code in others.exclude(credit_code=None).values_list("credit_code", flat=True)
            if code is not None
        },
        username_prefix=scope.username_prefix,
    )
    _check_usernames_free(plan)
    # Applications, events and contact requests hold people and organisations the sync may
    # delete; they are derived rows, written again after the sync (services.matching).
    demo_matching_remove(scope)
    # Placements protect their student, school and enterprise: drop them (written again by the
    # services' step) only when the plan no longer has someone they hold.
    demo_internships_remove_stale(
        scope,
        usernames={p.username for p in plan.people},
        organizations={(o.name, o.region.pk) for o in plan.organizations},
    )
    # Recognitions protect their organisation: dropped (and written again by the services'
    # step) only when the plan no longer has an organisation they hold.
    demo_recognitions_remove_stale(
        scope, organizations={(o.name, o.region.pk) for o in plan.organizations}
    )
    writer = _Writer(scope)
    organizations = writer.sync_organizations(plan.organizations)
    writer.link_named_institutions(plan.organizations, organizations)
    users = writer.sync_users(plan.people)
    writer.sync_memberships(plan.people, users, organizations)
    demo_second_factors_ensure(plan.people, users, {o.key: o.org_type for o in plan.organizations})
    writer.sync_school_majors(plan.organizations, organizations)
    writer.sync_students(plan.people, users, organizations)
    writer.sync_listings(plan, locality, seed, users, organizations)
    writer.delete_stale(users, organizations)
    summary = DemoSummary(
        counts=demo_counts(scope),
        created=writer.created,
        updated=writer.updated,
        deleted=writer.deleted,
        accounts=_representative_accounts(plan),
        password=DEMO_PASSWORD,
    )
    audit_event_record(
        actor=None,
        action="demo_data.generate",
        changes={
            "locality": locality.name,
            "seed": seed,
            "counts": summary.as_dict(),
            "created": summary.created,
            "updated": summary.updated,
            "deleted": summary.deleted,
        },
    )
    return summary


@transaction.atomic
def demo_data_remove() -> DemoSummary:
    """Delete every demonstration row; catalogues, real rows and the audit log stay."""
    counts = demo_counts()
    # What the services derived from the demo rows goes first, then the items: they hold their
    # publishers and reviewers (protected references).
    deleted = demo_derived_remove()
    deleted += demo_listings_delete()
    deleted += _delete(StudentProfile.objects.filter(is_demo=True))
    deleted += _delete(User.objects.filter(is_demo=True))
    deleted += _delete(Organization.objects.filter(is_demo=True))
    summary = DemoSummary(counts=counts, deleted=deleted)
    audit_event_record(
        actor=None,
        action="demo_data.remove",
        changes={"counts": summary.as_dict(), "deleted": deleted},
    )
    return summary


def _check_usernames_free(plan: DemoPlan) -> None:
    clashes = sorted(
        User.objects.filter(
            is_demo=False, username__in=[p.username for p in plan.people]
        ).values_list("username", flat=True)
    )
    if clashes:
        raise ApplicationError(
            "以下用户名已被非演示账号占用，无法生成演示数据：" + "、".join(clashes),
            extra={"usernames": clashes},
        )


def _delete(queryset: models.QuerySet[Any]) -> int:
    try:
        return int(queryset.delete()[0])
    except ProtectedError as error:
        names = sorted({str(obj) for obj in error.protected_objects})[:10]
        raise ApplicationError(
            "演示数据仍被非演示数据引用，无法删除：" + "、".join(names),
            extra={"protected": names},
        ) from error


def _representative_accounts(plan: DemoPlan) -> tuple[DemoAccount, ...]:
    """One account per kind of role (school and enterprise roles apart), for the operator."""
    organizations = {o.key: o for o in plan.organizations}
    accounts: list[DemoAccount] = []
    seen: set[tuple[str, str]] = set()
    for person in plan.people:
        organization = organizations.get(person.organization_key or person.school_key or "")
        if person.admin_role:
            kind, role = ("platform", person.admin_role), AdminRole(person.admin_role).label
        elif person.role and organization is not None:
            kind = (_account_group(organization.org_type), person.role)
            role = Role(person.role).label
        else:
            status = (
                StudentProfile.Status.GRADUATE
                if person.is_graduate
                else StudentProfile.Status.STUDENT
            )
            kind, role = ("student", status.value), status.label
        if kind[0] and kind not in seen:
            seen.add(kind)
            org_type = organization.org_type if organization else None
            accounts.append(
                DemoAccount(
                    person.username,
                    role,
                    organization.name if organization else "—",
                    group=kind[0],
                    totp_secret=demo_totp_secret(person.username)
                    if person_is_privileged(person, org_type)
                    else "",
                )
            )
    return tuple(accounts)


def _account_group(org_type: str) -> str:
    if org_type in SCHOOL_TYPES:
        return "school"
    if org_type in {OrganizationType.GOVERNMENT, OrganizationType.ENTERPRISE}:
        return str(org_type)
    return ""


class _Writer:
    """Applies a plan to the database, counting what it creates, updates and deletes."""

    def __init__(self, scope: DemoScope) -> None:
        self.scope = scope
        self.created = 0
        self.updated = 0
        self.deleted = 0

    def sync_organizations(self, plans: list[OrganizationPlan]) -> dict[str, Organization]:
        existing = {(o.name, o.region_id): o for o in self.scope.organizations()}
        self._release_credit_codes(existing, plans)
        desired = {
            plan.key: (
                (plan.name, plan.region.pk),
                {
                    "name": plan.name,
                    "org_type": plan.org_type,
                    "region_id": plan.region.pk,
                    "credit_code": plan.credit_code,
                    "industry_id": plan.industry.pk if plan.industry else None,
                    "employee_count": plan.employee_count,
                    "is_above_designated_size": plan.is_above_designated_size,
                    "verification_status": (
                        VerificationStatus.VERIFIED
                        if plan.is_verified
                        else VerificationStatus.UNVERIFIED
                    ),
                    "address": plan.address,
                    "description": plan.description,
                    "is_demo": True,
                },
            )
            for plan in plans
        }
        return self._sync(Organization, existing, desired)

    def _release_credit_codes(
        self, existing: dict[tuple[str, int], Organization], plans: list[OrganizationPlan]
    ) -> None:
        """Clear codes the plan gives to another organisation, so no update meets a clash."""
        wanted = {(p.name, p.region.pk): p.credit_code for p in plans}
        reassigned = [
            o.pk
            for key, o in existing.items()
            if o.credit_code in wanted.values() and wanted.get(key) != o.credit_code
        ]
        if reassigned:
            Organization.objects.filter(pk__in=reassigned).update(credit_code=None)
            for organization in existing.values():
                if organization.pk in reassigned:
                    organization.credit_code = None

    def link_named_institutions(
        self, plans: list[OrganizationPlan], organizations: dict[str, Organization]
    ) -> None:
        for plan in plans:
            institution, organization = plan.named_institution, organizations[plan.key]
            if institution is not None and institution.organization_id != organization.pk:
                institution.organization = organization
                institution.save(update_fields=["organization", "updated_at"])

    def sync_users(self, people: list[PersonPlan]) -> dict[str, User]:
        existing = {
            u.username: u
            for u in self.scope.users()
            | User.objects.filter(is_demo=True, username__in=PLATFORM_ACCOUNTS)
        }
        password = _password_hash(u.password for u in existing.values())
        desired = {
            person.username: (
                person.username,
                {
                    "username": person.username,
                    "password": password,
                    "real_name": person.real_name,
                    "phone": person.phone,
                    "id_number": person.id_number,
                    "date_joined": person.date_joined,
                    "is_staff": person.admin_role is not None,
                    "is_superuser": False,
                    "admin_role": person.admin_role or AdminRole.SYSTEM,
                    "is_active": True,
                    "is_demo": True,
                },
            )
            for person in people
        }
        return self._sync(User, existing, desired)

    def sync_memberships(
        self,
        people: list[PersonPlan],
        users: dict[str, User],
        organizations: dict[str, Organization],
    ) -> None:
        existing = {
            (m.user_id, m.organization_id, m.role): m
            for m in Membership.objects.filter(user__in=self.scope.users())
        }
        desired = {}
        for person in people:
            if person.organization_key and person.role:
                user, organization = users[person.username], organizations[person.organization_key]
                key = (user.pk, organization.pk, person.role)
                desired[key] = (
                    key,
                    {
                        "user_id": user.pk,
                        "organization_id": organization.pk,
                        "role": person.role,
                        "is_active": True,
                    },
                )
        self._sync(Membership, existing, desired)
        self._delete_unlisted(existing, desired)

    def sync_school_majors(
        self, plans: list[OrganizationPlan], organizations: dict[str, Organization]
    ) -> None:
        existing = {
            (s.school_id, s.major_id, s.year): s
            for s in SchoolMajor.objects.filter(school__in=self.scope.organizations())
        }
        desired = {}
        for plan in plans:
            school = organizations[plan.key]
            for offering in plan.offerings:
                key = (school.pk, offering.major.pk, offering.year)
                desired[key] = (
                    key,
                    {
                        "school_id": school.pk,
                        "major_id": offering.major.pk,
                        "year": offering.year,
                        "planned_enrollment": offering.planned_enrollment,
                    },
                )
        self._sync(SchoolMajor, existing, desired)
        # The statistics demo adds one major at every school (the 设置雷同 case); keep those.
        kept = set(
            MajorYearStat.objects.filter(is_demo=True, source=SAME_MAJOR_SOURCE).values_list(
                "school_id", "major_id"
            )
        )
        existing = {k: row for k, row in existing.items() if (k[0], k[1]) not in kept}
        self._delete_unlisted(existing, desired)

    def sync_students(
        self,
        people: list[PersonPlan],
        users: dict[str, User],
        organizations: dict[str, Organization],
    ) -> None:
        existing = {
            p.user_id: p for p in StudentProfile.objects.filter(user__in=self.scope.users())
        }
        desired = {}
        for person in people:
            if person.school_key and person.major and person.graduation_year:
                user = users[person.username]
                status = (
                    StudentProfile.Status.GRADUATE
                    if person.is_graduate
                    else StudentProfile.Status.STUDENT
                )
                desired[person.username] = (
                    user.pk,
                    {
                        "user_id": user.pk,
                        "school_id": organizations[person.school_key].pk,
                        "major_id": person.major.pk,
                        "graduation_year": person.graduation_year,
                        "status": status,
                        "skills": person.skills,
                        "is_demo": True,
                    },
                )
        self._sync(StudentProfile, existing, desired)
        stale = set(existing) - {key for key, _ in desired.values()}
        self.deleted += _delete(StudentProfile.objects.filter(user_id__in=stale))

    def sync_listings(
        self,
        plan: DemoPlan,
        locality: Locality,
        seed: int,
        users: dict[str, User],
        organizations: dict[str, Organization],
    ) -> None:
        """Plan the supply and demand items from the written rows and synchronise them."""
        # A generator of its own, so the items never shift a seed's organisations and people.
        rng = random.Random(f"demo-listings-{seed}")
        today = timezone.localdate()
        context = listing_context(plan=plan, locality=locality, today=today)
        plans = listings_plan(context, rng)
        plans += archived_jobs(
            plans, random.Random(f"demo-archive-{seed}"), today=today, kind=ListingKind.JOB
        )
        sync = demo_listings_sync(
            plans=plans,
            organizations=organizations,
            users=users,
            existing=self.scope.listings(),
        )
        self.created += sync.created
        self.updated += sync.updated
        self.deleted += sync.deleted

    def delete_stale(self, users: dict[str, User], organizations: dict[str, Organization]) -> None:
        kept_users = [u.pk for u in users.values()]
        self.deleted += _delete(self.scope.users().exclude(pk__in=kept_users))
        kept_organizations = [o.pk for o in organizations.values()]
        self.deleted += _delete(self.scope.organizations().exclude(pk__in=kept_organizations))

    def _delete_unlisted(
        self, existing: Mapping[Any, models.Model], desired: dict[Any, tuple[Any, dict[str, Any]]]
    ) -> None:
        wanted = {key for key, _ in desired.values()}
        stale = [row.pk for key, row in existing.items() if key not in wanted]
        if stale:
            model = type(next(iter(existing.values())))
            self.deleted += _delete(model._default_manager.filter(pk__in=stale))

    def _sync(
        self,
        model: type[Any],
        existing: dict[Any, Any],
        desired: dict[Any, tuple[Any, dict[str, Any]]],
    ) -> dict[Any, Any]:
        """Create or update rows so each desired (natural key, values) exists; return them."""
        rows: dict[Any, Any] = {}
        to_create, to_update = [], []
        fields: set[str] = set()
        for name, (key, values) in desired.items():
            row = existing.get(key)
            if row is None:
                row = model(**values)
                to_create.append(row)
            else:
                changed = {f for f, v in values.items() if getattr(row, f) != v}
                for field in changed:
                    setattr(row, field, values[field])
                if changed:
                    fields |= changed
                    to_update.append(row)
            rows[name] = row
        model._default_manager.bulk_create(to_create, batch_size=_BATCH)
        if to_update:
            names = {model._meta.get_field(f).name for f in fields}
            if any(f.name == "updated_at" for f in model._meta.concrete_fields):
                now = timezone.now()
                for row in to_update:
                    row.updated_at = now
                names.add("updated_at")
            model._default_manager.bulk_update(to_update, sorted(names), batch_size=_BATCH)
        self.created += len(to_create)
        self.updated += len(to_update)
        return rows


def _password_hash(existing: Iterable[str]) -> str:
    """Reuse the demo accounts' current hash when it is still the demo password's."""
    common = Counter(existing).most_common(1)
    if common and check_password(DEMO_PASSWORD, common[0][0]):
        return common[0][0]
    return make_password(DEMO_PASSWORD)
