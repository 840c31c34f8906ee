"""Invitation tokens: a random secret in the link, only its SHA-256 hash in the database."""

import hashlib
import secrets


def token_new() -> str:
    """Return a new random token for an invitation link."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """Return the SHA-256 hex digest stored for a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
