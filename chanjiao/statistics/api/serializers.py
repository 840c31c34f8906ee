"""Serializers of the statistics API."""

from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers

from chanjiao.catalogs.models import Major
from chanjiao.common.api import PortableModelSerializer
from chanjiao.common.api_fields import IdField, YearField
from chanjiao.statistics.models import LaborMarketStat, MajorYearStat


class MajorYearFilterSerializer(serializers.Serializer):
    school = IdField(required=False, help_text="学校（机构 ID）")
    major = serializers.CharField(required=False, help_text="专业代码，如 460103")
    year = YearField(required=False, help_text="年度")
    region = serializers.CharField(required=False, help_text="地区代码（含下级），如 4504")

    def selector_arguments(self) -> dict[str, Any]:
        """Return the validated filters as arguments of ``major_year_stats_for_user``."""
        data = self.validated_data
        arguments: dict[str, Any] = {"region": data.get("region")}
        if "school" in data:
            arguments["school_ids"] = [data["school"]]
        if "year" in data:
            arguments["years"] = [data["year"]]
        if "major" in data:
            arguments["major_ids"] = list(
                Major.objects.filter(code=data["major"].strip()).values_list("pk", flat=True)
            )
        return arguments


class MajorYearStatOutputSerializer(PortableModelSerializer):
    school_name = serializers.CharField(source="school.name")
    region_code = serializers.CharField(source="school.region.code")
    major_code = serializers.CharField(source="major.code")
    major_name = serializers.CharField(source="major.name")
    major_level = serializers.CharField(source="major.level")
    employment_rate = serializers.FloatField(
        allow_null=True, help_text="去向落实率（就业+升学）/毕业生"
    )
    related_employment_rate = serializers.FloatField(allow_null=True, help_text="专业相关就业/就业")
    destination_details = serializers.DictField(child=serializers.IntegerField())

    class Meta:
        model = MajorYearStat
        fields = [
            "id",
            "school",
            "school_name",
            "region_code",
            "major",
            "major_code",
            "major_name",
            "major_level",
            "year",
            "planned_enrollment",
            "actual_enrollment",
            "students_on_roll",
            "graduates",
            "employed",
            "further_study",
            "not_employed",
            "destination_details",
            "employed_local",
            "employed_related",
            "avg_starting_salary",
            "employment_rate",
            "related_employment_rate",
            "source",
            "is_demo",
            "updated_at",
        ]


class LaborMarketFilterSerializer(serializers.Serializer):
    region = serializers.CharField(
        required=False, help_text="地区代码，如 4504（只含该地区本级的表）"
    )
    year = YearField(required=False)
    quarter = serializers.IntegerField(required=False, min_value=0, max_value=4)
    occupation = serializers.CharField(
        required=False, help_text="职业代码（大典），如 6-00-00-00；写“total”只要合计行"
    )

    def filtered(self, rows: QuerySet[LaborMarketStat]) -> QuerySet[LaborMarketStat]:
        """Apply the year, quarter and occupation filters."""
        data = self.validated_data
        if "year" in data:
            rows = rows.filter(year=data["year"])
        if "quarter" in data:
            rows = rows.filter(quarter=data["quarter"])
        if data.get("occupation") == "total":
            rows = rows.filter(occupation__isnull=True)
        elif "occupation" in data:
            rows = rows.filter(occupation__code=data["occupation"])
        return rows


class LaborMarketStatOutputSerializer(PortableModelSerializer):
    region_code = serializers.CharField(source="region.code", allow_null=True, default=None)
    occupation_code = serializers.CharField(source="occupation.code", allow_null=True, default=None)

    class Meta:
        model = LaborMarketStat
        fields = [
            "id",
            "region",
            "region_code",
            "region_label",
            "year",
            "quarter",
            "occupation",
            "occupation_code",
            "occupation_label",
            "demand_persons",
            "jobseekers_persons",
            "vacancy_ratio",
            "cities_monitored",
            "source_url",
            "source_kind",
            "note",
            "is_demo",
        ]


class ApplicationOutcomeFilterSerializer(serializers.Serializer):
    school = IdField(help_text="学校（机构 ID）")
    year = serializers.IntegerField(
        required=False, min_value=2000, max_value=2100, help_text="毕业年份（届别）"
    )


class _OutcomeCountsSerializer(serializers.Serializer):
    applied = serializers.IntegerField(
        source="applied.value", allow_null=True, help_text="投递人数；null 表示少于 5 人（不公开）"
    )
    invited = serializers.IntegerField(
        source="invited.value", allow_null=True, help_text="获邀面试人数；null 同上"
    )
    hired = serializers.IntegerField(
        source="hired.value", allow_null=True, help_text="录用人数；null 同上"
    )


class ApplicationOutcomeRowSerializer(_OutcomeCountsSerializer):
    major_code = serializers.CharField(help_text="专业代码；空表示学生档案未填专业")
    major_name = serializers.CharField()
    graduation_year = serializers.IntegerField(allow_null=True, help_text="毕业年份（届别）")


class ApplicationOutcomeTotalSerializer(_OutcomeCountsSerializer):
    """Distinct applicants of the whole school; null also where it would reveal a hidden row."""


class ApplicationOutcomeSchoolSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()


class ApplicationOutcomeTableSerializer(serializers.Serializer):
    school = ApplicationOutcomeSchoolSerializer()
    year = serializers.IntegerField(allow_null=True)
    exact = serializers.BooleanField(help_text="true：精确人数；false：少于 5 人的数不公开")
    suppress_below = serializers.IntegerField()
    data_source = serializers.CharField()
    rows = ApplicationOutcomeRowSerializer(source="lines", many=True)
    total = ApplicationOutcomeTotalSerializer()
