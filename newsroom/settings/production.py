"""Production: refuses to start without a real secret key, its own host names
and public address, and a cache shared by all its processes."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ANYMAIL, CACHES, MAILERS, SECRET_KEY, env_bool, env_int, env_list, env_str

if not SECRET_KEY or SECRET_KEY.startswith(("dev-", "django-insecure")) or len(SECRET_KEY) < 40:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random string of at least 40 characters in "
        "production, e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
# The development defaults (127.0.0.1, localhost) are not an answer here.
if not env_list("DJANGO_ALLOWED_HOSTS", []):
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must list the site's host names.")
if not env_str("SITE_URL"):
    raise ImproperlyConfigured(
        "SITE_URL must be the site's public address (e.g. https://news.example.az): "
        "canonical links, feeds, sitemaps and e-mails are built from it."
    )
# Rate limits (comments, reports, sign-ups) are counted in the cache: a
# per-process cache would multiply every limit by the number of workers.
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    raise ImproperlyConfigured(
        "REDIS_URL must be set in production, so that all processes share one cache "
        "(e.g. redis://127.0.0.1:6379/0)."
    )
# Readers are told apart by address for the rate limits (newsroom/ratelimit.py).
# Behind a proxy, the connecting address is the proxy's for everyone: a wrong
# or forgotten count puts every reader in one bucket, and ten posts an hour
# from anyone close comments and sign-ups for the whole site (issue 10). There
# is no safe default, so the setting must be given, 0 included.
if not env_str("TRUSTED_PROXY_COUNT"):
    raise ImproperlyConfigured(
        "TRUSTED_PROXY_COUNT must be set in production: the number of proxies in front of "
        "the app that append to X-Forwarded-For (1 behind deploy/nginx/, 0 only when "
        "readers connect straight to gunicorn). Without it every reader shares one rate limit."
    )
if env_int("TRUSTED_PROXY_COUNT", 0) < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")

# An ESP's bounce and complaint webhooks are mounted only when they can check
# who calls them; without that, bounced addresses would be mailed for ever.
if MAILERS["default"]["BACKEND"].startswith("anymail.") and not (
    ANYMAIL.get("WEBHOOK_SECRET") or ANYMAIL.get("MAILGUN_WEBHOOK_SIGNING_KEY")
):
    raise ImproperlyConfigured(
        "With an ESP as EMAIL_BACKEND, set ANYMAIL_WEBHOOK_SECRET (user:password) and point "
        "the ESP's tracking webhook at /anymail/<esp>/tracking/, so that bounces are recorded."
    )

DEBUG = env_bool("DJANGO_DEBUG", False)
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
# HSTS for subdomains and the browsers' preload list bind every host under the
# outlet's domain (a mail webmail, a partner's or a legacy site) to HTTPS, and
# preloading takes months to undo: the outlet's choice, off unless set, so
# `check --deploy` is not asked to warn about what was chosen on purpose.
SILENCED_SYSTEM_CHECKS = [
    *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
]
