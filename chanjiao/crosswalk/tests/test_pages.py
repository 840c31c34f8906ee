from chanjiao.catalogs.models import Major, Occupation
from chanjiao.crosswalk.models import LinkStatus, MajorLink
from chanjiao.crosswalk.services import major_links_infer


def test_search_pages_through_majors_and_occupations(client, catalogs):
    majors = client.get("/crosswalk/", {"q": "数控"})
    occupations = client.get("/crosswalk/", {"kind": "occupation", "q": "车工"})

    assert majors.status_code == occupations.status_code == 200
    assert "数控技术" in majors.content.decode()
    assert "6-18-01-01" in occupations.content.decode()


def test_major_page_shows_occupations_by_evidence(client, catalogs):
    major = Major.objects.get(code="260103", level="职业本科")
    major_links_infer(major_ids=[major.pk])

    html = client.get(f"/crosswalk/majors/{major.pk}/").content.decode()

    assert "系统推断（待确认，非官方）" in html
    assert "该专业没有专业教学标准中的职业面向" in html
    assert "确认" not in html.split("系统推断")[1].split("</table>")[0].replace("待确认", "")


def test_occupation_page_lists_official_majors(client, catalogs):
    occupation = Occupation.objects.get(code="6-18-01-01")

    html = client.get(f"/crosswalk/occupations/{occupation.pk}/").content.decode()

    assert "专业教学标准" in html
    assert "数控" in html


def test_staff_confirms_from_the_page(client, catalogs, staff_user):
    major = Major.objects.get(code="260103", level="职业本科")
    major_links_infer(major_ids=[major.pk])
    link = MajorLink.objects.filter(major=major).first()
    client.force_login(staff_user)

    response = client.post(f"/crosswalk/major-links/{link.pk}/confirm/")

    assert response.status_code == 302
    link.refresh_from_db()
    assert link.status == LinkStatus.CONFIRMED
    assert client.get("/crosswalk/review/").status_code == 200


def test_review_page_is_for_staff_only(client, outsider):
    client.force_login(outsider)

    assert client.get("/crosswalk/review/").status_code == 403


def test_non_staff_cannot_edit_from_the_pages(client, catalogs, outsider):
    major = Major.objects.get(code="260103", level="职业本科")
    major_links_infer(major_ids=[major.pk])
    link = MajorLink.objects.filter(major=major).first()
    client.force_login(outsider)

    add = client.post(
        f"/crosswalk/majors/{major.pk}/links/", {"occupation_code": "6-18-01-01", "note": "x"}
    )
    reject = client.post(f"/crosswalk/major-links/{link.pk}/reject/")

    assert add.status_code == reject.status_code == 403
    link.refresh_from_db()
    assert link.status == LinkStatus.PROPOSED
    assert (
        MajorLink.objects.filter(major=major).count()
        == MajorLink.objects.filter(major=major, evidence="inferred").count()
    )


def test_staff_sees_review_buttons(client, catalogs, staff_user):
    major = Major.objects.get(code="260103", level="职业本科")
    major_links_infer(major_ids=[major.pk])
    client.force_login(staff_user)

    html = client.get(f"/crosswalk/majors/{major.pk}/").content.decode()

    assert "添加人工对应" in html
    assert html.count(">确认</button>") == MajorLink.objects.filter(major=major).count()
