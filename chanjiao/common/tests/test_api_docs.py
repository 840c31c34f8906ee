"""The Chinese API documentation page at /api/v1/docs/, built from the generated schema."""

from django.test import Client

from chanjiao.common.schema import api_schema, api_tags, tag_title


def test_anyone_reads_the_chinese_api_page_with_groups_and_methods(db):
    response = Client().get("/api/v1/docs/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>开放接口说明</h1>" in page
    assert "<h3>供需信息</h3>" in page
    assert "<h3>专业预警</h3>" in page
    # The listings endpoints with their methods and Chinese summaries.
    assert '<code class="path">/api/v1/listings/</code>' in page
    assert "供需信息列表" in page
    assert "新建供需信息（草稿）" in page
    assert '<span class="method method-post" title="POST">POST</span>' in page
    assert "swagger-ui" not in page


def test_the_page_explains_login_paging_and_errors_and_links_the_schema(db):
    page = Client().get("/api/v1/docs/").content.decode()

    assert '{"message": ' in page
    assert "extra" in page
    assert "<code>page_size</code>" in page
    assert 'href="/api/v1/schema/"' in page
    assert 'href="/api/v1/docs/swagger/">在线调试（英文界面）' in page


def test_the_english_swagger_ui_moved_to_swagger(db):
    response = Client().get("/api/v1/docs/swagger/")

    assert response.status_code == 200
    assert "swagger-ui" in response.content.decode()


def test_public_and_login_operations_are_told_apart():
    tags = {tag.name: tag for tag in api_tags(api_schema())}

    majors = {op.path: op for op in tags["majors"].operations}
    me = {op.path: op for op in tags["me"].operations}
    assert majors["/api/v1/majors/"].needs_login is False
    assert me["/api/v1/me/"].needs_login is True
    assert tags["listings"].title == "供需信息"
    # The groups follow the order of SPECTACULAR_SETTINGS["TAGS"].
    assert list(tags)[0] == "listings"


def test_tag_title_splits_the_chinese_name():
    assert tag_title("专业目录：职业教育与本科专业目录。", "majors") == (
        "专业目录",
        "职业教育与本科专业目录。",
    )
    assert tag_title("no name here", "majors") == ("majors", "no name here")
