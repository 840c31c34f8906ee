"""Serializers of the report data API (the same numbers the report shows, suppressed alike)."""

from rest_framework import serializers

from chanjiao.forecasting.api.serializers import (
    ForecastLocalityRefSerializer,
    ForecastRunSerializer,
    ShortageRankSerializer,
)


class ReportValueRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    suppressed = serializers.BooleanField()


class ReportSupplyDemandRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    demand = serializers.FloatField(allow_null=True)
    supply = serializers.FloatField(allow_null=True)
    gap = serializers.FloatField(allow_null=True)
    ratio = serializers.FloatField(allow_null=True)
    suppressed = serializers.BooleanField()


class ReportWarningRowSerializer(serializers.Serializer):
    school = serializers.CharField()
    major_code = serializers.CharField()
    major_name = serializers.CharField()
    level = serializers.CharField()
    rules = serializers.CharField()
    evidence = serializers.CharField()


class ReportEmploymentRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    graduates = serializers.IntegerField(allow_null=True)
    placed = serializers.IntegerField(allow_null=True)
    rate = serializers.FloatField(allow_null=True)
    suppressed = serializers.BooleanField()


class ReportLaborTotalsSerializer(serializers.Serializer):
    demand = serializers.FloatField(allow_null=True)
    jobseekers = serializers.FloatField(allow_null=True)
    ratio = serializers.FloatField(allow_null=True)


class ReportChartSerializer(serializers.Serializer):
    title = serializers.CharField()
    x_label = serializers.CharField()
    y_label = serializers.CharField()


class ReportDataSerializer(serializers.Serializer):
    title = serializers.CharField()
    locality = ForecastLocalityRefSerializer()
    year = serializers.IntegerField()
    is_public = serializers.BooleanField()
    labor = ReportLaborTotalsSerializer(allow_null=True)
    demand_by_industry = ReportValueRowSerializer(many=True)
    demand_by_occupation = ReportValueRowSerializer(many=True)
    supply_demand = ReportSupplyDemandRowSerializer(many=True)
    warnings = ReportWarningRowSerializer(many=True)
    warnings_by_major = ReportValueRowSerializer(many=True)
    employment = ReportEmploymentRowSerializer(many=True)
    shortage = ShortageRankSerializer(many=True)
    forecast_run = ForecastRunSerializer(allow_null=True)
    charts = ReportChartSerializer(many=True)
    missing = serializers.ListField(child=serializers.CharField())
    html_url = serializers.CharField()
    pdf_url = serializers.CharField()
