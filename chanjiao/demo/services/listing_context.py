"""What planning the demonstration items reads, and the shape of one planned item."""

import random
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, TypeVar

from chanjiao.accounts.models import Role
from chanjiao.catalogs.models import (
    Industry,
    LinkEvidence,
    Major,
    MajorLevel,
    MajorOccupationLink,
    Occupation,
    Region,
)
from chanjiao.demo.services.context import SCHOOL_LEVELS, DemoPlan, OrganizationPlan, PersonPlan
from chanjiao.demo.services.listing_timeline import Timeline, statuses_for, timeline
from chanjiao.demo.services.majors import area_industries
from chanjiao.demo.services.occupation_match import occupation_matcher
from chanjiao.demo.services.samples import Posting, job_postings, place_short_names
from chanjiao.demo.services.scope import locality_short_name
from chanjiao.listings.kinds import Education, ListingKind
from chanjiao.localities.models import Locality
from chanjiao.organizations.models import SCHOOL_TYPES

T = TypeVar("T")

# The 政府管理员 who reviews each kind: 人社 jobs and training, 发改 research, 教育 the rest.
_REVIEWING_OFFICE: dict[str, str] = {
    ListingKind.JOB: "gov_rsj",
    ListingKind.INTERNSHIP: "gov_rsj",
    ListingKind.JOBSEEKER: "gov_rsj",
    ListingKind.TRAINING: "gov_rsj",
    ListingKind.RND: "gov_fgw",
}
_EDUCATION_LEVELS: dict[str, set[MajorLevel]] = {
    Education.SECONDARY: {MajorLevel.SECONDARY},
    Education.ASSOCIATE: {MajorLevel.HIGHER},
    Education.BACHELOR: {MajorLevel.BACHELOR_VOCATIONAL, MajorLevel.UNDERGRADUATE},
}
LEVEL_EDUCATION = {
    MajorLevel.SECONDARY: Education.SECONDARY,
    MajorLevel.HIGHER: Education.ASSOCIATE,
    MajorLevel.BACHELOR_VOCATIONAL: Education.BACHELOR,
    MajorLevel.UNDERGRADUATE: Education.BACHELOR,
}
_MAX_MAJORS = 3
# Characters too general to be the head of a key industry's name (产业, 服务).
_GENERIC_CHARACTERS = frozenset("业类品务术技理管工程制造加生产服设备其他未列明用与和及或的等")
# Two-character words too general to tie a major to an occupation or an industry.
# fmt: off
_GENERIC_TERMS = frozenset({
    "制造", "加工", "生产", "服务", "技术", "管理", "工程", "设备", "产品", "其他", "专用", "相关",
    "应用", "开发", "专业", "人员", "未列", "列明", "活动", "经营", "现代", "智能", "处理", "综合",
    "利用",
})
# fmt: on


@dataclass
class ListingPlan:
    """One item: what its form would receive, and where it stands in the workflow."""

    kind: str
    number: int
    organization_key: str | None
    author: str
    data: dict[str, Any]
    timeline: Timeline
    reviewer: str | None = None
    # An earlier year's post (plan_listing_archive): demo-job-2024-3 rather than demo-job-3.
    archive_year: int | None = None

    @property
    def external_id(self) -> str:
        if self.archive_year is not None:
            return f"demo-{self.kind}-{self.archive_year}-{self.number}"
        return f"demo-{self.kind}-{self.number}"


@dataclass
class Draft:
    """An item before its status: the publisher (an organisation key or a person) and input."""

    organization: OrganizationPlan | None
    data: dict[str, Any]
    person: PersonPlan | None = None


