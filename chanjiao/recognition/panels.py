"""The targets box on a locality's page: each programme's count in the directory, by year,
beside the number the locality's document sets (普陀 一（三）、二（四）7、8, 二（二）4)."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from chanjiao.localities.models import Locality
from chanjiao.recognition.selectors import target_progress


def locality_targets_panel(request: HttpRequest, locality: Locality) -> SafeString | str:
    """Return the box, or "" for a locality without programmes."""
    progress = target_progress(locality=locality)
    if not progress:
        return ""
    return render_to_string(
        "recognition/_targets_panel.html",
        {"progress": progress, "locality": locality},
        request=request,
    )
