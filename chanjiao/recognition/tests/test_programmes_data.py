"""The shipped programmes: quotes verbatim in their documents, loading idempotent, errors named by
path, and a new programme added by a file alone."""

import json

import pytest

from chanjiao.audit.models import AuditEvent
from chanjiao.localities.models import Locality
from chanjiao.localities.selectors import DOCUMENTS_DIR
from chanjiao.recognition.models import Condition, Programme
from chanjiao.recognition.services import (
    ProgrammeDataError,
    programmes_load,
    programmes_load_default,
)
from chanjiao.recognition.services.loading import DEFAULT_DATA_FILE

DATA = json.loads(DEFAULT_DATA_FILE.read_text(encoding="utf-8"))
NATIONAL = "590号"


def _document(locality_name: str) -> str:
    files = {
        "北京市": "000",
        "梧州市": "001",
        "五华区": "002",
        "普陀区": "003",
        "双鸭山市": "004",
    }
    (path,) = DOCUMENTS_DIR.glob(files[locality_name] + "_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("entry", DATA["programmes"], ids=lambda e: f"{e['locality']}-{e['key']}")
def test_quotes_occur_verbatim_in_the_locality_document(entry):
    text = _document(entry["locality"])
    for condition in entry["conditions"]:
        if NATIONAL in condition["source"]:
            assert condition["is_verified"] is False
            continue
        assert condition["quote"], condition["key"]
        assert condition["quote"] in text, condition["key"]
        assert condition["is_verified"] is True
    rule = entry["credit_rule"]
    if rule:
        assert rule["quote"] in text
        assert "30%" in rule["quote"]
        assert rule["share"] == 30


def test_every_locality_has_a_programme():
    assert {e["locality"] for e in DATA["programmes"]} == {
        "北京市",
        "梧州市",
        "五华区",
        "普陀区",
        "双鸭山市",
    }


@pytest.mark.django_db
def test_loading_twice_changes_nothing(loaded):
    programmes = Programme.objects.count()
    conditions = Condition.objects.count()
    events = AuditEvent.objects.filter(action="programme.load").count()

    programmes_load_default()

    assert Programme.objects.count() == programmes == len(DATA["programmes"])
    assert Condition.objects.count() == conditions
    assert AuditEvent.objects.filter(action="programme.load").count() == events


@pytest.mark.django_db
def test_a_new_programme_needs_only_a_file(loaded, api_client):
    entry = {
        **DATA["programmes"][3],
        "key": "industry-college",
        "name": "梧州市产业学院",
        "kind": "industry_college",
        "credit_rule": {},
    }

    programmes_load(data={"version": 1, "programmes": [entry]}, actor=None)

    wuzhou = Locality.objects.get(name="梧州市")
    body = api_client.get("/api/v1/recognition/programmes/", {"locality": wuzhou.pk}).json()
    assert "梧州市产业学院" in [p["name"] for p in body["results"]]


@pytest.mark.django_db
def test_errors_name_their_path_and_nothing_is_written(loaded):
    good = DATA["programmes"][0]
    bad_condition = {**good["conditions"][0], "evidence": "rumour"}
    data = {
        "version": 1,
        "programmes": [
            {**good, "key": "new-one"},
            {**good, "key": "other", "locality": "火星市", "conditions": [bad_condition]},
            {**good, "key": "third", "validity_years": True},
        ],
    }
    before = Programme.objects.count()

    with pytest.raises(ProgrammeDataError) as caught:
        programmes_load(data=data, actor=None)

    assert "programmes[1].locality: 地区“火星市”不存在" in caught.value.errors
    assert "programmes[1].conditions[0].evidence: 未知证据来源 'rumour'" in caught.value.errors
    assert "programmes[2].validity_years: 类型不对" in caught.value.errors
    assert Programme.objects.count() == before


@pytest.mark.django_db
def test_only_staff_load_programmes(loaded, outsider):
    with pytest.raises(Exception, match="只有平台管理员"):
        programmes_load(data=DATA, actor=outsider)
    assert AuditEvent.objects.filter(action="programme.load", result="denied").count() == 1
