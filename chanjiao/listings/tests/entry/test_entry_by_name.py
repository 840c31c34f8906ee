"""Regions, occupations, industries and majors typed by name in the form, the API and imports;
a post without an occupation gets the classifier's, with its confidence."""

import pytest

from chanjiao.listings.importing import import_columns
from chanjiao.listings.models import Listing, OccupationSource
from chanjiao.listings.tests.importing.files import csv_bytes, import_bytes, job_row
from chanjiao.listings.tests.web.helpers import created_listing, post_form

pytestmark = pytest.mark.django_db


def test_web_form_takes_a_region_by_name_and_classifies_the_occupation(
    client, recruiter, enterprise
):
    client.force_login(recruiter)

    response = post_form(
        client, "job", enterprise, region_code="万秀区", occupation_code="", title="数控车工"
    )

    listing = created_listing(response)
    assert listing.region.code == "450403"
    assert listing.occupation is not None
    assert listing.occupation_source == OccupationSource.CLASSIFIED
    assert 0 < listing.occupation_confidence <= 1


def test_an_ambiguous_region_is_a_field_error_listing_the_candidates(client, recruiter, enterprise):
    client.force_login(recruiter)

    response = post_form(client, "job", enterprise, region_code="市辖区")

    assert response.status_code == 200
    page = response.content.decode()
    assert "“市辖区”对应多个地区：北京市市辖区（1101）" in page
    assert "请填写代码或带上级名称的全称。" in page
    assert not Listing.objects.exists()


def test_accepting_the_suggestion_marks_the_occupation_confirmed(client, recruiter, enterprise):
    client.force_login(recruiter)

    confirmed = created_listing(
        post_form(
            client,
            "job",
            enterprise,
            occupation_code="车工",
            occupation_confirmed="6-18-01-01",
            external_id="A1",
        )
    )
    changed = created_listing(
        post_form(
            client,
            "job",
            enterprise,
            occupation_code="焊工",
            occupation_confirmed="6-18-01-01",
            external_id="A2",
        )
    )

    assert confirmed.occupation.code == "6-18-01-01"
    assert confirmed.occupation_source == OccupationSource.CONFIRMED
    assert changed.occupation.name == "焊工"
    assert changed.occupation_source == OccupationSource.DECLARED
    assert changed.occupation_confidence is None


def test_api_takes_names_and_answers_field_errors(client_for, recruiter, enterprise):
    from chanjiao.listings.tests.factories import valid_input

    client = client_for(recruiter)
    body = {"kind": "job", **valid_input("job"), "organization": enterprise.pk}

    good = client.post(
        "/api/v1/listings/",
        {**body, "region_code": "梧州市万秀区", "occupation_code": "车工"},
        format="json",
    )
    bad = client.post("/api/v1/listings/", {**body, "major_codes": "护理"}, format="json")

    assert good.status_code == 201, good.json()
    listing = Listing.objects.get(pk=good.json()["id"])
    assert (listing.region.code, listing.occupation.code) == ("450403", "6-18-01-01")
    assert listing.occupation_source == OccupationSource.DECLARED
    assert bad.status_code == 400
    message = bad.json()["extra"]["fields"]["major_codes"][0]
    assert message.startswith("“护理”对应多个专业：")


def _names_only_rows():
    """A name-only file without an occupation column: what an HR office would write."""
    rows = [
        job_row(1, title="数控车床操作工", region_code="万秀区", major_codes="护理（高职专科）"),
        job_row(2, title="电工", region_code="梧州市长洲区", major_codes=""),
        job_row(3, title="仓库管理员", region_code="广西梧州市藤县", major_codes=""),
    ]
    names = [c.name for c in import_columns("job") if c.name != "occupation_code"]
    header = [c.label for c in import_columns("job") if c.name != "occupation_code"]
    return header, [[row.get(name, "") for name in names] for row in rows]


def test_a_name_only_import_without_occupations_classifies_every_row(recruiter, enterprise):
    header, rows = _names_only_rows()

    result = import_bytes(
        actor=recruiter, organization=enterprise, content=csv_bytes([header, *rows])
    )

    assert result.ok, result.errors
    assert result.created == 3
    listings = list(Listing.objects.order_by("external_id"))
    assert [item.region.code for item in listings] == ["450403", "450405", "450422"]
    assert [m.code for m in listings[0].majors.all()] == ["520201"]
    for listing in listings:
        assert listing.occupation is not None, listing.title
        assert listing.occupation_source == OccupationSource.CLASSIFIED
        assert 0 < listing.occupation_confidence <= 1


