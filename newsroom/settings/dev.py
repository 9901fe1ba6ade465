"""Local development (`make run`): safe defaults, nothing to install."""

from .base import *  # noqa: F403
from .base import VAR_DIR, env_bool, env_str, mailer_from_env

DEBUG = env_bool("DJANGO_DEBUG", True)
# A fixed key is fine on a laptop; production.py refuses to start with it.
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "dev-insecure-do-not-use-in-production")
# Under `make run` emails land in var/mail/ so that a person can open them.
MAILERS = {"default": mailer_from_env(default_backend="file", file_path=VAR_DIR / "mail")}
# Serve static files straight from the source folders while developing.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Django's debug pages (the yellow error page, the URL list of a 404) carry
# their own inline <style> and <script>, which the site's policy blocks: while
# DEBUG is on, report violations instead of enforcing them. Test and
# production settings enforce the policy.
if DEBUG:
    SECURE_CSP_REPORT_ONLY, SECURE_CSP = SECURE_CSP, {}  # noqa: F405
