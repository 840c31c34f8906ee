import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from chanjiao.localities.models import Locality, PolicyParameter

pytestmark = pytest.mark.django_db


def _run(*args):
    out = StringIO()
    call_command("load_localities", *args, stdout=out)
    return out.getvalue()


def test_prints_counts_per_locality(catalogs):
    output = _run()

    assert output.splitlines() == [
        "北京市（新增）：政策参数 5（新增 5，更新 0，未变 0）；"
        "重点产业 13（新增 13，更新 0，未变 0）；点名机构 0（新增 0，更新 0，未变 0）",
        "梧州市（新增）：政策参数 10（新增 10，更新 0，未变 0）；"
        "重点产业 19（新增 19，更新 0，未变 0）；点名机构 6（新增 6，更新 0，未变 0）",
        "五华区（新增）：政策参数 2（新增 2，更新 0，未变 0）；"
        "重点产业 14（新增 14，更新 0，未变 0）；点名机构 2（新增 2，更新 0，未变 0）",
        "普陀区（新增）：政策参数 5（新增 5，更新 0，未变 0）；"
        "重点产业 7（新增 7，更新 0，未变 0）；点名机构 20（新增 20，更新 0，未变 0）",
        "双鸭山市（新增）：政策参数 4（新增 4，更新 0，未变 0）；"
        "重点产业 23（新增 23，更新 0，未变 0）；点名机构 3（新增 3，更新 0，未变 0）",
        "地区配置导入完成：共 5 个地区。",
    ]


def test_second_run_reports_no_changes(catalogs):
    _run()

    output = _run()

    assert output.splitlines()[1] == (
        "梧州市（无变化）：政策参数 10（新增 0，更新 0，未变 10）；"
        "重点产业 19（新增 0，更新 0，未变 19）；点名机构 6（新增 0，更新 0，未变 6）"
    )
    assert Locality.objects.count() == 5


def test_adds_a_locality_from_a_file(catalogs, tmp_path):
    path = tmp_path / "liuzhou.json"
    path.write_text(
        json.dumps(
            {
                "localities": [
                    {
                        "name": "柳州市",
                        "region_code": "4502",
                        "document_title": "柳州市产教融合实施方案（测试）",
                        "key_industries": [{"label": "汽车", "codes": ["36"], "clause": "（三）"}],
                    }
                ]
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )

    output = _run("--file", str(path))

    assert output.splitlines()[0].startswith("柳州市（新增）：政策参数 0")
    assert Locality.objects.get().name == "柳州市"


def test_a_bad_file_lists_every_error_and_loads_nothing(catalogs, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(
            {
                "localities": [
                    {"name": "甲市", "region_code": "0000", "document_title": "甲"},
                    {
                        "name": "乙市",
                        "region_code": "4502",
                        "document_title": "乙",
                        "parameters": [{"key": "x", "value": "abc"}],
                    },
                ]
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )

    with pytest.raises(CommandError) as error:
        _run("--file", str(path))

    assert str(error.value).splitlines() == [
        "地区配置数据有误（共 6 处），请按提示修改。未导入任何数据：",
        "  · localities[1].parameters[0].comparison: 必填",
        "  · localities[1].parameters[0].value: 不是有效的数字",
        "  · localities[1].parameters[0].label: 必填",
        "  · localities[1].parameters[0].clause: 必填",
        "  · localities[1].parameters[0].quote: 必填",
        "  · localities[0].region_code: 行政区划代码 0000 不存在",
    ]
    assert not Locality.objects.exists()
    assert not PolicyParameter.objects.exists()


def test_an_unreadable_file_is_a_clear_error(catalogs, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{", encoding="utf-8")

    with pytest.raises(CommandError) as error:
        _run("--file", str(path))

    assert str(error.value) == f"文件 {path} 不是有效的 JSON（第 1 行第 2 列）"
