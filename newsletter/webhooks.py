"""Which ESP webhook addresses to mount. django-anymail accepts any POST when it
has no credentials to check (it only warns), so anyone could mark readers
bounced: a webhook is mounted only when it can authenticate its caller."""

from anymail import urls as anymail_urls
from django.conf import settings

# Tracking webhooks that check the ESP's own signature, and the ANYMAIL key
# holding each one's signing key.
SIGNED_TRACKING_WEBHOOKS = {
    "mailgun_tracking_webhook": "MAILGUN_WEBHOOK_SIGNING_KEY",
    "mandrill_tracking_webhook": "MANDRILL_WEBHOOK_KEY",
    "postal_tracking_webhook": "POSTAL_WEBHOOK_KEY",
}


def anymail_urlpatterns() -> list:
    """Every anymail URL with ANYMAIL_WEBHOOK_SECRET (HTTP basic auth), else only
    the tracking webhooks whose signing key is set, else none."""
    config = getattr(settings, "ANYMAIL", {})
    if config.get("WEBHOOK_SECRET"):
        return anymail_urls.urlpatterns
    return [
        pattern
        for pattern in anymail_urls.urlpatterns
        if pattern.name in SIGNED_TRACKING_WEBHOOKS
        and config.get(SIGNED_TRACKING_WEBHOOKS[pattern.name])
    ]
