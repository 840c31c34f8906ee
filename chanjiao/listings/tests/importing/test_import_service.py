"""The import service: encodings, formats, idempotence, updates, permissions, submission."""

import datetime
import io

import pytest
from django.utils import timezone

from chanjiao.audit.models import AuditEvent
from chanjiao.common.exceptions import ApplicationError, PermissionDeniedError
from chanjiao.listings.importing import import_template_csv, import_template_xlsx, listings_import
from chanjiao.listings.models import Listing, ListingEvent, ListingStatus
from chanjiao.listings.tests.factories import listing_make, reviewer_for
from chanjiao.listings.tests.importing.files import (
    csv_bytes,
    import_bytes,
    job_row,
    table,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


def _rows(count: int, **overrides):
    return [job_row(number, **overrides) for number in range(1, count + 1)]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_accepts_csv_in_utf8_with_or_without_bom_and_gb18030(recruiter, enterprise, encoding):
    content = csv_bytes(table(_rows(3)), encoding=encoding)

    result = import_bytes(actor=recruiter, organization=enterprise, content=content)

    assert result.ok, result.errors
    assert (result.rows, result.created, result.updated, result.unchanged) == (3, 3, 0, 0)
    titles = sorted(Listing.objects.values_list("title", flat=True))
    assert titles == ["数控车工1", "数控车工2", "数控车工3"]


def test_imported_items_are_drafts_with_full_values(recruiter, enterprise):
    row = job_row(1, major_codes="460103、460104", education="大专", employment_type="全职")
    content = xlsx_bytes(table([row]))

    result = import_bytes(actor=recruiter, organization=enterprise, content=content, name="a.xlsx")

    assert result.ok, result.errors
    listing = Listing.objects.get()
    assert listing.status == ListingStatus.DRAFT
    assert listing.organization == enterprise
    assert listing.author == recruiter
    assert listing.external_id == "J0001"
    assert listing.region.code == "450403"
    assert listing.occupation.code == "6-18-01-01"
    assert listing.industry == enterprise.industry
    assert listing.education == "associate"
    assert listing.details["employment_type"] == "full_time"
    assert sorted(m.code for m in listing.majors.all()) == ["460103", "460104"]
    assert (listing.salary_min, listing.salary_max, listing.quantity) == (4500, 7000, 5)
    event = ListingEvent.objects.get(listing=listing)
    assert (event.action, event.to_status) == ("create", "draft")
    assert event.snapshot["majors"] == ["460103", "460104"]


def test_reads_first_sheet_and_excel_dates_and_numbers(recruiter, enterprise):
    today = timezone.localdate()
    row = job_row(
        1,
        valid_from=datetime.datetime.combine(today, datetime.time()),
        valid_until=today + datetime.timedelta(days=30),
        salary_min=4500.0,
        quantity=3,
    )
    content = xlsx_bytes(table([row]), extra_sheet=True)

    result = import_bytes(actor=recruiter, organization=enterprise, content=content, name="a.xlsx")

    assert result.ok, result.errors
    listing = Listing.objects.get()
    assert listing.valid_from == today
    assert listing.salary_min == 4500


def test_accepts_english_field_names_and_people_style_values(recruiter, enterprise):
    row = job_row(1, salary_min="4,500", valid_from="2026/3/1", valid_until="2026年12月31日")
    names = list(row)
    content = csv_bytes([names, [row[name] for name in names]])

    result = import_bytes(actor=recruiter, organization=enterprise, content=content)

    assert result.ok, result.errors
    listing = Listing.objects.get()
    assert listing.salary_min == 4500
    assert listing.valid_from == datetime.date(2026, 3, 1)
    assert listing.valid_until == datetime.date(2026, 12, 31)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_template_round_trip(recruiter, enterprise, file_format):
    template = import_template_csv("job") if file_format == "csv" else import_template_xlsx("job")
    filled = _fill_template(template, file_format, _rows(2))

    result = import_bytes(
        actor=recruiter, organization=enterprise, content=filled, name=f"t.{file_format}"
    )

    assert result.ok, result.errors
    assert result.created == 2


def _fill_template(template: bytes, file_format: str, rows: list[dict]) -> bytes:
    from openpyxl import load_workbook

    from chanjiao.listings.importing import import_columns

    names = [column.name for column in import_columns("job")]
    if file_format == "csv":
        text = template.decode("utf-8-sig")
        body = csv_bytes([[row.get(name, "") for name in names] for row in rows])
        return (text + body.decode("utf-8")).encode("utf-8-sig")
    workbook = load_workbook(io.BytesIO(template))
    sheet = workbook.worksheets[0]
    for row in rows:
        sheet.append([row.get(name, "") for name in names])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_reimporting_the_same_file_changes_nothing(recruiter, enterprise):
    content = csv_bytes(table(_rows(4)))
    first = import_bytes(actor=recruiter, organization=enterprise, content=content)
    before = (Listing.objects.count(), ListingEvent.objects.count())
    versions = dict(Listing.objects.values_list("external_id", "version"))

    second = import_bytes(actor=recruiter, organization=enterprise, content=content)

    assert first.created == 4
    assert (second.created, second.updated, second.unchanged) == (0, 0, 4)
    assert (Listing.objects.count(), ListingEvent.objects.count()) == before
    assert dict(Listing.objects.values_list("external_id", "version")) == versions


def test_changed_rows_update_the_item_and_send_published_ones_back_to_review(
    recruiter, enterprise, wuzhou_gov
):
    reviewer = reviewer_for(wuzhou_gov)
    import_bytes(actor=recruiter, organization=enterprise, content=csv_bytes(table(_rows(2))))
    published = Listing.objects.get(external_id="J0001")
    from chanjiao.listings import services

    services.listing_submit(actor=recruiter, listing=published)
    services.listing_approve(actor=reviewer, listing=published)
    changed = [job_row(1, salary_max=9000), job_row(2)]

    result = import_bytes(
        actor=recruiter, organization=enterprise, content=csv_bytes(table(changed))
    )

    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    published.refresh_from_db()
    assert published.salary_max == 9000
    assert published.version == 2
    assert published.status == ListingStatus.SUBMITTED
    event = published.events.order_by("pk").last()
    assert (event.action, event.from_status, event.to_status) == (
        "update",
        "published",
        "submitted",
    )
    assert event.snapshot["salary_max"] == 9000


def test_column_left_out_keeps_the_items_value(recruiter, enterprise):
    import_bytes(actor=recruiter, organization=enterprise, content=csv_bytes(table(_rows(1))))
    cells = table([job_row(1, quantity=8)])
    keep = [i for i, label in enumerate(cells[0]) if label != "联系人"]
    content = csv_bytes([[row[i] for i in keep] for row in cells])

    result = import_bytes(actor=recruiter, organization=enterprise, content=content)

    assert (result.updated, result.unchanged) == (1, 0)
    listing = Listing.objects.get()
    assert listing.quantity == 8
    assert listing.contact_name == "李经理"


def test_closed_item_cannot_be_changed_by_import(recruiter, enterprise, wuzhou_gov):
    import_bytes(actor=recruiter, organization=enterprise, content=csv_bytes(table(_rows(1))))
    from chanjiao.listings import services

    listing = Listing.objects.get()
    services.listing_submit(actor=recruiter, listing=listing)
    services.listing_close(actor=recruiter, listing=listing)

    result = import_bytes(
        actor=recruiter, organization=enterprise, content=csv_bytes(table([job_row(1, quantity=9)]))
    )

    assert not result.ok
    assert [(e.row, e.column) for e in result.errors] == [(2, "外部编号")]
    assert "已关闭" in result.errors[0].message
    listing.refresh_from_db()
    assert listing.quantity == 5


def test_submit_option_sends_items_to_review(recruiter, enterprise):
    result = import_bytes(
        actor=recruiter, organization=enterprise, content=csv_bytes(table(_rows(2))), submit=True
    )

    assert result.created == 2
    assert set(Listing.objects.values_list("status", flat=True)) == {ListingStatus.SUBMITTED}
    assert all(listing.submitted_at for listing in Listing.objects.all())
    actions = sorted(ListingEvent.objects.values_list("action", flat=True))
    assert actions == ["create", "create", "submit", "submit"]


def test_submit_refuses_an_expired_row(recruiter, enterprise):
    past = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    rows = [job_row(1), job_row(2, valid_from="2020-01-01", valid_until=past)]

    result = import_bytes(
        actor=recruiter, organization=enterprise, content=csv_bytes(table(rows)), submit=True
    )

    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (3, "有效期止", "有效期已过，不能提交审核，请修改有效期止。")
    ]
    assert Listing.objects.count() == 0


