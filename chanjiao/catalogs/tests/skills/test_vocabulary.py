"""The skill vocabulary: built from the catalogues, synonyms, generic words never a skill."""

import pytest

from chanjiao.catalogs.models import Major
from chanjiao.catalogs.skills import (
    skill_canonical,
    skill_vocabulary,
    skill_vocabulary_forget,
    skills_extract,
    skills_for_major,
)


@pytest.fixture(autouse=True)
def _fresh_vocabulary(catalogs):
    skill_vocabulary_forget()
    yield
    skill_vocabulary_forget()


def test_vocabulary_is_built_from_every_source():
    vocabulary = skill_vocabulary()

    sources = {s for found in vocabulary.sources.values() for s in found}
    assert {"能力要求", "课程", "证书", "主要工作任务", "岗位分类", "同义词表"} <= sources
    assert len(vocabulary) > 10_000


def test_synonyms_map_to_one_canonical_name_whatever_the_width_and_case():
    assert skill_canonical("可编程控制器") == "PLC"
    assert skill_canonical("ＰＬＣ") == "PLC"
    assert skill_canonical("plc") == "PLC"
    assert skill_canonical("电商") == "电子商务"
    assert skill_canonical("数控加工编程") == "数控编程"

    found = skills_extract("熟悉可编程控制器与ＰＬＣ编程，会电商运营")

    assert found.count("PLC") == 1
    assert "电子商务" in found


def test_generic_words_and_fragments_are_never_skills():
    text = "应届毕业生优先，专业不限，技术过硬，沟通能力强，负责管理工作，业生，毕业"

    found = skills_extract(text)

    for generic in ("毕业生", "专业", "业生", "毕业", "技术", "能力", "管理", "工作", "沟通"):
        assert generic not in found
        assert skill_canonical(generic) is None


def test_latin_terms_match_only_as_whole_words():
    assert "PS" not in skills_extract("https://example.com")
    assert "Photoshop" in skills_extract("会用 PS 修图")


def test_major_skills_come_from_its_profile():
    major = Major.objects.get(system="vocational", catalog_version="2021", code="490207")

    skills = skills_for_major(major)

    assert "PLC" in skills  # 电气控制与可编程控制器 / PLC in its courses
    assert "GMP" in skills
    assert not {"毕业生", "专业", "技术"} & set(skills)
