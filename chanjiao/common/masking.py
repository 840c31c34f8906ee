"""Masking of personal data (phone and ID numbers) for lists, pages, API responses and exports."""

from collections.abc import Callable
from typing import Any


def mask_phone(value: str | None) -> str:
    """Show a phone number as ``138****5678``: the first three and last four digits."""
    if not value:
        return ""
    digits = value.strip()
    if len(digits) <= 7:
        return "*" * len(digits)
    return f"{digits[:3]}{'*' * (len(digits) - 7)}{digits[-4:]}"


def mask_id_number(value: str | None) -> str:
    """Show an ID number with only the first and last four characters."""
    if not value:
        return ""
    text = value.strip()
    if len(text) <= 8:
        return "*" * len(text)
    return f"{text[:4]}{'*' * (len(text) - 8)}{text[-4:]}"


# Keys under which the audit log and other copies may hold a phone or an ID number.
PHONE_KEYS = frozenset({"phone", "contact_phone", "mobile", "student_phone"})
ID_NUMBER_KEYS = frozenset({"id_number"})


def mask_personal_values(data: Any) -> Any:
    """Return a copy of JSON-like data with every phone and ID number under a known key masked.

    A value may be the number itself or an ``[old, new]`` pair (the audit log's changes).
    """
    if isinstance(data, list):
        return [mask_personal_values(item) for item in data]
    if not isinstance(data, dict):
        return data
    masked: dict[str, Any] = {}
    for key, value in data.items():
        if key in PHONE_KEYS:
            masked[key] = _mask_each(value, mask_phone)
        elif key in ID_NUMBER_KEYS:
            masked[key] = _mask_each(value, mask_id_number)
        else:
            masked[key] = mask_personal_values(value)
    return masked


def _mask_each(value: Any, mask: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return mask(value) if "*" not in value else value
    if isinstance(value, list):
        return [_mask_each(item, mask) for item in value]
    return value