def test_submit_requires_a_verified_organisation(recruiter, enterprise):
    enterprise.is_verified = False
    enterprise.save()

    with pytest.raises(ApplicationError, match="尚未通过认证"):
        import_bytes(
            actor=recruiter,
            organization=enterprise,
            content=csv_bytes(table(_rows(1))),
            submit=True,
        )

    assert Listing.objects.count() == 0


def test_enterprise_cannot_import_for_another(recruiter, other_enterprise):
    with pytest.raises(PermissionDeniedError, match="不是该机构的机构管理员或信息员"):
        import_bytes(
            actor=recruiter, organization=other_enterprise, content=csv_bytes(table(_rows(1)))
        )

    assert Listing.objects.count() == 0
    denied = AuditEvent.objects.get(action="listing.import")
    assert (denied.result, denied.target_id) == ("denied", str(other_enterprise.pk))


def test_school_cannot_import_job_posts(school_admin, wuzhou_school):
    with pytest.raises(PermissionDeniedError, match="不能发布“岗位需求”信息"):
        import_bytes(
            actor=school_admin, organization=wuzhou_school, content=csv_bytes(table(_rows(1)))
        )


def test_personal_profiles_cannot_be_imported(student, wuzhou_school):
    with pytest.raises(ApplicationError, match="个人求职档案只能由本人逐条填写"):
        listings_import(
            actor=student,
            kind="jobseeker",
            organization=wuzhou_school,
            file_name="a.csv",
            stream=io.BytesIO(b"x"),
        )


