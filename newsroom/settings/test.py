"""Test settings: fast hashing, in-memory cache and mail, throwaway media."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, STORAGES

SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="newsroom-test-media-"))
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="newsroom-test-static-"))
# Tests do not run collectstatic.
IMAGE_UPLOADS_ROOT = Path(tempfile.mkdtemp(prefix="newsroom-test-uploads-"))
STORAGES = {
    **STORAGES,
    "image_uploads": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": IMAGE_UPLOADS_ROOT},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": ""}  # in-memory
NEWSLETTER_SEND_RATE = 0
ANYMAIL = {"WEBHOOK_SECRET": "hook:secret"}
# Tests change the database behind the page cache's back (bulk inserts, cleared
# caches): pages are checked against the shared cache every time, except where
# a test turns the process's own half-second memory on.
PAGE_CACHE_LOCAL_MS = 0
