"""One workbench task: a count with a link and a tone (shared by the workbench modules)."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse


@dataclass(frozen=True)
class Task:
    """One thing to look at: how many, what it is, where to go, and how pressing it is."""

    label: str
    count: int | None
    unit: str
    url: str
    hint: str = ""
    # "urgent" (someone waits on this user), "attention", "calm" (nothing to do), "" (plain link).
    tone: str = ""


def task_url(name: str, **query: object) -> str:
    base = reverse(name)
    return f"{base}?{urlencode(query)}" if query else base
