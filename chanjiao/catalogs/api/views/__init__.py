"""Public read-only endpoints of the national catalogues (anyone may read; nobody may write)."""

from chanjiao.catalogs.api.views.classifications import (
    IndustryDetailApi,
    IndustryListApi,
    OccupationDetailApi,
    OccupationListApi,
)
from chanjiao.catalogs.api.views.majors import (
    MajorDetailApi,
    MajorGroupDetailApi,
    MajorGroupListApi,
    MajorListApi,
)
from chanjiao.catalogs.api.views.regions import (
    MajorOccupationLinkListApi,
    RegionDetailApi,
    RegionListApi,
)

__all__ = [
    "IndustryDetailApi",
    "IndustryListApi",
    "MajorDetailApi",
    "MajorGroupDetailApi",
    "MajorGroupListApi",
    "MajorListApi",
    "MajorOccupationLinkListApi",
    "OccupationDetailApi",
    "OccupationListApi",
    "RegionDetailApi",
    "RegionListApi",
]
