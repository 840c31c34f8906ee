import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from chanjiao.applications.models import Application, ApplicationState
from chanjiao.applications.services import application_submit
from chanjiao.applications.tests.conftest import PDF
from chanjiao.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _detail_url(listing):
    return reverse("listings:detail", args=[listing.kind, listing.pk])


def test_apply_page_shows_consent_before_confirming_then_applies(client, applicant, job):
    client.force_login(applicant)
    url = reverse("applications:apply", args=[job.pk])
    page = client.get(url).content.decode()
    assert "投递即表示您同意将您的姓名、联系电话、电子邮箱、学校与专业以及所附材料提供给" in page
    assert job.organization.name in page
    assert "我已阅读并同意" in page
    assert "确认投递" in page
    refused = client.post(url, {"message": "你好"})
    assert refused.status_code == 400
    assert "请阅读并勾选" in refused.content.decode()
    assert not Application.objects.exists()
    upload = SimpleUploadedFile("cv.pdf", PDF)
    response = client.post(url, {"message": "你好", "consent": "on", "attachment": upload})
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("applications:detail", args=[application.pk])
    again = client.get(url)
    assert again.status_code == 302


def test_bad_attachment_named_on_page(client, applicant, job):
    client.force_login(applicant)
    upload = SimpleUploadedFile("cv.jpg", b"GIF89a")
    response = client.post(
        reverse("applications:apply", args=[job.pk]), {"consent": "on", "attachment": upload}
    )
    assert response.status_code == 400
    assert "附件：" in response.content.decode()


def test_listing_panel_for_each_viewer(client, applicant, recruiter, job, outsider):
    anonymous = client.get(_detail_url(job)).content.decode()
    assert "登录后投递" in anonymous
    client.force_login(applicant)
    page = client.get(_detail_url(job) + "?event=7").content.decode()
    assert reverse("applications:apply", args=[job.pk]) + "?event=7" in page
    assert "投递求职档案" not in page  # the old box is gone
    application_submit(actor=applicant, listing=job)
    page = client.get(_detail_url(job)).content.decode()
    assert "当前状态：<strong>新投递</strong>" in page
    client.force_login(recruiter)
    page = client.get(_detail_url(job)).content.decode()
    assert "收到的投递（1，新投递 1）" in page
    assert "我要投递" not in page


def test_publisher_detail_shows_contact_audited_and_marks_viewed(client, recruiter, application):
    client.force_login(recruiter)
    url = reverse("applications:detail", args=[application.pk])
    page = client.get(url).content.decode()
    assert application.applicant.phone in page
    assert 'id="contact-card"' in page
    client.get(url)
    assert AuditEvent.objects.filter(action="application.personal_data.view").count() == 2
    application.refresh_from_db()
    assert application.state == ApplicationState.VIEWED
    response = client.post(
        reverse("applications:transition", args=[application.pk]),
        {"name": "invite", "message": "周五面试"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == ApplicationState.INTERVIEW


def test_outsiders_get_404_and_anonymous_redirect(
    client, application, other_member, school_admin, staff_user
):
    url = reverse("applications:detail", args=[application.pk])
    attachment = reverse("applications:attachment", args=[application.pk])
    step_url = reverse("applications:transition", args=[application.pk])
    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert "/login/" in anonymous["Location"]
    for user in (other_member, school_admin, staff_user):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.get(attachment).status_code == 404
        assert client.post(step_url, {"name": "hire"}).status_code == 404


def test_mine_shows_states_and_withdraw(client, applicant, recruiter, application):
    from chanjiao.applications.services import application_invite

    application_invite(actor=recruiter, application=application, message="请带简历")
    client.force_login(applicant)
    page = client.get(reverse("applications:mine")).content.decode()
    assert "邀请面试" in page
    assert "请带简历" in page
    assert "撤回投递" in page
    client.post(
        reverse("applications:transition", args=[application.pk]),
        {"name": "withdraw", "next": "mine"},
    )
    application.refresh_from_db()
    assert application.state == ApplicationState.WITHDRAWN
    client.force_login(recruiter)
    page = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert application.applicant.phone not in page
    assert "投递人已撤回投递" in page


def test_attachment_download_headers_and_audit(client, applicant, job, recruiter):
    upload = SimpleUploadedFile("简历.pdf", PDF)
    application = application_submit(actor=applicant, listing=job, attachment=upload)
    client.force_login(recruiter)
    response = client.get(reverse("applications:attachment", args=[application.pk]))
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF
    assert AuditEvent.objects.filter(action="application.attachment.view").exists()


def test_inbox_counts_per_post_and_masked_names(
    client, recruiter, job, internship, applicant, catalogs
):
    from chanjiao.accounts.tests.factories import UserFactory

    application_submit(actor=applicant, listing=job)
    application_submit(actor=UserFactory(username="second", real_name="赵二"), listing=job)
    application_submit(actor=UserFactory(username="third", real_name="钱三"), listing=internship)
    client.force_login(recruiter)
    page = client.get(reverse("applications:received")).content.decode()
    assert "共 2 份，新投递 2 份" in page
    assert "共 1 份，新投递 1 份" in page
    assert applicant.real_name not in page
    assert applicant.phone not in page
    per_post = client.get(reverse("applications:received") + f"?listing={job.pk}").content.decode()
    assert len(re.findall(r'data-label="投递人"', per_post)) == 2
    assert "新投递（2）" in per_post


def test_inbox_forbidden_for_non_members(client, applicant):
    client.force_login(applicant)
    assert client.get(reverse("applications:received")).status_code == 403


def test_close_post_page_closes_applications(client, recruiter, application, job):
    client.force_login(recruiter)
    client.post(reverse("listings:close", args=[job.kind, job.pk]), {"reason": "招满"})
    application.refresh_from_db()
    assert application.state == ApplicationState.CLOSED


def test_apply_page_asks_for_name_and_phone_first(client, job, catalogs):
    from chanjiao.accounts.tests.factories import UserFactory

    person = UserFactory(username="nophone", phone="")
    client.force_login(person)
    page = client.get(reverse("applications:apply", args=[job.pk])).content.decode()
    assert reverse("selfservice:profile") in page
    assert "确认投递" not in page
