"""Test overrides only."""

import os
import tempfile
from pathlib import Path

from config.settings import *  # noqa: F403
from config.settings import REST_FRAMEWORK

SECRET_KEY = "test-secret-key-not-for-production-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105
DEBUG = False
HTTPS_ENABLED = False
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {
        "anon": "100000/min",
        "user": "100000/min",
        "crosswalk_classify_anon": "100000/min",
        "crosswalk_classify_user": "100000/min",
    },
}
# Static files are served by runserver's finders in tests; WhiteNoise would warn about STATIC_ROOT.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
# Live-server threads must not keep connections open, or PostgreSQL cannot drop the test database.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# Each test run indexes into its own temporary directory (search tests clear it per test).
CHANJIAO_SEARCH_INDEX_DIR = Path(tempfile.gettempdir()) / f"chanjiao-search-test-{os.getpid()}"
# Hundreds of tests sign privileged users in with force_login (no second factor) and travel in
# time; the account-security tests turn both rules on with override_settings.
CHANJIAO_SECOND_FACTOR_REQUIRED = False
CHANJIAO_PASSWORD_MAX_AGE_DAYS = 0
# Tests keep the cache in memory: each test starts empty and the query-count tests count only the
# page's own queries. The shared database cache is proved under the production settings by
# chanjiao/common/tests/test_shared_rate_limit.py (two gunicorn workers).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# A fixed key ring (docs/personal-data.md), so tests never write a key file.
CHANJIAO_DATA_KEYS = "index:" + "5e" * 32 + "\n1:" + "0123456789abcdeffedcba9876543210" + "\n"
CHANJIAO_DATA_KEYS_FILE = ""
