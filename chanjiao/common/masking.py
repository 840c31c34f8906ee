"""Masking of personal data (phone and ID numbers) for lists, pages, API responses and exports."""


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
