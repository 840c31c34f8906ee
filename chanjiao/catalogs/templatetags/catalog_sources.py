"""``{% load catalog_sources %}{{ row.source|row_source }}``: a row's source in Chinese."""

from django import template

from chanjiao.catalogs.sources import RowSource, row_source

register = template.Library()


@register.filter(name="row_source")
def row_source_filter(raw: str) -> RowSource:
    """The source as people read it, with the technical origin in ``.technical``."""
    return row_source(raw)