def test_bad_names_in_an_import_are_reported_with_row_and_column(recruiter, enterprise):
    header, rows = _names_only_rows()
    region = header.index("工作地点")
    rows[1][region] = "市辖区"
    rows[2][region] = "火星区"

    result = import_bytes(
        actor=recruiter, organization=enterprise, content=csv_bytes([header, *rows])
    )

    assert not result.ok
    assert [(e.row, e.column) for e in result.errors] == [(3, "工作地点"), (4, "工作地点")]
    assert result.errors[0].message.startswith("“市辖区”对应多个地区：北京市市辖区（1101）")
    assert result.errors[1].message == "未找到名为“火星区”的地区，请检查名称或填写地区代码。"
    assert not Listing.objects.exists()


def test_files_made_from_the_old_code_templates_still_import(recruiter, enterprise):
    names = [c.name for c in import_columns("job")]
    old = {"region_code": "工作地点（地区代码）", "occupation_code": "职业代码（大典2022）"}
    header = [old.get(c.name, c.label) for c in import_columns("job")]
    row = job_row(1)

    result = import_bytes(
        actor=recruiter,
        organization=enterprise,
        content=csv_bytes([header, [row.get(name, "") for name in names]]),
    )

    assert result.ok, result.errors
    listing = Listing.objects.get()
    assert listing.occupation.code == "6-18-01-01"
    assert listing.occupation_source == OccupationSource.DECLARED


def test_catalog_suggest_endpoint(api_client, catalogs):
    response = api_client.get("/api/v1/catalogs/suggest/region/", {"q": "万秀"})

    assert response.status_code == 200
    assert response.json()[0] == {
        "value": "万秀区",
        "label": "广西壮族自治区梧州市万秀区（450403）",
        "code": "450403",
        "name": "万秀区",
        "level": "县级",
    }
    assert len(api_client.get("/api/v1/catalogs/suggest/occupation/", {"q": "工"}).json()) == 20
    assert api_client.get("/api/v1/catalogs/suggest/planet/", {"q": "x"}).status_code == 404


def test_detail_page_says_the_occupation_was_recognised(client, recruiter, enterprise):
    client.force_login(recruiter)
    listing = created_listing(post_form(client, "job", enterprise, occupation_code=""))

    page = client.get(f"/info/job/{listing.pk}/").content.decode()

    confidence = f"{listing.occupation_confidence:.2f}"
    assert f"{listing.occupation.name}（自动识别，置信度 {confidence}）" in page


def test_search_filters_take_names(catalogs):
    from chanjiao.common.exceptions import ApplicationError
    from chanjiao.search.params import SearchParams
    from chanjiao.search.selectors import search_filters

    filters = search_filters(
        SearchParams(region="梧州市万秀区", occupation="车工", major="高职护理")
    )

    assert (filters.region, filters.occupation, filters.major) == ("450403", "6-18-01-01", "520201")
    with pytest.raises(ApplicationError) as error:
        search_filters(SearchParams(region="市辖区"))
    assert error.value.extra["fields"]["region"][0].startswith("“市辖区”对应多个地区：")


def test_list_api_filters_take_names_and_refuse_ambiguous_ones(
    api_client, recruiter, enterprise, wuzhou_gov
):
    from chanjiao.listings.tests.factories import listing_make, reviewer_for

    job = listing_make(
        kind="job", author=recruiter, organization=enterprise, reviewer=reviewer_for(wuzhou_gov)
    )

    def ids(**params):
        response = api_client.get("/api/v1/listings/", {"kind": "job", **params})
        assert response.status_code == 200, response.json()
        return [item["id"] for item in response.json()["results"]]

    ambiguous = api_client.get("/api/v1/listings/", {"kind": "job", "region": "市辖区"})

    assert ids(region="梧州市万秀区", occupation="车工") == [job.pk]
    assert ids(region="双鸭山市") == []
    assert ids(occupation="焊工") == []
    assert ambiguous.status_code == 400
    assert ambiguous.json()["extra"]["fields"]["region"][0].startswith("“市辖区”对应多个地区：")
