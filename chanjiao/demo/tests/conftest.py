"""梧州市 as the locality profile would describe it: two key industries, two named schools."""

import pytest

from chanjiao.demo.tests.factories import (
    KeyIndustryFactory,
    LocalityFactory,
    NamedInstitutionFactory,
)


@pytest.fixture
def wuzhou_locality(wuzhou):
    locality = LocalityFactory(name="梧州市", region=wuzhou)
    KeyIndustryFactory(locality=locality, label="六堡茶", codes=["1530"])
    KeyIndustryFactory(locality=locality, label="再生资源", codes=["42"])
    NamedInstitutionFactory(locality=locality, name="梧州职业学院", kind="高职院校")
    NamedInstitutionFactory(locality=locality, name="梧州学院", kind="普通本科高校")
    NamedInstitutionFactory(locality=locality, name="粤桂合作特别试验区", kind="产业园区")
    return locality
