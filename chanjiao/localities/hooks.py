"""Boxes that higher apps add to a locality's page (e.g. recognition targets against the directory).

Localities sits below every app that counts things against a locality's targets and never imports
them; each such app registers a panel here in its ``AppConfig.ready()``. A panel returns the HTML
for this viewer, or "" when it has nothing to show; the page renders them in registration order.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.http import HttpRequest
    from django.utils.safestring import SafeString

    from chanjiao.localities.models import Locality

LocalityPanel = Callable[["HttpRequest", "Locality"], "SafeString | str"]
locality_panels: list[LocalityPanel] = []


def locality_panel_register(panel: LocalityPanel) -> LocalityPanel:
    """Add a box to every locality's page (once, however often ``ready()`` runs)."""
    if panel not in locality_panels:
        locality_panels.append(panel)
    return panel
