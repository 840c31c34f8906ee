from collections import Counter

import pytest
from django.core.management import call_command

from chanjiao.catalogs.loading import catalogs_load
from chanjiao.catalogs.models import (
    CatalogLoad,
    Industry,
    Major,
    MajorOccupationLink,
    MajorProfile,
    Occupation,
    Region,
)

pytestmark = pytest.mark.django_db


def test_loads_the_source_files_counts(catalogs):
    vocational = Major.objects.filter(system="vocational", catalog_version="2021")
    assert vocational.count() == 1349
    assert Counter(vocational.values_list("level", flat=True)) == {
        "中职": 358,
        "高职专科": 744,
        "职业本科": 247,
    }
    assert Major.objects.filter(catalog_version="2025增补").count() == 46
    assert Major.objects.filter(system="undergraduate").count() == 883
    assert Industry.objects.count() == 1971
    assert Counter(Industry.objects.values_list("level", flat=True)) == {
        "门类": 20,
        "大类": 97,
        "中类": 473,
        "小类": 1381,
    }
    assert Region.objects.count() == 31 + 342 + 2978
    assert MajorOccupationLink.objects.count() == 4628
    # 2,055 rows, 4 of them repeated codes, plus 3 细类 cited by teaching standards only.
    assert Occupation.objects.count() == 2054
    # 专业简介 2022: 1,256 majors of the 2021 vocational catalogue, 80 with a truncated text.
    assert MajorProfile.objects.count() == 1256
    assert MajorProfile.objects.filter(is_truncated=True).count() == 80


def test_links_hierarchies_by_code(catalogs):
    assert Region.objects.get(code="450403").parent.code == "4504"
    assert Region.objects.get(code="4504").parent.name == "广西壮族自治区"
    assert Industry.objects.get(code="1530").parent.code == "153"
    assert Industry.objects.get(code="01").parent.code == "A"
    cnc = Major.objects.get(system="vocational", catalog_version="2021", code="460103")
    assert (cnc.category.code, cnc.major_class.code) == ("46", "4601")
    assert Occupation.objects.get(code="6-18-01-01").parent.code == "6-18-01-00"


def test_is_idempotent_and_keeps_internal_ids(catalogs):
    before = dict(Major.objects.values_list("code", "pk"))
    results = catalogs_load()
    assert all(r.counts.created == r.counts.updated == r.counts.retired == 0 for r in results)
    assert dict(Major.objects.values_list("code", "pk")) == before


def test_retires_rows_missing_from_a_new_file_instead_of_deleting(catalogs):
    stale = Industry.objects.create(
        code="9999",
        name="已撤销的行业",
        level="小类",
        section="T",
        catalog_version="GB/T 4754-2017",
        source="国家统计局",
    )
    catalogs_load()
    stale.refresh_from_db()
    assert stale.is_active is False
    assert Industry.objects.filter(code="9999").exists()


def test_command_prints_counts_per_catalogue(catalogs, capsys):
    call_command("load_catalogs", verbosity=0)
    out = capsys.readouterr().out
    assert (
        "国民经济行业分类 GB/T 4754-2017：读取 1971 行，现有 1971 条（新增 0，更新 0，停用 0）"
        in out
    )
    assert "专业—职业对应（专业教学标准）：读取 4628 行，现有 4628 条" in out
    assert CatalogLoad.objects.filter(catalog="industries").count() >= 1
