"""Which region a request is about, and whether its figures may be published."""

from typing import Any

from chanjiao.catalogs.models import Region
from chanjiao.common.exceptions import ApplicationError, NotFoundError
from chanjiao.localities.models import Locality


def region_resolve(region: Any) -> Region:
    """Return the Region of a Locality, a Region, or a region code."""
    if isinstance(region, Region):
        return region
    if isinstance(region, Locality):
        return region.region
    if isinstance(region, str) and region:
        found = Region.objects.filter(code=region).order_by("-is_active").first()
        if found is None:
            raise NotFoundError(f"地区代码 {region} 不存在。", {"field": "region"})
        return found
    raise ApplicationError("请指定地区（region，行政区划代码）。", {"field": "region"})


def public_region_codes() -> list[str]:
    """Return the region codes whose figures are published: configured localities, outermost.

    A locality inside another configured locality is left out, so that a public table of the
    outer region minus the public tables of the inner one never reveals a hidden cell.
    """
    codes = sorted(set(Locality.objects.values_list("region__code", flat=True)))
    return [c for c in codes if not any(c != o and c.startswith(o) for o in codes)]


def public_region_check(region: Region) -> None:
    """Refuse a public table for a region that is not published on its own."""
    if region.code not in public_region_codes():
        raise ApplicationError(
            f"{region.name}（{region.code}）不单独公开发布统计数据：公开数据只按已配置的地区发布，"
            "其他地区的数据请由本地区政府管理员登录后查看。",
            {"field": "region"},
        )
