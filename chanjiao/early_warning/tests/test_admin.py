"""The admin speaks Chinese: site header, app names, warning models and their fields."""

from django.test import Client


def test_admin_index_is_in_chinese(db, staff_user, security_admin):
    client = Client()
    client.force_login(staff_user)

    page = client.get("/admin/").content.decode()

    assert "产教融合信息服务平台 · 后台管理" in page
    assert "专业预警" in page
    assert "地区配置" in page
    assert "登录防护" not in page  # sign-in lockouts are the security administrator's (三员分立)
    assert ">Localities<" not in page
    assert ">Audit<" not in page
    client.force_login(security_admin)
    page = client.get("/admin/").content.decode()
    assert "登录防护" in page
    assert "登录尝试" in page
    assert "Access attempts" not in page
    assert ">Localities<" not in page
    assert ">Audit<" not in page


def test_warning_flag_list_in_the_admin_has_chinese_columns(db, staff_user):
    client = Client()
    client.force_login(staff_user)

    page = client.get("/admin/early_warning/warningflag/").content.decode()

    assert "学校" in page
    assert "预警等级" in page
    assert ">School<" not in page
