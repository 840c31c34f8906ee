"""Domain exceptions raised by services and mapped to HTTP responses by the API layer."""

from typing import Any


class ApplicationError(Exception):
    """A request the domain refuses, with a Chinese message for the user."""

    status_code = 400

    def __init__(self, message: str, extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}


def field_refusal(field: str, message: str) -> ApplicationError:
    """A refusal naming one field; pages show the message beside it, the API in ``extra``."""
    return ApplicationError(message, extra={"fields": {field: [message]}, "field": field})


class PermissionDeniedError(ApplicationError):
    """The acting user may not do this to this row."""

    status_code = 403


class NotFoundError(ApplicationError):
    """The row does not exist or is not visible to the acting user."""

    status_code = 404


class ConflictError(ApplicationError):
    """The row is not (or no longer) in a state that allows the request (another user was first).

    Answered with 400 like any other refused request, so that API clients see no new status code.
    """
