"""Local development (`make run`): safe defaults, nothing to install."""

from .base import *  # noqa: F403
from .base import VAR_DIR, env_bool, env_str

DEBUG = env_bool("DJANGO_DEBUG", True)
# A fixed key is fine on a laptop; production.py refuses to start with it.
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "dev-insecure-do-not-use-in-production")
# Under `make run` confirmation and newsletter e-mails land in var/mail/ so a
# person can open them.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
