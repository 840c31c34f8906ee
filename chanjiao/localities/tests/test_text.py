"""Cleaning a scraped policy document for reading, and parameters as sentences."""

from django.urls import reverse

from chanjiao.localities.text import clean_bracket_numbers, clean_document_text, parameter_sentence


def test_site_navigation_residue_is_dropped():
    scraped = (
        "正文内容区域请使用tab按钮切换浏览\n\n关于印发某方案的通知\n关于印发某方案的通知\n"
        "发文字号:梧政办发〔2024〕35号 | 发布日期:2024年04月24日 |\n"
        "一、总体要求\n\n\n\n(一)指导思想\n"
        "文件下载:\n某通知.wps\n政策解读:\n解读\n验证码\n全部评论\n扫描二维码 关注我们\n"
    )

    assert clean_document_text(scraped) == "关于印发某方案的通知\n一、总体要求\n\n（一）指导思想"


def test_doubled_and_half_width_brackets_are_fixed():
    assert clean_bracket_numbers("依据（(六)）和((十二))及(三)") == "依据（六）和（十二）及（三）"
    # Other brackets are left alone.
    assert clean_bracket_numbers("（国办发〔2017〕95号）(含兼职教师)") == (
        "（国办发〔2017〕95号）(含兼职教师)"
    )


def test_the_document_page_shows_the_cleaned_text(client, localities):
    putuo = localities["普陀区"]

    page = client.get(reverse("localities:locality-document", args=[putuo.pk])).content.decode()

    assert "tab按钮" not in page
    assert "全部评论" not in page
    assert "普陀区深化推进产教融合行动方案" in page


def test_parameter_sentences():
    assert (
        parameter_sentence(
            label="企业教育培训经费用于一线职工的比例", comparison="gte", rule_text="不低于60%"
        )
        == "企业教育培训经费用于一线职工的比例不低于60%"
    )
    assert (
        parameter_sentence(label="目标年份", comparison="eq", rule_text="2030年")
        == "目标年份为2030年"
    )
    assert (
        parameter_sentence(
            label="专业预警：年均招生规模低于（特殊专业除外）",
            comparison="lt",
            rule_text="低于30人",
        )
        == "专业预警：年均招生规模低于（特殊专业除外）：低于30人"
    )


def test_detail_page_reads_parameters_as_sentences_with_their_basis(client, wuzhou_locality):
    page = client.get(wuzhou_locality.get_absolute_url()).content.decode()

    assert "职业院校学生实践性教学课时占总课时的比例不低于50%" in page
    assert f"依据：《{wuzhou_locality.document_title}》（十四）" in page
    assert "<summary>技术说明</summary>" in page
