"""Settings shared by every environment. Everything that differs between
deployments comes from the environment; see README.md for the full list."""

import importlib.util
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _
from redis.backoff import NoBackoff
from redis.retry import Retry

from newsroom.env import env_bool, env_int, env_list, env_str, mailer_from_env

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("NEWSROOM_VAR_DIR", str(BASE_DIR / "var")))

# Overridden by dev.py (a fixed, obviously-insecure key) and refused by production.py.
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

SITE_NAME = env_str("SITE_NAME", "Azerbaijan news")
SITE_TAGLINE = env_str("SITE_TAGLINE", "News from Baku and the regions")
# The public address of the site. Canonical links, feeds, sitemaps and (later)
# emails are built from it, never from the request's Host header.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
_site = urlsplit(SITE_URL)
SITE_ORIGIN = f"{_site.scheme}://{_site.netloc}"
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [SITE_ORIGIN])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "newsroom.apps.TagsConfig",  # taggit, named for the admin index
    "django_prose_editor",
    "newsroom.apps.BackgroundTasksConfig",  # django_tasks_db, named likewise
    "crontask",
    "anymail",
    "newsroom.apps.SignInAttemptsConfig",  # axes, named likewise
    "django_otp",
    "newsroom.apps.AuthenticatorAppsConfig",  # django_otp's TOTP devices, named likewise
    "newsroom",
    "articles",
    "comments",
    "newsletter",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # TRACE and made-up methods: 405 before anything answers them as a GET.
    "newsroom.http.KnownMethodsMiddleware",
    # Above the page cache, so that pages it serves carry the same policies.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "newsroom.http.AdminContentSecurityPolicyMiddleware",
    "newsroom.http.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous readers' pages from one stored, compressed copy: a hit skips
    # everything below (newsroom/page_cache.py).
    "newsroom.page_cache.PageCacheMiddleware",
    # Every HTML, XML and JSON response compressed on the way out (WhiteNoise
    # serves static files precompressed, above). Django's gzip adds random
    # padding against BREACH on pages that carry a CSRF token (the admin).
    "django.middleware.gzip.GZipMiddleware",
    # An ETag from the uncompressed body and 304 to a matching If-None-Match:
    # inside GZipMiddleware, so that the tag names the content, not its encoding.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language of the page from its address; the admin's from the editor.
    "newsroom.i18n.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session gave a two-factor code.
    "django_otp.middleware.OTPMiddleware",
    # Staff who must use two-factor and have no device enrol before anything else.
    "newsroom.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "comments.middleware.NoticeCookieMiddleware",
    # Last, so that it sees the response of any view or template tag that
    # marked the page as one reader's own (newsroom/http.py).
    "newsroom.http.PersonalPageMiddleware",
    # Refuses a locked-out login before any password is hashed (django-axes
    # asks to be last).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                # {% csp_nonce_attr %}: the admin's <style> and <script> tags.
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # On a fresh clone var/ does not exist yet, and SQLite will not create the
    # folder: without this any first command (even `manage.py check`, whose
    # JSONField check opens a connection) fails with "unable to open database file".
    if str(DATABASES["default"]["NAME"]) not in ("", ":memory:"):
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the web server read while the task worker writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _db_options = DATABASES["default"].setdefault("OPTIONS", {})
    # A database that does not answer (a failover, a full backlog) fails the
    # request in seconds instead of holding the worker until gunicorn kills it.
    # libpq counts whole seconds, at least 2. A connect_timeout in
    # DATABASE_URL's query string wins.
    _db_options.setdefault("connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 5))
    # A query that runs longer than this is cancelled by PostgreSQL ("canceling
    # statement due to statement timeout"): a slow page ends as an error page
    # and its connection is free again. Unset (the default) means no limit,
    # which is what migrations, the task worker's newsletter batches and a shell
    # need; deploy/gunicorn.conf.py sets it for the web workers only, from
    # WEB_STATEMENT_TIMEOUT_MS (5000 by default). It goes in at connection time
    # (libpq's "options"), so it holds for every statement on a persistent
    # connection. PgBouncer does not pass this option on: behind it, give the
    # web its own role with ALTER ROLE ... SET statement_timeout instead.
    _statement_timeout_ms = env_int("DATABASE_STATEMENT_TIMEOUT_MS", 0)
    if _statement_timeout_ms > 0:
        _pg_options = [
            _db_options.get("options", ""),
            f"-c statement_timeout={_statement_timeout_ms}",
        ]
        _db_options["options"] = " ".join(filter(None, _pg_options))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A read replica (PostgreSQL streaming replication) for the public pages'
# reads: newsroom/db_router.py says which reads may go there. It gets the
# primary's connection options (timeouts) unless its own URL sets them.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    _replica = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    if _replica["ENGINE"] != DATABASES["default"]["ENGINE"]:
        raise ImproperlyConfigured(
            "DATABASE_REPLICA_URL must be a replica of DATABASE_URL's database (the same engine)."
        )
    _replica["OPTIONS"] = {**DATABASES["default"].get("OPTIONS", {}), **_replica.get("OPTIONS", {})}
    DATABASES["replica"] = _replica
    DATABASE_ROUTERS = ["newsroom.db_router.ReplicaRouter"]
    MIDDLEWARE.insert(1, "newsroom.db_router.ReplicaReadsMiddleware")
# The pages (URL names) whose reads may go to the replica: those every
# anonymous reader gets alike. Personal pages, forms, links from e-mails and
# the admin read the primary.
DATABASE_REPLICA_PAGES = [
    "articles:home",
    "articles:detail",
    "articles:section",
    "articles:tag",
    "articles:author",
    "articles:search",
    "feed",
    "section_feed",
    "sitemap",
    "sitemap_section",
    "news_sitemap",
    "newsletter:index",
    "privacy",
    "robots_txt",
]

REDIS_URL = env_str("REDIS_URL")
# Seconds to wait for Redis to connect or to answer one command.
_redis_timeout = env_int("REDIS_TIMEOUT_MS", 500) / 1000
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Several sites (or a staging copy) may share one Redis with their own prefixes.
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "newsroom"),
            # A Redis that is down or frozen costs a request a fraction of a
            # second, not redis-py's default wait for ever; callers then go on
            # without the cache (newsroom/faults.py). One quick retry on a
            # fresh connection covers a connection the server dropped.
            "OPTIONS": {
                "socket_connect_timeout": _redis_timeout,
                "socket_timeout": _redis_timeout,
                "retry": Retry(NoBackoff(), 1),
            },
        }
    }
    # The shared page cache (newsroom/page_cache.py) apart, so that pages never
    # push the rate-limit counters out. Its change counters are stored without
    # expiry: give Redis `maxmemory-policy volatile-lru` (README).
    CACHES["pages"] = {
        **CACHES["default"],
        "KEY_PREFIX": f"{CACHES['default']['KEY_PREFIX']}-pages",
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }
# The shared page cache: how long the app keeps a page (0 turns it off; every
# change invalidates what it shows at once), and the lifetimes it announces to
# caches in front of it, which nothing purges: browsers (max-age) and shared
# caches, a reverse proxy or CDN (s-maxage, nginx's X-Accel-Expires), which may
# also serve a stale copy while fetching a new one, or while the app is down.
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# A page checked against the shared cache is reused by the process for this
# long without asking again: how late another process's change may reach it.
PAGE_CACHE_LOCAL_MS = env_int("PAGE_CACHE_LOCAL_MS", 500)
PAGE_MAX_AGE = env_int("PAGE_MAX_AGE", 30)
PAGE_SHARED_MAX_AGE = env_int("PAGE_SHARED_MAX_AGE", 10)
PAGE_STALE_WHILE_REVALIDATE = env_int("PAGE_STALE_WHILE_REVALIDATE", 30)
PAGE_STALE_IF_ERROR = env_int("PAGE_STALE_IF_ERROR", 24 * 3600)

