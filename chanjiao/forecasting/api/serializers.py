"""Serializers of the forecast API (numbers are null where a small series is suppressed)."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from chanjiao.forecasting.selectors import SeriesView


class ForecastRunSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    level = serializers.CharField()
    level_label = serializers.CharField(source="get_level_display")
    source = serializers.CharField()  # type: ignore[assignment]  # DRF field name
    base_year = serializers.IntegerField()
    horizon = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    series_count = serializers.IntegerField()
    backtested_count = serializers.IntegerField()
    beats_naive_count = serializers.IntegerField()
    mase = serializers.FloatField(allow_null=True)
    naive_mase = serializers.FloatField(allow_null=True)
    shortage_threshold = serializers.FloatField(allow_null=True)


class ForecastHistoryPointSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    value = serializers.FloatField(allow_null=True)


class ForecastPointSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    point = serializers.FloatField(allow_null=True)
    lower_80 = serializers.FloatField(allow_null=True)
    upper_80 = serializers.FloatField(allow_null=True)
    lower_95 = serializers.FloatField(allow_null=True)
    upper_95 = serializers.FloatField(allow_null=True)


class ForecastSeriesSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    method = serializers.CharField()
    method_label = serializers.CharField()
    history = serializers.SerializerMethodField()
    points = ForecastPointSerializer(many=True)
    mase = serializers.FloatField(allow_null=True)
    naive_mase = serializers.FloatField(allow_null=True)
    beats_naive = serializers.BooleanField(allow_null=True)
    backtest_errors = serializers.IntegerField()
    suppressed = serializers.BooleanField()

    @extend_schema_field(ForecastHistoryPointSerializer(many=True))
    def get_history(self, series: SeriesView) -> list[dict[str, Any]]:
        return [{"year": year, "value": value} for year, value in series.history]


class ShortageRankSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    previous_rank = serializers.IntegerField(allow_null=True)
    rank_change = serializers.IntegerField(allow_null=True)
    code = serializers.CharField()
    name = serializers.CharField()
    year = serializers.IntegerField()
    demand = serializers.FloatField(allow_null=True)
    supply = serializers.FloatField(allow_null=True)
    ratio = serializers.FloatField(allow_null=True)
    is_shortage = serializers.BooleanField()
    suppressed = serializers.BooleanField()


class ForecastLocalityRefSerializer(serializers.Serializer):
    name = serializers.CharField()
    region_code = serializers.CharField(source="region.code")


class ForecastViewSerializer(serializers.Serializer):
    locality = ForecastLocalityRefSerializer()
    level = serializers.CharField()
    level_label = serializers.CharField()
    is_public = serializers.BooleanField()
    run = ForecastRunSerializer(allow_null=True)
    method = serializers.ListField(child=serializers.CharField())
    summary = serializers.CharField()
    series = ForecastSeriesSerializer(many=True)
    shortage = ShortageRankSerializer(many=True)


class LocalityForecastSerializer(serializers.Serializer):
    locality = ForecastLocalityRefSerializer()
    latest = ForecastRunSerializer(allow_null=True)


class ForecastComputeAcceptedSerializer(serializers.Serializer):
    message = serializers.CharField()
