"""Writes: an organiser's events, enterprises registering with their posts, people registering.

An enterprise's registration moves through ``EVENT_ENTERPRISE_WORKFLOW`` (row lock, Chinese
conflict message, history row and audit event ``event_enterprise.<step>``). Every step that
counts against a capacity locks the event's row first, so two people cannot take the last place.
"""

from chanjiao.events.services.enterprises import (
    event_enterprise_approve,
    event_enterprise_decline,
    event_enterprise_register,
    event_enterprise_withdraw,
)
from chanjiao.events.services.events import (
    event_cancel,
    event_create,
    event_update,
    event_values_clean,
)
from chanjiao.events.services.registrations import (
    event_register,
    event_registration_cancel,
    student_capacity_message,
)
from chanjiao.events.services.shared import organizer_member_ids

__all__ = [
    "event_cancel",
    "event_create",
    "event_enterprise_approve",
    "event_enterprise_decline",
    "event_enterprise_register",
    "event_enterprise_withdraw",
    "event_register",
    "event_registration_cancel",
    "event_update",
    "event_values_clean",
    "organizer_member_ids",
    "student_capacity_message",
]
