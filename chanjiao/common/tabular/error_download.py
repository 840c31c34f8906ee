"""Keep a refused import's error list in the session, and download it as CSV from a page.

Upload pages show the first errors and offer the whole list as a file: the list is stored
compressed in the user's session under the page's own key, so the download needs no new request
to the import.
"""

import base64
import zlib
from collections.abc import Sequence

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header

from chanjiao.common.tabular.issues import ImportIssue, import_errors_csv


def import_errors_remember(
    request: HttpRequest, key: str, *, file_name: str, errors: Sequence[ImportIssue]
) -> None:
    """Store the error list of a refused import in the session under ``key``."""
    packed = zlib.compress(import_errors_csv(list(errors)), level=6)
    request.session[key] = {
        "file_name": file_name,
        "csv": base64.b64encode(packed).decode("ascii"),
    }


def import_errors_response(request: HttpRequest, key: str, *, default_stem: str) -> HttpResponse:
    """Return the stored error list as ``<file>-错误清单.csv``; 404 when there is none."""
    stored = request.session.get(key)
    if not stored:
        raise Http404("没有可下载的错误清单。")
    content = zlib.decompress(base64.b64decode(stored["csv"]))
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    stem = str(stored["file_name"]).rsplit(".", 1)[0] or default_stem
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{stem}-错误清单.csv"
    )
    return response
