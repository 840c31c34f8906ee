"""What the internship pages share: state colours, turning refusals into one message."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from chanjiao.common.exceptions import ApplicationError
from chanjiao.internships.models import IncidentState, PlacementState

STATE_TONES: dict[str, str] = {
    PlacementState.PLANNED: "pending",
    PlacementState.SIGNED: "pending",
    PlacementState.ACTIVE: "ok",
    PlacementState.COMPLETED: "muted",
    PlacementState.TERMINATED: "bad",
    PlacementState.CANCELLED: "muted",
}
INCIDENT_TONES: dict[str, str] = {
    IncidentState.REPORTED: "bad",
    IncidentState.HANDLED: "pending",
    IncidentState.CLOSED: "muted",
}


def refusal_text(form: forms.Form) -> str:
    """Every error of a form in one line (each message names its field)."""
    texts = [str(message) for errors in form.errors.values() for message in errors]
    return "；".join(texts)


def error_message(request: HttpRequest, error: ApplicationError) -> None:
    """Show a service's refusal: its field messages when it names fields, else its message."""
    fields = error.extra.get("fields") or {}
    texts = [str(m) for ms in fields.values() for m in (ms if isinstance(ms, list) else [ms])]
    messages.error(request, "；".join(texts) if texts else error.message)
