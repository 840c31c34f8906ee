"""The single settings module; every difference between deployments is an environment variable."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from whitenoise.compress import Compressor

from config.env import env_bool, env_int, env_list, env_rate, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("CHANJIAO_DATA_DIR", str(Path.cwd() / "var")))

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_secret("DJANGO_SECRET_KEY", fallback_file=DATA_DIR / "secret_key")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "chanjiao.common",
    "chanjiao.accounts",
    "chanjiao.workflow",
    "chanjiao.audit",
    "chanjiao.catalogs",
    "chanjiao.organizations",
    "chanjiao.students",
    "chanjiao.localities",
    "chanjiao.listings",
    "chanjiao.subscriptions",
    "chanjiao.search",
    "chanjiao.crosswalk",
    "chanjiao.events",
    "chanjiao.applications",
    "chanjiao.contact_requests",
    "chanjiao.recommendations",
    "chanjiao.internships",
    "chanjiao.recognition",
    "chanjiao.statistics",
    "chanjiao.analytics",
    "chanjiao.early_warning",
    "chanjiao.forecasting",
    "chanjiao.reports",
    "chanjiao.demo",
    "chanjiao.selfservice",
    "chanjiao.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "chanjiao.common.replica.ReplicaReadMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "chanjiao.common.middleware.ApiOptionalSlashMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "chanjiao.accounts.middleware.AccountSecurityMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "chanjiao.audit.middleware.AuditContextMiddleware",
    "chanjiao.common.page_errors.DomainErrorPageMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "chanjiao.web.context.layout",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'chanjiao.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and env_bool(
    "CHANJIAO_SQLITE_TUNED", True
):
    # The embedded database under concurrent use: readers never wait for the writer (WAL), a
    # transaction takes the write lock when it starts (IMMEDIATE, so two writers queue instead of
    # failing half-way with "database is locked"), and a writer waits up to 20 s for its turn.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env_int("CHANJIAO_SQLITE_TIMEOUT", 20),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
# A streaming replica for reads (docs/deployment.md, chanjiao/common/replica.py): GET requests
# read it, everything else uses the primary. Unset (the default), one database does it all.
CHANJIAO_REPLICA_URL = env_str("CHANJIAO_REPLICA_URL", "")
if CHANJIAO_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        CHANJIAO_REPLICA_URL,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["chanjiao.common.replica.PrimaryReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, refusing superusers (command line only).
    "chanjiao.accounts.backends.PlatformModelBackend",
    # 三员分立: permissions from the administrator role (authenticates no one).
    "chanjiao.accounts.admin_roles.AdminRoleBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        # Django's MinimumLengthValidator with a Chinese message.
        "NAME": "chanjiao.accounts.passwords.ChineseMinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("CHANJIAO_PASSWORD_MIN_LENGTH", 8)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # GB/T 22239-2019 8.1.4.1 a (chanjiao/accounts/passwords.py).
    {
        "NAME": "chanjiao.accounts.passwords.CharacterClassValidator",
        "OPTIONS": {"min_classes": env_int("CHANJIAO_PASSWORD_MIN_CLASSES", 3)},
    },
    {"NAME": "chanjiao.accounts.passwords.ChineseCommonPasswordValidator"},
    {
        "NAME": "chanjiao.accounts.passwords.RepeatedCharacterValidator",
        "OPTIONS": {"max_run": env_int("CHANJIAO_PASSWORD_MAX_REPEAT", 3)},
    },
    {
        "NAME": "chanjiao.accounts.passwords.PasswordHistoryValidator",
        "OPTIONS": {"keep": env_int("CHANJIAO_PASSWORD_HISTORY", 5)},
    },
]
# Privileged accounts (staff, government 政府管理员 and 审核员) change their password this often.
CHANJIAO_PASSWORD_MAX_AGE_DAYS = env_int("CHANJIAO_PASSWORD_MAX_AGE_DAYS", 90)
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"

# Login lockout (django-axes; chanjiao/accounts/lockout.py): an account is locked after
# AXES_FAILURE_LIMIT failures from any addresses, an address after
# CHANJIAO_LOGIN_ADDRESS_FAILURE_LIMIT failures over any accounts (higher: a school's computer room
# shares one address). Each lock lasts the next step of CHANJIAO_LOGIN_COOLOFF_MINUTES (one step
# further for every AXES_FAILURE_LIMIT failures beyond the limit) after the latest failure;
# failures are forgotten CHANJIAO_LOGIN_FAILURE_MEMORY after the latest one, at a
# successful sign-in, or (account lock) when the password is reset by e-mail.
AXES_HANDLER = "chanjiao.accounts.lockout.PlatformAxesHandler"
AXES_FAILURE_LIMIT = env_int("CHANJIAO_LOGIN_FAILURE_LIMIT", 5)
CHANJIAO_LOGIN_ADDRESS_FAILURE_LIMIT = env_int("CHANJIAO_LOGIN_ADDRESS_FAILURE_LIMIT", 30)
CHANJIAO_LOGIN_COOLOFF_MINUTES = [
    int(m) for m in env_list("CHANJIAO_LOGIN_COOLOFF_MINUTES", ["1", "5", "15", "30"])
]
CHANJIAO_LOGIN_FAILURE_MEMORY = timedelta(
    minutes=env_int("CHANJIAO_LOGIN_FAILURE_MEMORY_MINUTES", 60)
)

# The cool-off of the lock in force (it grows with the failures).
AXES_COOLOFF_TIME = "chanjiao.accounts.lockout.lockout_cool_off"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# Refused attempts during a lock are not counted: the people sharing a locked address would
# otherwise make its lock longer by trying again.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "chanjiao.accounts.lockout.lockout_response"
AXES_LOCKOUT_TEMPLATE = "web/lockout.html"
AXES_VERBOSE = False
# The client address: X-Forwarded-For is believed only from these proxies (addresses or CIDR
# networks, comma separated; empty: REMOTE_ADDR). Used by the lockout and the audit log.
CHANJIAO_TRUSTED_PROXIES = env_list("CHANJIAO_TRUSTED_PROXIES", [])
AXES_CLIENT_IP_CALLABLE = "chanjiao.common.client_ip.client_ip"

# Second factor (GB/T 22239-2019 8.1.4.1 d; chanjiao/accounts/two_factor.py): TOTP and recovery
# codes, required of privileged accounts, optional for others. Wrong codes are limited per
# account; django-otp's own per-device delay is off (the per-account limit replaces it).
CHANJIAO_SECOND_FACTOR_REQUIRED = env_bool("CHANJIAO_SECOND_FACTOR_REQUIRED", True)
CHANJIAO_SECOND_FACTOR_FAILURE_LIMIT = env_int("CHANJIAO_SECOND_FACTOR_FAILURE_LIMIT", 5)
CHANJIAO_SECOND_FACTOR_FAILURE_WINDOW_MINUTES = env_int(
    "CHANJIAO_SECOND_FACTOR_FAILURE_WINDOW_MINUTES", 15
)
OTP_TOTP_ISSUER = "产教融合平台"
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0

# Personal data at rest (docs/personal-data.md, GB/T 39786-2021): SM4 data keys and the HMAC-SM3
# blind-index key, never in the database. Production sets CHANJIAO_DATA_KEYS (the ring's text) or
# CHANJIAO_DATA_KEYS_FILE (a file holding it); without either a ring is generated under DATA_DIR
# for development, and `check --deploy` warns.
CHANJIAO_DATA_KEYS = env_str("CHANJIAO_DATA_KEYS", "")
CHANJIAO_DATA_KEYS_FILE = env_str("CHANJIAO_DATA_KEYS_FILE", "")
CHANJIAO_DATA_KEYS_DEV_FILE = DATA_DIR / "data-keys"

# Idle session timeout: the cookie's age is renewed on every request.
SESSION_COOKIE_AGE = env_int("CHANJIAO_SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Transport security: on unless the deployment says it serves plain HTTP (a local demo does).
HTTPS_ENABLED = env_bool("CHANJIAO_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS_ENABLED
SESSION_COOKIE_SECURE = HTTPS_ENABLED
CSRF_COOKIE_SECURE = HTTPS_ENABLED
SECURE_HSTS_SECONDS = env_int("CHANJIAO_HSTS_SECONDS", 31536000) if HTTPS_ENABLED else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS_ENABLED
SECURE_HSTS_PRELOAD = HTTPS_ENABLED
if env_bool("CHANJIAO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts, styles, fonts, images and requests from this site
# only, no inline script (every behaviour lives in a static file), no plug-ins, no framing. Inline
# style attributes stay allowed: ECharts draws its tooltips with them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
CSRF_COOKIE_HTTPONLY = True

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("CHANJIAO_STATIC_ROOT", str(DATA_DIR / "static")))
# Files the platform writes (the published yearly reports); not served publicly by default.
MEDIA_ROOT = Path(env_str("CHANJIAO_MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Source maps (13 MB of the API docs' bundles) are for developers' tools, never sent compressed:
# compressing them was two thirds of collectstatic's time.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")
# Every page links static files through {% static %} (hashed names): the unhashed copies would
# only double the compression work.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "chanjiao.common.pagination.DefaultPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_rate("CHANJIAO_THROTTLE_ANON", "120/min"),
        "user": env_rate("CHANJIAO_THROTTLE_USER", "600/min"),
        # /api/v1/occupations/classify runs the classifier: a tighter rate than plain reads.
        "crosswalk_classify_anon": env_rate("CHANJIAO_THROTTLE_CLASSIFY_ANON", "30/min"),
        "crosswalk_classify_user": env_rate("CHANJIAO_THROTTLE_CLASSIFY_USER", "120/min"),
    },
    "DEFAULT_SCHEMA_CLASS": "chanjiao.common.schema.AutoSchema",
    "EXCEPTION_HANDLER": "chanjiao.common.api.exception_handler",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}

SPECTACULAR_SETTINGS = {
    "TITLE": "产教融合信息服务平台 API",
    "DESCRIPTION": "Chanjiao 开放接口：目录、机构、地区配置等。",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Choice sets whose field names ("kind", "role") other apps also use.
    "ENUM_NAME_OVERRIDES": {
        "PlacementKindEnum": "chanjiao.internships.models.PlacementKind",
        "InsuranceKindEnum": "chanjiao.internships.models.InsuranceKind",
        "IncidentKindEnum": "chanjiao.internships.models.IncidentKind",
        "AgreementPartyRoleEnum": "chanjiao.internships.models.PartyRole",
        "KindEnum": "chanjiao.listings.kinds.ListingKind",
        "DirectionEnum": "chanjiao.listings.kinds.Direction",
        "EvaluationDirectionEnum": "chanjiao.internships.models.EvaluationDirection",
        "RoleEnum": "chanjiao.accounts.models.Role",
    },
    # Each tag's description starts with its Chinese name, then "：" and what it covers; the
    # Chinese API page (/api/v1/docs/) shows the groups in this order.
    "TAGS": [
        {
            "name": "listings",
            "description": "供需信息：招聘、实习、求职、合作项目等信息的发布、审核、举报与导出。",
        },
        {"name": "listing-kinds", "description": "信息类型：各类供需信息的字段说明。"},
        {"name": "search", "description": "检索：全文检索公开信息与目录，搜索框自动补全。"},
        {"name": "recommendations", "description": "推荐：为学生、机构和学校专业推荐匹配的信息。"},
        {"name": "subscriptions", "description": "订阅：保存筛选条件，有新信息时站内通知。"},
        {"name": "notifications", "description": "站内信：通知列表与已读标记。"},
        {"name": "majors", "description": "专业目录：职业教育与本科专业目录。"},
        {"name": "major-groups", "description": "专业大类与专业类：专业目录的层级。"},
        {
            "name": "occupations",
            "description": "职业分类：《职业分类大典（2022年版）》的职业，及职位标题的职业归类。",
        },
        {"name": "industries", "description": "行业分类：国民经济行业分类（GB/T 4754-2017）。"},
        {"name": "major-occupation-links", "description": "专业—职业对应：专业目录所列职业面向。"},
        {"name": "crosswalk", "description": "专业—职业—行业对照：对照关系的查看与人工维护。"},
        {"name": "regions", "description": "行政区划：统计用区划代码。"},
        {
            "name": "localities",
            "description": "地区配置：各地区政策文件的政策参数、重点产业和点名机构。",
        },
        {
            "name": "organizations",
            "description": "机构：政府部门、学校、企业的名录、认证、成员与开设专业。",
        },
        {
            "name": "statistics",
            "description": "统计数据：专业点年度统计与人社供求统计的查询和导入。",
        },
        {
            "name": "analytics",
            "description": "供需分析：岗位需求、人才供给、供需对比表与年度报告数据。",
        },
        {"name": "forecasts", "description": "需求预测：各地区的需求预测与紧缺职业排名。"},
        {"name": "warnings", "description": "专业预警：预警规则、评估记录、预警及学校回应。"},
        {
            "name": "applications",
            "description": "投递：求职者投递岗位，招聘单位查看投递、邀请面试、录用或告知不合适。",
        },
        {
            "name": "internships",
            "description": (
                "实习管理：实习安排、三方协议、实习保险、周志、突发事件、评价、违规预警"
                "与实习岗位比例。"
            ),
        },
        {
            "name": "recognition",
            "description": (
                "认定项目：产教融合型企业、校企合作基地、名师基地等的入库、申报、初审、复核、公示、"
                "认定、年度复核与退出；认证目录、激励台账与教育费附加抵免估算。"
            ),
        },
        {
            "name": "contact-requests",
            "description": "联系学校：用人单位请学校推荐某专业某届毕业生，学校接受或婉拒。",
        },
        {
            "name": "events",
            "description": "招聘活动：招聘会、双选会、小型面试会的发布、报名与成效。",
        },
        {"name": "me", "description": "当前用户：登录用户及其角色。"},
        {"name": "users", "description": "用户：用户信息（个人信息脱敏）。"},
        {"name": "consents", "description": "授权：个人信息查看授权的撤回。"},
        {"name": "audit-events", "description": "审计日志：敏感操作的记录（平台管理员）。"},
    ],
}

# One cache shared by every worker and every machine, so that rate limits (DRF throttling), the
# import error lists kept for download and the cached counts hold across all of them: the
# database's own cache table by default (created by migration common/0002), Redis (Debian's
# redis-server, the `redis` extra) when CHANJIAO_REDIS_URL is set. A per-process memory cache
# would let each gunicorn worker count its own 120 requests a minute.
CHANJIAO_REDIS_URL = env_str("CHANJIAO_REDIS_URL", "")
CACHE_TABLE = "chanjiao_cache"
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CHANJIAO_REDIS_URL}
        if CHANJIAO_REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
            # Culling drops a third of the entries when full: far above the number of clients,
            # or the throttles would forget who came.
            "OPTIONS": {"MAX_ENTRIES": 200_000, "CULL_FREQUENCY": 3},
        }
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("CHANJIAO_LOG_LEVEL", "WARNING")},
}

# Background tasks (STYLE §6). "immediate" runs each task where it is enqueued (tests, one-off
# commands); "database" queues them for `chanjiao db_worker`. `chanjiao serve` (make run) and the
# production units (Procfile, deploy/) run on "database", so no long job runs inside a request.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS = {"default": {"BACKEND": TASK_BACKENDS[env_str("CHANJIAO_TASK_BACKEND", "immediate")]}}
# `chanjiao task_worker` (chanjiao/common/task_worker.py): a task the database interrupted runs
# again after 5 s, 10 s, 20 s … (at most 5 minutes apart), at most 5 runs in all; a task RUNNING
# for over 2 hours was left by a worker that died and is queued again.
CHANJIAO_TASK_RETRY_BASE_SECONDS = env_int("CHANJIAO_TASK_RETRY_BASE_SECONDS", 5)
CHANJIAO_TASK_RETRY_MAX_SECONDS = env_int("CHANJIAO_TASK_RETRY_MAX_SECONDS", 300)
CHANJIAO_TASK_MAX_ATTEMPTS = env_int("CHANJIAO_TASK_MAX_ATTEMPTS", 5)
CHANJIAO_TASK_STALE_SECONDS = env_int("CHANJIAO_TASK_STALE_SECONDS", 2 * 3600)

# Search (docs/search.md): "tantivy" keeps an embedded index under DATA_DIR; "postgresql" uses the
# database's full-text search (a side table with a GIN index).
# Analytics on Apache Spark (docs/analytics.md): the heap of the local-mode driver.
CHANJIAO_SPARK_DRIVER_MEMORY = env_str("CHANJIAO_SPARK_DRIVER_MEMORY", "4g")

CHANJIAO_SEARCH_BACKEND = env_str("CHANJIAO_SEARCH_BACKEND", "tantivy")
CHANJIAO_SEARCH_INDEX_DIR = Path(
    env_str("CHANJIAO_SEARCH_INDEX_DIR", str(DATA_DIR / "search-index"))
)

# E-mail for subscription notices: console by default, SMTP when configured.
EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "noreply@chanjiao.local")
CHANJIAO_EMAIL_NOTIFICATIONS = env_bool("CHANJIAO_EMAIL_NOTIFICATIONS", False)
# The platform's public address, for absolute links in e-mails (e.g. https://cj.example.gov.cn).
CHANJIAO_SITE_URL = env_str("CHANJIAO_SITE_URL", "")

# Bulk import limits: refuse hostile files early, in bounded memory.
CHANJIAO_IMPORT_MAX_ROWS = env_int("CHANJIAO_IMPORT_MAX_ROWS", 100_000)
CHANJIAO_IMPORT_MAX_BYTES = env_int("CHANJIAO_IMPORT_MAX_BYTES", 64 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
