"""Small text helpers shared by loaders and validators."""

import unicodedata


def normalize_text(value: str | None) -> str:
    """Strip and NFKC-normalize a value read from a file or form."""
    if value is None:
        return ""
    return unicodedata.normalize("NFKC", value).strip()