@dataclass
class ListingContext:
    """The planned organisations and people, and the catalogue and sample facts items use."""

    today: date
    locality: Locality
    organizations: list[OrganizationPlan]
    people: list[PersonPlan]
    postings: list[tuple[Posting, Occupation]]
    occupation_majors: dict[int, list[Major]]
    major_occupations: dict[int, list[Occupation]]
    authors: dict[str, PersonPlan]
    reviewers: dict[str, str]
    # Words of each key-industry 小类 beyond its name (茶 for 精制茶加工, of 六堡茶).
    key_words: dict[str, set[str]] = field(default_factory=dict)
    # Occupations of each enterprise's planned jobs, filled while the jobs are planned; those of
    # its own trade (the posting category of its industry) come first.
    hiring: dict[str, list[Occupation]] = field(default_factory=dict)

    def of_types(self, types: Iterable[str]) -> list[OrganizationPlan]:
        wanted = set(types)
        return [o for o in self.organizations if o.org_type in wanted]

    def contact(self, organization: OrganizationPlan) -> dict[str, str]:
        """The item's contact: the member of staff who writes it."""
        author = self.authors[organization.key]
        return {"contact_name": author.real_name, "contact_phone": author.phone}

    def majors_for(self, occupation: Occupation, education: str = "") -> list[Major]:
        """Majors the locality's schools teach for the occupation, at the education's level."""
        majors = self.occupation_majors.get(occupation.pk, [])
        levels = _EDUCATION_LEVELS.get(education)
        fitting = [m for m in majors if levels is None or m.level in levels]
        return (fitting or majors)[:_MAX_MAJORS]

    def industry_majors(self, organization: OrganizationPlan) -> list[Major]:
        """Majors the locality teaches whose name shares a term with the organisation's industry."""
        industry = organization.industry
        if industry is None:
            return []
        terms = name_terms(industry.name) | self.key_words.get(industry.code, set())
        offered = {o.major.pk: o.major for s in self.organizations for o in s.offerings}
        return sorted(
            (m for m in offered.values() if any(t in m.name for t in terms)), key=lambda m: m.code
        )

    def enterprise_majors(self, organization: OrganizationPlan) -> list[Major]:
        """Majors of the enterprise's industry, then those its jobs' occupations are taught in."""
        counts: Counter[int] = Counter()
        majors: dict[int, Major] = {}
        for occupation in self.hiring.get(organization.key, []):
            for major in self.majors_for(occupation):
                counts[major.pk] += 1
                majors[major.pk] = major
        ranked = sorted(majors.values(), key=lambda m: (-counts[m.pk], m.code))
        first = self.industry_majors(organization)
        return first + [m for m in ranked if m not in first]


def listing_context(*, plan: DemoPlan, locality: Locality, today: date) -> ListingContext:
    """Read what planning the items needs: postings with their occupations, major links, staff."""
    places = place_short_names(list(Region.objects.order_by("code").values_list("name", flat=True)))
    matcher = occupation_matcher()
    postings = [
        (posting, occupation)
        for posting in job_postings(place_names=places)
        if posting.education not in (Education.MASTER, Education.DOCTORATE)
        and (occupation := matcher.match(posting.title)) is not None
    ]
    offered = {o.major.pk for organization in plan.organizations for o in organization.offerings}
    occupation_majors, major_occupations = _links(offered)
    return ListingContext(
        today=today,
        locality=locality,
        organizations=plan.organizations,
        people=plan.people,
        postings=postings,
        occupation_majors=occupation_majors,
        major_occupations=major_occupations,
        authors=_authors(plan.people),
        reviewers={
            p.organization_key: p.username
            for p in plan.people
            if p.role == Role.GOV_ADMIN and p.organization_key
        },
        key_words=_key_words(locality),
    )


def _key_words(locality: Locality) -> dict[str, set[str]]:
    """The head character of a short key-industry label, for each 小类 naming it (茶, 精制茶加工).

    A short Chinese compound ends in its head noun (六堡茶 → 茶, 康养 → 养); the character is a
    word of those of the key industry's 小类 whose names contain it.
    """
    every = list(Industry.objects.filter(is_active=True).order_by("code"))
    words: dict[str, set[str]] = {}
    for key in locality.key_industries.order_by("pk").prefetch_related("industries"):
        label = re.sub("(产业|行业|经济)$", "", key.label)
        head = label[-1:]
        if not 2 <= len(label) <= 3 or head in _GENERIC_CHARACTERS:
            continue
        for industry in key.industries.all():
            for leaf in area_industries(industry, every):
                if head in leaf.name:
                    words.setdefault(leaf.code, set()).add(head)
    return words


def _links(offered: set[int]) -> tuple[dict[int, list[Major]], dict[int, list[Occupation]]]:
    """Teaching-standard links of the offered majors, both ways.

    Only strong links count: a 细类 code the standard prints, not one expanded from a 小类 code.
    An occupation's majors come most fitting first: those whose name shares a word with the
    occupation's (营销员 → 市场营销), then those preparing for the fewest occupations.
    """
    occupation_majors: dict[int, list[Major]] = {}
    major_occupations: dict[int, list[Occupation]] = {}
    links = (
        MajorOccupationLink.objects.filter(
            major_id__in=offered,
            evidence_type=LinkEvidence.TEACHING_STANDARD,
            is_active=True,
            is_expanded_from_minor_group=False,
            occupation__is_active=True,
        )
        .select_related("major", "occupation")
        .order_by("major__code", "occupation__code")
    )
    names: dict[int, str] = {}
    for link in links:
        occupation_majors.setdefault(link.occupation_id, []).append(link.major)
        major_occupations.setdefault(link.major_id, []).append(link.occupation)
        names[link.occupation_id] = link.occupation.name
    for occupation_id, majors in occupation_majors.items():
        terms = name_terms(names[occupation_id])
        majors.sort(
            key=lambda m: (not terms & name_terms(m.name), len(major_occupations[m.pk]), m.code)
        )
    return occupation_majors, major_occupations


