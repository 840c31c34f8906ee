"""Where the current request comes from, for the audit log."""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestOrigin:
    ip_address: str | None
    user_agent: str
    path: str


CLI_ORIGIN = RequestOrigin(ip_address=None, user_agent="命令行", path="")

current_origin: ContextVar[RequestOrigin] = ContextVar("current_origin", default=CLI_ORIGIN)
