"""Imports of statistics files (专业点年度统计, 人社供求表) and their templates."""

from chanjiao.statistics.importing.labor_market import LABOR_MARKET_COLUMNS, labor_market_import
from chanjiao.statistics.importing.major_year_rows import MAJOR_YEAR_COLUMNS
from chanjiao.statistics.importing.major_years import major_year_stats_import
from chanjiao.statistics.importing.reading import StatisticsImportResult
from chanjiao.statistics.importing.templates import (
    TEMPLATE_FORMATS,
    TEMPLATES,
    statistics_template,
)

__all__ = [
    "LABOR_MARKET_COLUMNS",
    "MAJOR_YEAR_COLUMNS",
    "TEMPLATES",
    "TEMPLATE_FORMATS",
    "StatisticsImportResult",
    "labor_market_import",
    "major_year_stats_import",
    "statistics_template",
]
