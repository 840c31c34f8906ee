"""The 为我推荐 pages for each role."""

from chanjiao.recommendations.models import RecommendationFeedback


def test_student_page_lists_posts_with_reasons_and_dismiss(client, machining_student, lathe_job):
    client.force_login(machining_student)

    index = client.get("/recommendations/")
    page = client.get("/recommendations/me/")

    assert "我的学生/毕业生档案" in index.content.decode()
    html = page.content.decode()
    assert "数控车工" in html
    assert "专业对口：机械制造及自动化 → 车工（6-18-01-01，课标）" in html
    assert "不相关" in html


def test_dismiss_and_opt_out_through_pages(client, machining_student, lathe_job):
    client.force_login(machining_student)
    client.get("/recommendations/me/")
    from chanjiao.recommendations.models import Recommendation

    rec = Recommendation.objects.get(target_id=lathe_job.pk)
    client.post(f"/recommendations/{rec.pk}/dismiss/", {"next": "/recommendations/me/"})
    assert RecommendationFeedback.objects.filter(target_id=lathe_job.pk).exists()
    assert "数控车工" not in client.get("/recommendations/me/").content.decode()

    client.post("/recommendations/settings/", {"next": "/recommendations/me/"})
    html = client.get("/recommendations/me/").content.decode()
    assert "非个性化推荐" in html
    assert "专业对口" not in html


def test_enterprise_and_school_menus(client, recruiter, lathe_job, school_admin, student):
    client.force_login(recruiter)
    assert "岗位需求：数控车工" in client.get("/recommendations/").content.decode()
    assert client.get(f"/recommendations/listings/{lathe_job.pk}/").status_code == 200

    client.force_login(school_admin)
    menu = client.get("/recommendations/").content.decode()
    assert "梧州职业学院 数控技术（460103）2026届毕业生" in menu
    assert client.get(f"/recommendations/listings/{lathe_job.pk}/").status_code == 403
