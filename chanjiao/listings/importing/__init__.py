"""Bulk import of supply and demand items from CSV and .xlsx files (see docs/importing.md)."""

from chanjiao.common.tabular import (
    ImportFileError,
    ImportIssue,
    ImportLimits,
    ImportResult,
    import_errors_csv,
)
from chanjiao.listings.importing.columns import ImportColumn, import_columns
from chanjiao.listings.importing.importer import listings_import
from chanjiao.listings.importing.templates import (
    FORMATS as TEMPLATE_FORMATS,
)
from chanjiao.listings.importing.templates import (
    import_template_csv,
    import_template_name,
    import_template_xlsx,
)

__all__ = [
    "TEMPLATE_FORMATS",
    "ImportColumn",
    "ImportFileError",
    "ImportIssue",
    "ImportLimits",
    "ImportResult",
    "import_columns",
    "import_errors_csv",
    "import_template_csv",
    "import_template_name",
    "import_template_xlsx",
    "listings_import",
]