def test_school_imports_its_own_kind(school_admin, wuzhou_school):
    row = {
        "title": "2026届数控技术毕业生",
        "region_code": "450403",
        "major_codes": "460103",
        "education": "大专",
        "quantity": 120,
        "graduation_year": 2026,
        "availability": "可推荐就业",
        "external_id": "G1",
    }
    content = csv_bytes(table([row], kind="graduates"))

    result = import_bytes(
        actor=school_admin, organization=wuzhou_school, content=content, kind="graduates"
    )

    assert result.ok, result.errors
    listing = Listing.objects.get()
    assert listing.details == {
        "graduation_year": 2026,
        "available_from": None,
        "availability": "available",
    }


def test_one_audit_event_per_import_with_counts(recruiter, enterprise):
    import_bytes(
        actor=recruiter,
        organization=enterprise,
        content=csv_bytes(table(_rows(3))),
        name="岗位.csv",
    )

    event = AuditEvent.objects.get(action="listing.import")
    assert event.result == "success"
    assert event.changes["file_name"] == "岗位.csv"
    assert (event.changes["created"], event.changes["rows"]) == (3, 3)
    assert not AuditEvent.objects.filter(action="listing.create").exists()


def test_a_bad_row_after_written_batches_rolls_everything_back(recruiter, enterprise):
    rows = _rows(1200)
    rows[1100]["region_code"] = "999999"
    existing = listing_make(kind="job", author=recruiter, organization=enterprise)
    before = (Listing.objects.count(), ListingEvent.objects.count(), AuditEvent.objects.count())

    result = import_bytes(actor=recruiter, organization=enterprise, content=csv_bytes(table(rows)))

    assert [(e.row, e.column) for e in result.errors] == [(1102, "工作地点")]
    assert (result.created, result.updated, result.unchanged) == (0, 0, 0)
    assert (Listing.objects.count(), ListingEvent.objects.count()) == before[:2]
    assert Listing.objects.get() == existing
    failed = AuditEvent.objects.get(action="listing.import")
    assert (failed.result, failed.changes["error_count"]) == ("failed", 1)


class _OneWayStream(io.RawIOBase):
    """A stream that can only be read forwards, like a pipe."""

    def __init__(self, content: bytes) -> None:
        self.inner = io.BytesIO(content)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def readinto(self, buffer) -> int:
        chunk = self.inner.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def test_reads_a_stream_that_cannot_seek(recruiter, enterprise):
    stream = _OneWayStream(csv_bytes(table(_rows(2))))

    result = listings_import(
        actor=recruiter, kind="job", organization=enterprise, file_name="a.csv", stream=stream
    )

    assert result.created == 2


def test_header_may_mark_required_columns_and_use_any_case(recruiter, enterprise):
    cells = table([job_row(1)])
    cells[0] = [f"{label}*" if label == "岗位名称" else label for label in cells[0]]
    cells[0] = [f"{label}（必填）" if label == "招聘人数" else label for label in cells[0]]
    cells[0] = ["EXTERNAL_ID" if label == "外部编号" else label for label in cells[0]]

    result = import_bytes(actor=recruiter, organization=enterprise, content=csv_bytes(cells))

    assert result.ok, result.errors
    assert Listing.objects.get().external_id == "J0001"
