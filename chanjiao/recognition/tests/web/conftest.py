"""The browser fixture of the web tests (Debian's Chromium through Playwright), shared here."""

from chanjiao.web.tests.conftest import chromium

__all__ = ["chromium"]
