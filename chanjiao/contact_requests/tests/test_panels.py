"""The boxes on a 毕业生资源 item's page and on a major's page."""

import pytest
from django.http import HttpResponse

from chanjiao.contact_requests.tests.factories import ContactRequestFactory
from chanjiao.listings.tests.factories import listing_make, reviewer_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def graduates(school, school_officer, wuzhou_gov, this_year):
    reviewer = reviewer_for(wuzhou_gov)
    return listing_make(
        kind="graduates",
        author=school_officer,
        organization=school,
        reviewer=reviewer,
        overrides={"graduation_year": this_year},
    )


def _html(response: HttpResponse) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_enterprise_member_sees_the_prefilled_link(client, recruiter, graduates, school, this_year):
    client.force_login(recruiter)
    major = graduates.majors.get()

    html = _html(client.get(graduates.get_absolute_url()))

    assert "联系学校获取毕业生" in html
    assert (
        f"/contact-requests/new/?school={school.pk}&amp;major={major.pk}"
        f"&amp;year={this_year}&amp;listing={graduates.pk}"
    ) in html


def test_enterprise_member_sees_its_existing_request(
    client, recruiter, enterprise, graduates, school, this_year
):
    existing = ContactRequestFactory(
        enterprise=enterprise,
        requested_by=recruiter,
        school=school,
        major=graduates.majors.get(),
        graduation_year=this_year,
    )
    client.force_login(recruiter)

    html = _html(client.get(graduates.get_absolute_url()))

    assert f"/contact-requests/{existing.pk}/" in html
    assert "待学校答复" in html


def test_anonymous_is_asked_to_sign_in(client, graduates):
    assert "登录后联系学校" in _html(client.get(graduates.get_absolute_url()))


def test_school_member_sees_the_pending_count(client, school_officer, graduates):
    client.force_login(school_officer)

    assert "收到的联系请求（0 待答复）" in _html(client.get(graduates.get_absolute_url()))


def test_form_from_the_listing_keeps_the_source(client, recruiter, graduates, school, this_year):
    client.force_login(recruiter)
    major = graduates.majors.get()
    url = f"/contact-requests/new/?school={school.pk}&major={major.pk}&year={this_year}"

    client.post(
        url + f"&listing={graduates.pk}",
        {
            "school": school.pk,
            "listing": graduates.pk,
            "major": major.pk,
            "graduation_year": this_year,
        },
    )

    from chanjiao.contact_requests.models import ContactRequest

    assert ContactRequest.objects.get().source_listing == graduates


def test_major_page_lists_schools_offering_it_for_an_enterprise(client, recruiter, school, cnc):
    client.force_login(recruiter)

    html = _html(client.get(f"/catalogs/majors/{cnc.pk}/"))

    assert "向开设该专业的学校联系毕业生" in html
    assert "梧州职业学院" in html
    assert f"/contact-requests/new/?school={school.pk}&amp;major={cnc.pk}" in html


def test_major_page_has_no_box_for_others(client, outsider, school, cnc):
    client.force_login(outsider)

    assert "向开设该专业的学校联系毕业生" not in _html(client.get(f"/catalogs/majors/{cnc.pk}/"))
