"""Debian's Chromium driven by Playwright, for the browser tests of this folder."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def chromium():
    """A launched browser; skipped (or failed with CHANJIAO_REQUIRE_BROWSER=1) without Chromium."""
    if not CHROMIUM.exists():
        message = (
            "未安装 Chromium（/usr/bin/chromium），跳过浏览器测试；"
            "Debian 上可 apt-get install chromium。"
        )
        if os.environ.get("CHANJIAO_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the ORM calls made here are sync.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def browser_page(chromium):
    """A new page in Chinese."""
    return chromium.new_page(locale="zh-CN")
