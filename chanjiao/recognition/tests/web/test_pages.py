"""The pages: directory (public), one's list with the programmes to enter, a recognition's page
with its steps, the targets box on the locality page."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from chanjiao.recognition.models import Recognition, RecognitionState

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _certified(programme, org, **extra):
    today = timezone.localdate()
    return Recognition.objects.create(
        programme=programme,
        organization=org,
        status=RecognitionState.CERTIFIED,
        certificate_number="PT-CJQY-2026-00001",
        certified_on=today,
        valid_until=today + datetime.timedelta(days=1000),
        **extra,
    )


def test_directory_is_public_and_searchable(programme, pt_enterprise):
    _certified(programme, pt_enterprise)

    found = Client().get("/recognition/", {"q": "普陀智造"})
    missing = Client().get("/recognition/", {"q": "不存在的公司"})

    assert found.status_code == 200
    assert "上海普陀智造有限公司" in found.content.decode()
    assert "PT-CJQY-2026-00001" in found.content.decode()
    assert "上海普陀智造有限公司" not in missing.content.decode()


def test_enterprise_enters_and_applies_from_the_pages(programme, pt_enterprise, pt_applicant):
    client = _client(pt_applicant)
    listing = client.get("/recognition/mine/").content.decode()
    assert "市级产教融合型企业（普陀区培育）" in listing

    response = client.post(
        "/recognition/reserve/", {"programme": programme.pk, "organization": pt_enterprise.pk}
    )
    recognition = Recognition.objects.get(organization=pt_enterprise)
    assert response.status_code == 302
    page = client.get(f"/recognition/{recognition.pk}/").content.decode()
    assert "暂无记录" in page
    assert "尚缺材料" in page

    client.post(f"/recognition/{recognition.pk}/act/", {"op": "apply", "statement": "申报"})

    recognition.refresh_from_db()
    assert recognition.status == RecognitionState.SUBMITTED


def test_reviewer_takes_the_preliminary_on_the_page(
    programme, pt_enterprise, district_reviewer, outsider
):
    recognition = Recognition.objects.create(
        programme=programme, organization=pt_enterprise, status=RecognitionState.SUBMITTED
    )
    reviewer = _client(district_reviewer)
    assert "初审通过" in reviewer.get(f"/recognition/{recognition.pk}/").content.decode()
    assert _client(outsider).get(f"/recognition/{recognition.pk}/").status_code == 404

    reviewer.post(f"/recognition/{recognition.pk}/act/", {"op": "preliminary", "reason": "齐全"})

    recognition.refresh_from_db()
    assert recognition.status == RecognitionState.PRELIMINARY
    assert recognition.preliminary_by == district_reviewer


def test_locality_page_counts_the_directory_against_the_target(putuo, programme, pt_enterprise):
    before = Client().get(f"/localities/{putuo.pk}/").content.decode()
    _certified(programme, pt_enterprise)

    after = Client().get(f"/localities/{putuo.pk}/").content.decode()

    assert "认定项目与目标" in before
    assert "约10家" in after
    marker = 'id="target-city-integration-enterprise"'
    row_before = before[before.index(marker) :].split("</tr>")[0]
    row_after = after[after.index(marker) :].split("</tr>")[0]
    assert '<td data-label="目录中" class="target-current">0</td>' in row_before
    assert '<td data-label="目录中" class="target-current">1</td>' in row_after
