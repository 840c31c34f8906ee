"""Output shapes of the search API."""

from typing import Any

from rest_framework import serializers


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # DRF field name
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class SearchHitSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="listing.pk")
    kind = serializers.CharField(source="listing.kind")
    kind_label = serializers.CharField(source="listing.get_kind_display")
    title = serializers.CharField(source="listing.title")
    title_html = serializers.CharField()
    snippet_html = serializers.CharField()
    organization = serializers.SerializerMethodField()
    region = serializers.CharField(source="listing.region.name")
    region_code = serializers.CharField(source="listing.region.code")
    salary_min = serializers.IntegerField(source="listing.salary_min", allow_null=True)
    salary_max = serializers.IntegerField(source="listing.salary_max", allow_null=True)
    published_at = serializers.DateTimeField(source="listing.published_at")
    url = serializers.CharField(source="listing.get_absolute_url")

    def get_organization(self, hit: Any) -> str | None:
        organization = hit.listing.organization
        return organization.name if organization else None


class CatalogEntrySerializer(serializers.Serializer):
    type = serializers.CharField()
    type_label = serializers.CharField()
    code = serializers.CharField()
    name = serializers.CharField()
    detail = serializers.CharField()


class WiderFilterSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # DRF field name
    count = serializers.IntegerField()


class CorrectionSerializer(serializers.Serializer):
    term = serializers.CharField()
    count = serializers.IntegerField()


class SuggestionsSerializer(serializers.Serializer):
    """Zero-result help; every suggestion finds items (its count is greater than 0)."""

    wider = WiderFilterSerializer(many=True)
    terms = serializers.ListField(child=serializers.CharField(), source="corrections")
    term_counts = CorrectionSerializer(many=True, source="suggested")
    organizations = FacetValueSerializer(many=True)


class SearchPageSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    page = serializers.IntegerField(source="params.page")
    page_size = serializers.IntegerField(source="params.page_size")
    max_page = serializers.IntegerField()
    sort = serializers.CharField(source="params.sort")
    terms = serializers.ListField(child=serializers.CharField())
    results = SearchHitSerializer(many=True, source="hits")
    facets = serializers.DictField(child=FacetValueSerializer(many=True))
    catalogs = CatalogEntrySerializer(many=True)
    suggestions = SuggestionsSerializer(source="*")


class CatalogResultSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    results = CatalogEntrySerializer(many=True)


class SuggestionSerializer(serializers.Serializer):
    text = serializers.CharField()
    type = serializers.CharField()
    code = serializers.CharField()
