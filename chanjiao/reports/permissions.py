"""Who may read which report version.

The public version of every report is open to everybody, anonymous visitors included. The
internal version (all counts, schools under warning by name) is for the locality's government
officers (政府管理员 / 审核员 of a government body whose region contains the locality) and staff.
"""

from django.contrib.auth.models import AnonymousUser

from chanjiao.accounts.models import User
from chanjiao.localities.models import Locality
from chanjiao.localities.permissions import user_is_locality_officer


def user_can_read_internal_reports(user: User | AnonymousUser, locality: Locality) -> bool:
    """Tell whether the user may read the locality's internal reports and dashboard."""
    return user_is_locality_officer(user, locality)
