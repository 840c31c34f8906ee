"""Acting on a recommendation: a student applies to a post, an enterprise contacts a school."""

import re
from html import unescape

from chanjiao.contact_requests.permissions import user_can_request_contact


def _cards(html):
    return re.findall(r'<article class="post-card.*?</article>', html, flags=re.S)


def test_a_student_can_apply_to_a_recommended_post(client, machining_student, lathe_job):
    client.force_login(machining_student)

    html = client.get("/recommendations/me/").content.decode()

    (card,) = [c for c in _cards(html) if f'data-id="{lathe_job.pk}"' in c]
    assert f'href="/applications/apply/{lathe_job.pk}/">投递</a>' in card
    assert "联系学校" not in card


def test_a_recruiter_can_ask_the_school_for_recommended_graduates(
    client, recruiter, lathe_job, publish, school_admin, wuzhou_school
):
    cohort = publish("graduates", school_admin, wuzhou_school, major_codes="460104")
    assert user_can_request_contact(recruiter)
    client.force_login(recruiter)

    html = client.get(f"/recommendations/listings/{lathe_job.pk}/").content.decode()

    (card,) = [c for c in _cards(html) if f'data-id="{cohort.pk}"' in c]
    link = unescape(re.search(r'href="(/contact-requests/new/[^"]+)">联系学校</a>', card).group(1))
    assert f"school={wuzhou_school.pk}" in link
    assert f"major={cohort.majors.get().pk}" in link
    assert f"listing={cohort.pk}" in link
    # The recruiter's own post is never offered for applying.
    assert "/applications/apply/" not in html


def test_the_contact_form_opens_prefilled_from_the_link(
    client, recruiter, lathe_job, publish, school_admin, wuzhou_school
):
    cohort = publish("graduates", school_admin, wuzhou_school, major_codes="460104")
    client.force_login(recruiter)
    html = client.get(f"/recommendations/listings/{lathe_job.pk}/").content.decode()
    link = unescape(re.search(r'href="(/contact-requests/new/[^"]+)">联系学校</a>', html).group(1))

    form = client.get(link)

    assert form.status_code == 200
    page = form.content.decode()
    assert wuzhou_school.name in page
    assert f'value="{cohort.majors.get().pk}" selected' in page
