import pytest

pytestmark = pytest.mark.django_db


def test_home_opens_on_a_search_box_for_visitors(client, catalogs):
    response = client.get("/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "产教融合信息服务平台" in text
    assert 'action="/search/" role="search"' in text
    assert "正在公开的供需信息" in text


def test_home_shows_the_government_workbench(client, wuzhou_officer):
    client.force_login(wuzhou_officer)
    text = client.get("/").content.decode()
    assert "<h1>工作台" in text
    assert "政府管理员（<a" in text
    assert "待审核的供需信息" in text


def test_organization_directory_filters_by_region(client, enterprise, other_enterprise):
    text = client.get("/organizations/?region=4504").content.decode()
    assert enterprise.name in text
    assert other_enterprise.name not in text
