"""Blind index: HMAC-SM3 (GB/T 32905) of a normalised value, for exact lookups of encrypted data."""

import base64
import re

from cryptography.hazmat.primitives import hashes, hmac

from chanjiao.common.crypto.keys import key_ring

_SEPARATORS = re.compile(r"[\s\-()（）]")


def normalise(value: str) -> str:
    """The form compared: no spaces, dashes or brackets, no +86 prefix, upper-case (ID check X)."""
    text = _SEPARATORS.sub("", value or "").upper()
    if text.startswith("+86"):
        text = text[3:]
    return text


def blind_index(value: str | None, *, purpose: str) -> str:
    """Return the HMAC-SM3 of the normalised value under ``purpose`` (43 characters), or "".

    ``purpose`` (``phone``, ``id_number``) keeps equal strings of different kinds apart. The MAC is
    written in URL-safe base64, not hex: runs of hex digits would often look like phone numbers to
    a scan of a database dump.
    """
    text = normalise(value or "")
    if not text:
        return ""
    mac = hmac.HMAC(key_ring().index_key, hashes.SM3())
    mac.update(f"{purpose}\x00{text}".encode())
    return base64.urlsafe_b64encode(mac.finalize()).decode("ascii").rstrip("=")
