"""The export endpoint: scopes, authorization, audit, limits, file names and query counts."""

import datetime
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chanjiao.audit.models import AuditEvent, AuditResult
from chanjiao.listings import exporting, services
from chanjiao.listings.models import Listing
from chanjiao.listings.tests.exporting.conftest import as_dicts, read_export
from chanjiao.listings.tests.factories import listing_make

pytestmark = pytest.mark.django_db

URL = "/api/v1/listings/export/"


def test_records_one_audit_event_per_export(job, recruiter, client_for):
    response = client_for(recruiter).get(URL, {"format": "xlsx", "scope": "mine", "kind": "job"})

    assert response.status_code == 200
    b"".join(response.streaming_content)
    event = AuditEvent.objects.get(action="listing.export")
    assert event.actor == recruiter
    assert event.result == AuditResult.SUCCESS
    assert event.request_path == URL
    assert event.changes == {
        "format": "xlsx",
        "scope": "mine",
        "filters": {"kind": "job"},
        "rows": 1,
        "personal_data_full": True,
        "personal_data_full_rows": 1,
    }


def test_audit_says_when_personal_data_was_masked(job, api_client):
    b"".join(api_client.get(URL, {"format": "csv", "region": "4504"}).streaming_content)

    event = AuditEvent.objects.get(action="listing.export")
    assert event.actor is None
    assert event.changes["rows"] == 1
    assert event.changes["personal_data_full"] is False
    assert event.changes["filters"] == {"region": "4504"}


@pytest.mark.parametrize("scope", ["mine", "review"])
def test_anonymous_may_export_only_the_public_list(scope, job, api_client):
    response = api_client.get(URL, {"format": "csv", "scope": scope})

    assert response.status_code == 403
    assert response.json()["message"] == "请先登录后再导出本机构信息或审核队列。"
    event = AuditEvent.objects.get(action="listing.export")
    assert event.result == AuditResult.DENIED


def test_only_reviewers_export_the_review_queue(job, outsider, client_for):
    response = client_for(outsider).get(URL, {"format": "csv", "scope": "review"})

    assert response.status_code == 403
    assert response.json()["message"] == "您不是审核员，不能导出审核队列。"
    assert not AuditEvent.objects.filter(
        action="listing.export", result=AuditResult.SUCCESS
    ).exists()


def test_review_scope_exports_the_submitted_items(recruiter, enterprise, reviewer, client_for):
    draft = listing_make(kind="job", author=recruiter, organization=enterprise)
    submitted = listing_make(kind="job", author=recruiter, organization=enterprise)
    services.listing_submit(actor=recruiter, listing=submitted)

    response = client_for(reviewer).get(URL, {"format": "csv", "scope": "review"})

    ids = [row["编号"] for row in as_dicts(read_export(response, "csv"))]
    assert ids == [str(submitted.pk)]
    assert str(draft.pk) not in ids


def test_mine_scope_exports_every_status_of_own_organisation(
    job, recruiter, enterprise, other_enterprise, client_for
):
    draft = listing_make(kind="job", author=recruiter, organization=enterprise)

    response = client_for(recruiter).get(URL, {"format": "csv", "scope": "mine"})

    rows = as_dicts(read_export(response, "csv"))
    assert sorted(row["编号"] for row in rows) == sorted([str(job.pk), str(draft.pk)])
    assert {row["状态"] for row in rows} == {"已发布", "草稿"}


def test_filters_apply_like_the_list(job, api_client):
    assert len(read_export(api_client.get(URL, {"format": "csv", "region": "2305"}), "csv")) == 1
    matched = read_export(
        api_client.get(URL, {"format": "csv", "q": "数控", "region": "45"}), "csv"
    )
    assert len(matched) == 2


def test_download_has_chinese_file_name(job, api_client):
    response = api_client.get(URL, {"format": "xlsx", "kind": "job"})

    assert response["Content-Type"] == exporting.CONTENT_TYPES["xlsx"]
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="listings-public-job-')
    assert f"filename*=UTF-8''{quote('供需信息-信息列表-岗位需求-')}" in disposition
    assert disposition.endswith(".xlsx")
    b"".join(response.streaming_content)


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"format": "pdf"}, "format", "导出格式只能是 csv 或 xlsx。"),
        ({"scope": "all"}, "scope", "导出范围只能是 public、mine 或 review。"),
        ({"region": "火星区"}, "region", "未找到名为“火星区”的地区，请检查名称或填写地区代码。"),
    ],
)
def test_rejects_bad_parameters_in_chinese(params, field, message, api_client):
    response = api_client.get(URL, params)

    assert response.status_code == 400
    assert response.json()["extra"]["fields"][field] == [message]
    assert not AuditEvent.objects.filter(action="listing.export").exists()


def test_refuses_an_export_over_the_limit(job, recruiter, enterprise, api_client, monkeypatch):
    listing_make(kind="job", author=recruiter, organization=enterprise, reviewer=job.reviewed_by)
    monkeypatch.setattr(exporting, "MAX_EXPORT_ROWS", 1)

    response = api_client.get(URL, {"format": "csv"})

    assert response.status_code == 400
    assert response.json()["message"] == (
        "符合条件的信息共 2 条，超过单次导出上限 1 条，请缩小筛选范围后分批导出。"
    )
    assert not AuditEvent.objects.filter(action="listing.export").exists()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_queries_do_not_grow_with_rows(
    file_format, job, recruiter, enterprise, reviewer, client_for, django_assert_max_num_queries
):
    client = client_for(recruiter)
    with CaptureQueriesContext(connection) as one_row:
        read_export(client.get(URL, {"format": file_format, "kind": "job"}), file_format)
    for number in range(24):
        listing_make(
            kind="job",
            author=recruiter,
            organization=enterprise,
            reviewer=reviewer,
            overrides={"title": f"岗位{number}", "major_codes": "460103"},
        )

    with django_assert_max_num_queries(len(one_row.captured_queries)):
        response = client.get(URL, {"format": file_format, "kind": "job"})
        rows = read_export(response, file_format)

    assert len(rows) == 26
    assert len(one_row.captured_queries) <= 15


def test_batches_decide_personal_access_per_batch(
    job, recruiter, enterprise, reviewer, monkeypatch, client_for
):
    other = listing_make(kind="job", author=recruiter, organization=enterprise, reviewer=reviewer)
    monkeypatch.setattr(exporting, "BATCH_SIZE", 1)

    response = client_for(recruiter).get(URL, {"format": "csv", "kind": "job"})

    rows = as_dicts(read_export(response, "csv"))
    assert sorted(row["编号"] for row in rows) == sorted([str(job.pk), str(other.pk)])
    assert {row["联系电话"] for row in rows} == {"13812345678", "13912345678"}


def test_publication_time_is_shown_in_china_time(job, api_client):
    # Stored in UTC: 16:30 UTC on 9 March is 00:30 on 10 March in China.
    Listing.objects.filter(pk=job.pk).update(
        published_at=datetime.datetime(2026, 3, 9, 16, 30, tzinfo=datetime.UTC)
    )

    rows = as_dicts(read_export(api_client.get(URL, {"format": "csv"}), "csv"))

    assert rows[0]["发布时间"] == "2026-03-10 00:30"