# Background work goes through a queue in the database (django-tasks-db: no
# other service to run). TASK_BACKEND=rq moves it to Redis (django-tasks-rq,
# not installed by requirements.lock: see README, "Beyond one machine") when
# the database queue is outgrown.
TASK_BACKEND = env_str("TASK_BACKEND", "database")
if TASK_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif TASK_BACKEND == "rq":
    if not (importlib.util.find_spec("django_tasks_rq") and REDIS_URL):
        raise ImproperlyConfigured(
            "TASK_BACKEND=rq needs django-tasks-rq installed (pip install django-tasks-rq) "
            "and REDIS_URL set; or leave TASK_BACKEND unset for the database queue."
        )
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    raise ImproperlyConfigured(f"TASK_BACKEND must be database or rq, got {TASK_BACKEND!r}")
# /healthz says "degraded" when a task has waited longer than this for a worker.
HEALTHZ_TASK_BACKLOG_SECONDS = env_int("HEALTHZ_TASK_BACKLOG_SECONDS", 900)
# What a 503 (the database unreachable) asks clients to wait before trying again.
RETRY_AFTER_SECONDS = env_int("RETRY_AFTER_SECONDS", 30)

# The site's periodic work, all of it: task path -> crontab (minute hour day
# month day-of-week, in TIME_ZONE; days of the week by name, as crontask asks).
# `manage.py crontask` (newsroom/tasks.py) enqueues each task on time and the
# task worker runs it; `make run` starts both. Each task does its work once and
# is safe to run twice.
PERIODIC_TASKS = {
    "comments.tasks.send_moderation_digests": "* * * * *",
    # Every minute: a list's digest goes out at its own digest time.
    "newsletter.tasks.send_due_digests": "* * * * *",
    # Sends whose worker died, resumed within minutes.
    "newsletter.tasks.watch_sends": "*/5 * * * *",
    "newsletter.tasks.purge_pending_signups": "15 3 * * *",
    "comments.tasks.erase_expired_ips": "30 3 * * *",
    "newsroom.maintenance.prune_task_results": "45 3 * * *",
    "newsroom.maintenance.prune_sign_in_records": "50 3 * * *",
}
# With several servers, only one scheduler may run: crontask holds a lock in
# Redis (without REDIS_URL, run `manage.py crontask` on one machine only).
CRONTASK = {"REDIS_URL": REDIS_URL} if REDIS_URL else {}

