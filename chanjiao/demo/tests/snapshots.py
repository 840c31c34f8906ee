"""Everything the generator writes, as sorted tuples, to compare two runs."""

from chanjiao.accounts.models import Membership, User
from chanjiao.organizations.models import Organization, SchoolMajor
from chanjiao.students.models import StudentProfile


def demo_snapshot() -> dict[str, list[tuple]]:
    return {
        "organizations": sorted(
            Organization.objects.filter(is_demo=True).values_list(
                "name", "org_type", "region__code", "credit_code", "industry__code",
                "employee_count", "is_above_designated_size", "is_verified", "address",
            )
        ),
        "users": sorted(
            User.objects.filter(is_demo=True).values_list(
                "username", "real_name", "phone", "id_number", "date_joined", "is_superuser"
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
                "user__username", "school__name", "major__code", "graduation_year", "status",
                "skills",
            )
        ),
    }
