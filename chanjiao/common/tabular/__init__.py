"""Reading uploaded CSV and .xlsx tables safely, shared by every importer.

``table_open`` refuses hostile files early (size, format, zip bombs, encodings) and streams the
rows as text within ``ImportLimits``; ``headers`` matches a header row to declared columns;
``issues`` holds the problem and result types and the downloadable error list. What a row means
stays with each importer (listings, statistics, crosswalk titles).
"""

from chanjiao.common.tabular.headers import HeaderError, header_key, header_match, header_problem
from chanjiao.common.tabular.issues import ImportIssue, ImportResult, import_errors_csv
from chanjiao.common.tabular.limits import ImportFileError, ImportLimits
from chanjiao.common.tabular.readers import ImportTable, Row, table_open

__all__ = [
    "HeaderError",
    "ImportFileError",
    "ImportIssue",
    "ImportLimits",
    "ImportResult",
    "ImportTable",
    "Row",
    "header_key",
    "header_match",
    "header_problem",
    "import_errors_csv",
    "table_open",
]