def name_terms(name: str) -> set[str]:
    """The two-character words of a name that say something (精制茶加工 → 精制, 制茶, 茶加)."""
    return {name[i : i + 2] for i in range(len(name) - 1)} - _GENERIC_TERMS


def _authors(people: list[PersonPlan]) -> dict[str, PersonPlan]:
    """Each organisation's 信息员, or its 机构管理员 where it has none."""
    authors: dict[str, PersonPlan] = {}
    for person in people:
        key = person.organization_key
        may_write = person.role in (Role.INFO_OFFICER, Role.ORG_ADMIN)
        if key and may_write and (key not in authors or person.role == Role.INFO_OFFICER):
            authors[key] = person
    return authors


def finish(
    context: ListingContext,
    rng: random.Random,
    kind: str,
    drafts: list[Draft],
    *,
    expired: int = 0,
) -> list[ListingPlan]:
    """Give the drafts of one kind their statuses, times, validity dates and numbers."""
    verified = [d.organization is None or d.organization.is_verified for d in drafts]
    statuses = statuses_for(rng, verified, expired=expired)
    reviewer = context.reviewers.get(_REVIEWING_OFFICE.get(kind, "gov_jyj")) or next(
        iter(sorted(context.reviewers.values())), None
    )
    plans = []
    for number, (draft, status) in enumerate(zip(drafts, statuses, strict=True), start=1):
        steps = timeline(rng, status, context.today)
        data = {**draft.data, "valid_from": steps.valid_from, "valid_until": steps.valid_until}
        organization = draft.organization
        author = draft.person or context.authors[organization.key if organization else ""]
        plans.append(
            ListingPlan(
                kind=kind,
                number=number,
                organization_key=organization.key if organization else None,
                author=author.username,
                data=data,
                timeline=steps,
                reviewer=reviewer if steps.is_reviewed else None,
            )
        )
    return plans


def graduating_year(today: date) -> int:
    """The year of the next graduation (in June)."""
    return today.year if today.month < 7 else today.year + 1


def place(context: ListingContext, region: Region) -> str:
    """The region's name as a local reader writes it (梧州市万秀区)."""
    if region.pk == context.locality.region.pk:
        return context.locality.name
    return f"{context.locality.name}{region.name}"


def pick(rng: random.Random, items: list[T], low: int, high: int) -> list[T]:
    """A random ``low``–``high`` of the items (all of them if there are fewer)."""
    return rng.sample(items, min(len(items), rng.randint(low, high)))


def schools(context: ListingContext) -> list[OrganizationPlan]:
    """The schools that teach majors."""
    return [o for o in context.of_types(SCHOOL_TYPES) if o.offerings]


def latest_majors(school: OrganizationPlan) -> list[Major]:
    """The majors the school enrols in its latest plan year, largest first."""
    latest = max(o.year for o in school.offerings)
    offerings = sorted(
        (o for o in school.offerings if o.year == latest),
        key=lambda o: (-o.planned_enrollment, o.major.code),
    )
    return [o.major for o in offerings]


def codes(majors: list[Major]) -> list[str]:
    """The codes of the first three majors (an item names a few, not every one)."""
    return [m.code for m in majors[:_MAX_MAJORS]]


def trade(occupation: Occupation) -> str:
    """An occupation as a trade (会计专业人员 → 会计, 计算机软件工程技术人员 → 计算机软件)."""
    return re.sub("(工程技术人员|专业人员|人员)$", "", occupation.name) or occupation.name


def short_name(organization: OrganizationPlan, locality: Locality) -> str:
    """An enterprise's name without the city and 有限公司 (梧州俊桃慧家政有限公司 → 俊桃慧家政)."""
    name = re.sub(r"(股份)?有限(责任)?公司$", "", organization.name)
    return name.removeprefix(locality_short_name(locality.name)) or organization.name


def school_education(organization: OrganizationPlan) -> str:
    """The education a school's graduates leave with."""
    return LEVEL_EDUCATION[SCHOOL_LEVELS[organization.org_type]].value


def after(day: date, rng: random.Random, low: int, high: int) -> date:
    """A day ``low``–``high`` days after ``day``."""
    return day + timedelta(days=rng.randint(low, high))
