"""The shipped profiles say only what the documents say: every quote, label and name is in
the document's text, and every number is in the sentence quoted for it, under its clause."""

import json
import re

import pytest

from chanjiao.localities.selectors import DOCUMENTS_DIR
from chanjiao.localities.services import DEFAULT_DATA_FILE
from chanjiao.localities.tests.clauses import clause_at

SHIPPED = json.loads(DEFAULT_DATA_FILE.read_text(encoding="utf-8"))["localities"]
# 普陀 restarts its numbering in each section, so its clauses read 二（二）4 or 三2.
WITH_SECTION = {"普陀区"}
CHINESE_DIGITS = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 10: "十"}


def _document(locality):
    return (DOCUMENTS_DIR / locality["source_file"]).read_text(encoding="utf-8")


def _full_width(text):
    return text.replace("(", "（").replace(")", "）")


def _entries(kind):
    return [
        pytest.param(
            locality,
            entry,
            id=f"{locality['name']}-{entry.get('key') or entry.get('label') or entry['name']}",
        )
        for locality in SHIPPED
        for entry in locality[kind]
    ]


def test_ships_five_localities_each_with_its_document():
    assert [loc["name"] for loc in SHIPPED] == ["北京市", "梧州市", "五华区", "普陀区", "双鸭山市"]
    assert all((DOCUMENTS_DIR / loc["source_file"]).is_file() for loc in SHIPPED)


@pytest.mark.parametrize(("locality", "parameter"), _entries("parameters"))
def test_each_parameter_quotes_its_document_under_its_clause(locality, parameter):
    text = _document(locality)

    position = text.find(parameter["quote"])

    assert position >= 0, "原文摘录必须逐字出自文件"
    found = clause_at(text, position, with_section=locality["name"] in WITH_SECTION)
    assert found in re.split("[、，]", parameter["clause"])


@pytest.mark.parametrize(("locality", "parameter"), _entries("parameters"))
def test_each_number_appears_in_its_quote(locality, parameter):
    for number in (parameter["value"], parameter["value_max"]):
        if number is None:
            continue
        written = {str(number), CHINESE_DIGITS.get(number, str(number))}
        assert any(form in parameter["quote"] for form in written), number


@pytest.mark.parametrize(("locality", "key_industry"), _entries("key_industries"))
def test_each_key_industry_is_named_in_its_document(locality, key_industry):
    assert key_industry["label"] in _document(locality)


@pytest.mark.parametrize(("locality", "institution"), _entries("institutions"))
def test_each_institution_is_named_in_its_document(locality, institution):
    text = _full_width(_document(locality))
    name = institution["name"]
    # The documents say 市技师学院 / 区职业教育联盟 for their own city's or district's.
    as_written = {name, name.replace(locality["name"], locality["name"][-1], 1)}

    assert any(form in text for form in as_written)
