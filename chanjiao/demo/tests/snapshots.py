"""Everything the generator writes, as sorted tuples, to compare two runs."""

from chanjiao.accounts.models import Membership, User
from chanjiao.listings.models import Listing
from chanjiao.organizations.models import Organization, SchoolMajor
from chanjiao.students.models import StudentProfile


def demo_snapshot() -> dict[str, list[tuple]]:
    return {
        "organizations": sorted(
            Organization.objects.filter(is_demo=True).values_list(
                "name",
                "org_type",
                "region__code",
                "credit_code",
                "industry__code",
                "employee_count",
                "is_above_designated_size",
                "verification_status",
                "address",
            )
        ),
        "users": sorted(
            User.objects.filter(is_demo=True).values_list(
                "username", "real_name", "phone", "id_number", "date_joined", "admin_role"
            )
        ),
        "memberships": sorted(
            Membership.objects.filter(user__is_demo=True).values_list(
                "user__username", "organization__name", "role"
            )
        ),
        "school_majors": sorted(
            SchoolMajor.objects.filter(school__is_demo=True).values_list(
                "school__name", "major__code", "year", "planned_enrollment"
            )
        ),
        "students": sorted(
            StudentProfile.objects.filter(is_demo=True).values_list(
                "user__username",
                "school__name",
                "major__code",
                "graduation_year",
                "status",
                "skills",
            )
        ),
        "listings": _listings(),
    }


def _listings() -> list[tuple]:
    majors: dict[int, list[str]] = {}
    for listing_id, code in Listing.majors.through.objects.filter(
        listing__is_demo=True
    ).values_list("listing_id", "major__code"):
        majors.setdefault(listing_id, []).append(code)
    rows = Listing.objects.filter(is_demo=True).values_list(
        "pk",
        "kind",
        "external_id",
        "organization__name",
        "author__username",
        "title",
        "status",
        "region__code",
        "occupation__code",
        "industry__code",
        "salary_min",
        "salary_max",
        "quantity",
        "skills",
        "valid_from",
        "valid_until",
        "details",
        "created_at",
        "submitted_at",
        "published_at",
        "reviewed_by__username",
    )
    return sorted((*row[1:], tuple(sorted(majors.get(row[0], [])))) for row in rows)
