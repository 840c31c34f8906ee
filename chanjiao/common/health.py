"""`GET /healthz`: is this instance up, can it reach its databases, and which one serves reads.

For load balancers and operators (docs/deploy: the multi-node topology). Anonymous, no personal
data, never cached.
"""

from django.db import connections
from django.db.utils import DatabaseError
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from chanjiao.common.replica import read_alias


def _in_recovery(alias: str) -> bool | None:
    """True on a standby, False on a primary, None when unreachable."""
    connection = connections[alias]
    try:
        with connection.cursor() as cursor:
            if connection.vendor != "postgresql":
                cursor.execute("SELECT 1")
                return False
            cursor.execute("SELECT pg_is_in_recovery()")
            return bool(cursor.fetchone()[0])
    except DatabaseError:
        return None


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    reads = read_alias()
    primary = _in_recovery("default")
    read_standby = primary if reads == "default" else _in_recovery(reads)
    healthy = primary is False and read_standby is not None
    return JsonResponse(
        {
            "status": "ok" if healthy else "degraded",
            "primary": "ok" if primary is False else "unreachable",
            "reads_from": reads,
            "read_database_is_standby": read_standby,
        },
        status=200 if healthy else 503,
    )
