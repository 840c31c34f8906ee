"""Valid input for every kind, and helpers that walk an item through the workflow via services."""

import datetime
from typing import Any

from django.utils import timezone

from chanjiao.accounts.models import Role
from chanjiao.accounts.tests.factories import MembershipFactory, UserFactory
from chanjiao.listings import services
from chanjiao.listings.kinds import kind_spec
from chanjiao.listings.models import Listing
from chanjiao.listings.validation import listing_values_clean


def _dates() -> dict[str, str]:
    today = timezone.localdate()
    return {
        "valid_from": (today - datetime.timedelta(days=1)).isoformat(),
        "valid_until": (today + datetime.timedelta(days=60)).isoformat(),
    }


def valid_input(kind: str) -> dict[str, Any]:
    """Return form input that passes validation for one kind (real catalogue codes)."""
    base = {"title": f"测试{kind_spec(kind).label}", "region_code": "450403", **_dates()}
    today = timezone.localdate()
    extra: dict[str, dict[str, Any]] = {
        "job": {
            "title": "数控车工",
            "occupation_code": "6-18-01-01",
            "education": "associate",
            "salary_min": 4500,
            "salary_max": 7000,
            "quantity": 5,
            "skills": "数控编程、CAD",
            "contact_name": "李经理",
            "contact_phone": "13912345678",
            "employment_type": "full_time",
            "description": "负责数控车床操作。",
        },
        "internship": {
            "title": "茶叶加工实习生",
            "major_codes": "410107",
            "quantity": 10,
            "period_start": (today + datetime.timedelta(days=70)).isoformat(),
            "period_end": (today + datetime.timedelta(days=160)).isoformat(),
            "monthly_pay": 2000,
            "accommodation": "是",
            "insurance": "是",
        },
        "cooperation": {
            "direction": "demand",
            "cooperation_type": "order_training",
            "major_codes": "460103",
        },
        "rnd": {"direction": "demand", "technical_field": "茶叶深加工", "budget_wan": "30"},
        "tech_service": {"service_type": "testing", "equipment": "气相色谱仪"},
        "training": {"direction": "supply", "training_form": "course", "hours": 40, "fee": 0},
        "graduates": {
            "major_codes": "460103",
            "education": "associate",
            "quantity": 120,
            "graduation_year": today.year + 1,
            "availability": "available",
        },
        "jobseeker": {
            "title": "求职：数控车工",
            "major_codes": "460103",
            "education": "associate",
            "occupation_code": "6-18-01-01",
            "graduation_year": today.year,
            "resume": "2023—2026 梧州职业学院 数控技术专业；电话 13700001111。",
            "skills": "数控车床、CAD",
        },
        "mentor": {"direction": "supply", "expertise": "六堡茶制作技艺", "years_experience": 20},
        "training_base": {
            "major_codes": "410107",
            "quantity": 60,
            "equipment": "揉捻机、渥堆发酵车间",
            "base_type": "joint",
        },
    }
    return {**base, **extra[kind]}


def reviewer_for(government: Any, username: str = "reviewer") -> Any:
    """Return a 审核员 of a government body."""
    user = UserFactory(username=username, real_name="审核员")
    MembershipFactory(user=user, organization=government, role=Role.REVIEWER)
    return user


def listing_make(
    *,
    kind: str,
    author: Any,
    organization: Any = None,
    reviewer: Any = None,
    overrides: dict[str, Any] | None = None,
) -> Listing:
    """Create an item through the services; submit and approve it when a reviewer is given."""
    spec = kind_spec(kind)
    values = listing_values_clean(spec, {**valid_input(kind), **(overrides or {})})
    listing = services.listing_create(
        actor=author, spec=spec, organization=organization, values=values
    )
    if reviewer is not None:
        services.listing_submit(actor=author, listing=listing)
        services.listing_approve(actor=reviewer, listing=listing)
    listing.refresh_from_db()
    return listing
