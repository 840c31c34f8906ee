"""Boxes that higher apps add to a major's page (e.g. "contact the schools offering it").

Catalogs sits below every app that knows about schools, requests or listings and never imports
them; each such app registers a panel here in its ``AppConfig.ready()``. A panel returns the HTML
for this viewer, or "" when it has nothing to show; the page renders them in registration order.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.http import HttpRequest
    from django.utils.safestring import SafeString

    from chanjiao.catalogs.models import Major

MajorPanel = Callable[["HttpRequest", "Major"], "SafeString | str"]
major_panels: list[MajorPanel] = []


def major_panel_register(panel: MajorPanel) -> MajorPanel:
    """Add a box to every major's page (once, however often ``ready()`` runs)."""
    if panel not in major_panels:
        major_panels.append(panel)
    return panel
