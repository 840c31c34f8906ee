"""Reads the demonstration-data generator needs."""

from chanjiao.common.exceptions import NotFoundError
from chanjiao.localities.models import Locality
from chanjiao.localities.selectors import locality_find


def demo_locality_get(*, name: str) -> Locality:
    """Return the locality with this name (or region code), or say which localities exist."""
    try:
        return locality_find(name)
    except NotFoundError:
        pass
    available = list(
        Locality.objects.order_by("region__code", "name").values_list("name", flat=True)
    )
    if not available:
        raise NotFoundError("尚未导入任何地区配置，请先运行 chanjiao load_localities。")
    names = "、".join(available)
    raise NotFoundError(
        f"未找到地区“{name}”。可用的地区：{names}。", extra={"available": available}
    )


def demo_localities_all() -> list[Locality]:
    """Every locality, in region-code order; say how to load them when there are none."""
    localities = list(Locality.objects.select_related("region").order_by("region__code", "name"))
    if not localities:
        raise NotFoundError("尚未导入任何地区配置，请先运行 chanjiao load_localities。")
    return localities