# The admin's sign-in (newsroom/accounts/): django-axes counts failures and
# refuses a locked-out attempt before any password is hashed; then the
# password, and the two-factor code of an account that has enrolled a device.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "newsroom.accounts.backends.TwoFactorBackend",
]
# Login throttling (https://django-axes.readthedocs.io/): LOGIN_FAILURE_LIMIT
# failed sign-ins lock the account (from any address) and, separately, the
# address (for any account) until LOGIN_COOLOFF_MINUTES have passed since the
# failure that locked it. Attempts refused meanwhile do not extend it, so
# nobody is locked out for longer than that by one burst; a success resets the
# count. Failures older than the cool-off no longer count.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Successful sign-ins (who, when, address, browser) are kept this long, then
# deleted by newsroom.maintenance.prune_sign_in_records.
LOGIN_LOG_RETENTION_DAYS = env_int("LOGIN_LOG_RETENTION_DAYS", 90)
# Lockouts are logged as warnings; the start-up banner is left out.
AXES_VERBOSE = False
# The same client address as the reader forms' rate limits (TRUSTED_PROXY_COUNT).
AXES_CLIENT_IP_CALLABLE = "newsroom.ratelimit.client_ip"
# The sign-in page again, with the message beside the form (HTTP 429).
AXES_LOCKOUT_CALLABLE = "newsroom.accounts.throttling.lockout_response"
# Never keep passwords or codes (recovery codes are secrets) in the failure log.
AXES_SENSITIVE_PARAMETERS = ["password", "otp_token"]
# Two-factor (django-otp): the name authenticator apps show beside the code.
OTP_TOTP_ISSUER = SITE_NAME
# Accounts holding any of these permissions (publishing, sending newsletters)
# must use two-factor once a chief editor requires it in Security settings.
TWO_FACTOR_REQUIRED_PERMISSIONS = ["articles.publish_article", "newsletter.send_issue"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The languages the outlet publishes in, and the one whose addresses carry no
# prefix (/ru/... and /az/... for the others). Names are Django's own.
LANGUAGE_CODE = env_str("LANGUAGE_CODE", "en")
KNOWN_LANGUAGES = {"en": _("English"), "az": _("Azerbaijani"), "ru": _("Russian")}
LANGUAGES = [
    (code, KNOWN_LANGUAGES.get(code, code))
    for code in env_list("NEWSROOM_LANGUAGES", ["en", "az", "ru"])
]
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured(
        f"LANGUAGE_CODE {LANGUAGE_CODE!r} must be one of NEWSROOM_LANGUAGES "
        f"({', '.join(dict(LANGUAGES))})."
    )
TIME_ZONE = env_str("TIME_ZONE", "Asia/Baku")
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# The date formats readers see in each language (newsroom/formats/).
FORMAT_MODULE_PATH = ["newsroom.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Uploaded images wait here, never served, until the task worker has
# re-encoded them without their metadata (articles/images.py). The web and the
# worker must share it: the same disk, or a private bucket on object storage.
IMAGE_UPLOADS_ROOT = Path(env_str("IMAGE_UPLOADS_ROOT", str(VAR_DIR / "uploads")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "image_uploads": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": IMAGE_UPLOADS_ROOT},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploads on S3 or an S3-compatible object store (django-storages, not installed
# by requirements.lock: see README, "Beyond one machine"), so that every app
# server sees the same files. boto3 finds its credentials itself
# (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the machine's role).
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    if not (importlib.util.find_spec("storages") and importlib.util.find_spec("boto3")):
        raise ImproperlyConfigured(
            "AWS_STORAGE_BUCKET_NAME needs django-storages with boto3 installed "
            "(pip install 'django-storages[s3]'); or unset it to keep media in MEDIA_ROOT."
        )
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            # Media addresses from a CDN or the bucket's own public address.
            "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN") or None,
            # Plain addresses: a signed one expires and differs from one page
            # build to the next, and public pages are the same bytes for all.
            "querystring_auth": False,
            # A new upload never replaces another's file of the same name.
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=86400"},
        },
    }
    # Where pages load those images from: the Content-Security-Policy's img-src.
    _media = STORAGES["default"]["OPTIONS"]
    if _media["custom_domain"]:
        MEDIA_ORIGINS = [f"https://{_media['custom_domain']}"]
    elif _media["endpoint_url"]:
        _endpoint = urlsplit(_media["endpoint_url"])
        MEDIA_ORIGINS = [f"{_endpoint.scheme}://{_endpoint.netloc}"]
    else:
        MEDIA_ORIGINS = [f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"]
        if _media["region_name"]:
            MEDIA_ORIGINS.append(
                f"https://{AWS_STORAGE_BUCKET_NAME}.s3.{_media['region_name']}.amazonaws.com"
            )
else:
    MEDIA_ORIGINS = []
# Uploads larger than this are rejected before Pillow sees them.
MAX_IMAGE_UPLOAD_BYTES = env_int("MAX_IMAGE_UPLOAD_BYTES", 20 * 1024 * 1024)
# Pillow refuses images above twice this many pixels; we refuse above it.
MAX_IMAGE_PIXELS = env_int("MAX_IMAGE_PIXELS", 40_000_000)

# Django 6.1 configures email through MAILERS; the variables keep their
# familiar EMAIL_* names. EMAIL_BACKEND is a dotted path or one of: smtp, file,
# console, locmem.
MAILERS = {"default": mailer_from_env(default_backend="smtp", file_path=VAR_DIR / "mail")}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", f"{SITE_NAME} <newsroom@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = [("Admins", a) for a in env_list("DJANGO_ADMINS", [])]

# Public pages must be byte-identical for every anonymous reader (see
# newsroom/origin.py), so nothing on them may touch the session or the CSRF
# cookie; the admin keeps Django's token CSRF.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

# The one inline script of the public pages (templates/base.html), allowed by
# its hash: a per-response nonce would make every page's bytes differ and
# break the shared page cache. tests/newsroom/test_security_headers.py checks
# that every inline script the site prints is listed here.
INLINE_SCRIPT_HASHES = ["'sha256-qOhFsq0QMV2REqNwk5hGH5bZE9SkX6gt6yeyKdYPv+U='"]
# Content-Security-Policy (Django's own middleware): only this site's scripts,
# styles, images (and media on object storage), fonts and connections; no
# plugins, no framing, no <base> and no form posting elsewhere. Style
# *attributes* stay allowed (style-src-attr): the comment avatars' colour and
# the admin's templates use them, and an attribute cannot load anything or
# run script.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, *INLINE_SCRIPT_HASHES],
    "style-src": [CSP.SELF],
    "style-src-attr": [CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", *MEDIA_ORIGINS],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# The admin (ADMIN_URL_PREFIX) is never cached, so there a per-response nonce
# costs nothing: Django's admin templates mark their <script> tags with it, and
# no other inline script runs. Inline <style> is allowed there: the body
# editor (django-prose-editor) inserts a <style> element of its own, which
# cannot carry the nonce, and a style cannot run script.
ADMIN_URL_PREFIX = "/admin/"
SECURE_CSP_ADMIN = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
}
# Permissions-Policy (newsroom/http.py): no page of the site needs any of
# these, so a script that got in could not use them either. Only features
# browsers know: Chromium logs an error for each name it does not.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

TAGGIT_CASE_INSENSITIVE = True

ARTICLES_PER_PAGE = env_int("ARTICLES_PER_PAGE", 12)
# Google News only wants articles from the last two days in its sitemap.
NEWS_SITEMAP_HOURS = 48

# How many proxies in front of the app append to X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Comments (comments/): most rules are Discussion settings, edited in the admin.
COMMENTS_IP_RETENTION_DAYS = env_int("COMMENTS_IP_RETENTION_DAYS", 60)
# The least time between two moderation e-mails to one moderator (a digest).
COMMENTS_MODERATION_DIGEST_MINUTES = env_int("COMMENTS_MODERATION_DIGEST_MINUTES", 5)

# Newsletter (newsletter/): sign-ups, confirmation and sending.
NEWSLETTER_CONFIRM_DAYS = env_int("NEWSLETTER_CONFIRM_DAYS", 7)
# At most one confirmation email per address per this many seconds.
NEWSLETTER_CONFIRMATION_INTERVAL = env_int("NEWSLETTER_CONFIRMATION_INTERVAL", 3600)
NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR = env_int("NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR", 10)
NEWSLETTER_PURGE_PENDING_DAYS = env_int("NEWSLETTER_PURGE_PENDING_DAYS", 14)
NEWSLETTER_BATCH_SIZE = env_int("NEWSLETTER_BATCH_SIZE", 200)
# Emails per second per worker; 0 sends as fast as the mail server accepts.
NEWSLETTER_SEND_RATE = env_int("NEWSLETTER_SEND_RATE", 10)
NEWSLETTER_MAX_ATTEMPTS = env_int("NEWSLETTER_MAX_ATTEMPTS", 3)
NEWSLETTER_RETRY_SECONDS = env_int("NEWSLETTER_RETRY_SECONDS", 300)
# Gmail clips messages whose HTML is larger than about 102 KB.
NEWSLETTER_CLIP_BYTES = 102 * 1024

# django-anymail: an ESP instead of SMTP (set EMAIL_BACKEND to the ESP's
# backend, e.g. anymail.backends.postmark.EmailBackend) and its webhooks, which
# mark bounced and complaining subscribers. https://anymail.dev/
ANYMAIL = {
    key: value
    for key, value in {
        "WEBHOOK_SECRET": env_str("ANYMAIL_WEBHOOK_SECRET"),
        "POSTMARK_SERVER_TOKEN": env_str("POSTMARK_SERVER_TOKEN"),
        "MAILGUN_API_KEY": env_str("MAILGUN_API_KEY"),
        "MAILGUN_WEBHOOK_SIGNING_KEY": env_str("MAILGUN_WEBHOOK_SIGNING_KEY"),
        "SENDGRID_API_KEY": env_str("SENDGRID_API_KEY"),
    }.items()
    if value
}

# Every line once, through the root's console handler. Django's own "django"
# logger also prints to a console of its own while DEBUG is on and passes the
# line up to the root, so `make run` printed each twice (issue 11): it keeps
# only its mail to the ADMINS here. Naming "django" resets its children, so
# the development server's request lines get their dated format back below.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
        "mail_admins": {
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "class": "django.utils.log.AdminEmailHandler",
        },
    },
    "loggers": {
        "django": {"handlers": ["mail_admins"], "level": "INFO"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
