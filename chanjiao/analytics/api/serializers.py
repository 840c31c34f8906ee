"""Query parameters and output shapes of the analytics API."""

from rest_framework import serializers

from chanjiao.analytics.dimensions import DEMAND_DIMENSIONS
from chanjiao.analytics.models import DemandSource
from chanjiao.analytics.selectors.supply_demand import SUPPLY_DEMAND_DIMENSIONS


class AnalyticsTableFilterSerializer(serializers.Serializer):
    region = serializers.CharField(
        max_length=12,
        help_text="行政区划代码（如 4504 梧州市）",
        error_messages={
            "required": "请指定地区（region，行政区划代码）。",
            "blank": "地区代码不能为空。",
        },
    )
    year = serializers.IntegerField(
        required=False,
        min_value=1990,
        max_value=2100,
        help_text="年度；默认为有数据的最近年度",
        error_messages={
            "invalid": "年度 year 须为四位数字。",
            "min_value": "年度 year 不早于 1990。",
            "max_value": "年度 year 不晚于 2100。",
        },
    )
    public = serializers.BooleanField(
        default=False, help_text="true：按公开口径返回（小于 5 人的格子不显示数字）"
    )


class AnalyticsDemandFilterSerializer(AnalyticsTableFilterSerializer):
    by = serializers.ChoiceField(
        choices=list(DEMAND_DIMENSIONS),
        default="industry_section",
        help_text="分组：industry_section 行业门类 / industry 行业 / "
        "occupation_major_group 职业大类 / "
        "occupation_group 职业中类 / occupation 职业",
        error_messages={
            "invalid_choice": "分组方式 by 只能是：" + "、".join(DEMAND_DIMENSIONS) + "。"
        },
    )
    source = serializers.ChoiceField(  # type: ignore[assignment]  # DRF field name
        choices=DemandSource.choices,
        default=DemandSource.LISTINGS,
        help_text="来源：listings 平台招聘/实习信息；labor_market 人社部门供求统计",
        error_messages={"invalid_choice": "来源 source 只能是 listings 或 labor_market。"},
    )


class AnalyticsSupplyDemandFilterSerializer(AnalyticsDemandFilterSerializer):
    by = serializers.ChoiceField(
        choices=list(SUPPLY_DEMAND_DIMENSIONS),
        default="major",
        help_text="分组：major 专业 / occupation 职业",
        error_messages={
            "invalid_choice": "分组方式 by 只能是 major（专业）或 occupation（职业）。"
        },
    )


class AnalyticsRegionSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class AnalyticsTableSerializer(serializers.Serializer):
    region = AnalyticsRegionSerializer()
    year = serializers.IntegerField(allow_null=True)
    public = serializers.BooleanField(help_text="是否为公开口径（已做小格子抑制）")


class AnalyticsDemandRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    openings = serializers.IntegerField(allow_null=True, help_text="需求人数（岗位数量之和）")
    postings = serializers.IntegerField(allow_null=True, help_text="信息条数")
    suppressed = serializers.BooleanField()


class AnalyticsDemandTableSerializer(AnalyticsTableSerializer):
    by = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]  # DRF field name
    results = AnalyticsDemandRowSerializer(many=True)


class AnalyticsSupplyRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    schools = serializers.IntegerField(allow_null=True)
    graduates = serializers.IntegerField(allow_null=True)
    enrollment = serializers.IntegerField(allow_null=True)
    suppressed = serializers.BooleanField()


class AnalyticsSupplyTableSerializer(AnalyticsTableSerializer):
    results = AnalyticsSupplyRowSerializer(many=True)


class AnalyticsSupplyDemandRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    demand = serializers.FloatField(allow_null=True, help_text="需求人数（按对应关系分摊）")
    supply = serializers.FloatField(allow_null=True, help_text="毕业生数（按对应关系分摊）")
    gap = serializers.FloatField(allow_null=True, help_text="需求 − 供给")
    ratio = serializers.FloatField(allow_null=True, help_text="需求 ÷ 供给")
    suppressed = serializers.BooleanField()


class AnalyticsSupplyDemandTableSerializer(AnalyticsTableSerializer):
    by = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]  # DRF field name
    results = AnalyticsSupplyDemandRowSerializer(many=True)


class AnalyticsFillStateSerializer(serializers.Serializer):
    stat = serializers.CharField()
    status = serializers.CharField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    watermark = serializers.DateTimeField(allow_null=True)
    years_filled = serializers.ListField(child=serializers.IntegerField())
    rows_written = serializers.IntegerField()
    last_error = serializers.CharField()
