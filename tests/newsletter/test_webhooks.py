"""ESP webhooks are only reachable when they can tell the ESP from anyone else."""

import importlib
import json
from contextlib import contextmanager

import pytest
from django.test import override_settings
from django.urls import clear_url_caches

import newsletter.webhook_urls
import newsroom.urls
from newsletter.models import Subscriber

from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db

BOUNCE = {
    "RecordType": "Bounce",
    "Type": "HardBounce",
    "TypeCode": 1,
    "Email": "reader@example.org",
    "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
    "BouncedAt": "2026-11-27T10:00:00Z",
}


@contextmanager
def site_configured_with(anymail):
    """The site's URLs as they are built at start-up with these ANYMAIL settings."""
    try:
        with override_settings(ANYMAIL=anymail):
            _rebuild_urls()
            yield
    finally:
        _rebuild_urls()


def _rebuild_urls():
    importlib.reload(newsletter.webhook_urls)
    importlib.reload(newsroom.urls)
    clear_url_caches()


def test_without_a_secret_no_webhook_accepts_anything(client, daily):
    SubscriberFactory(email="reader@example.org", lists=[daily])
    with site_configured_with({}):
        response = client.post(
            "/anymail/postmark/tracking/", json.dumps(BOUNCE), content_type="application/json"
        )
    assert response.status_code == 404
    assert Subscriber.objects.get().status == "confirmed"


def test_a_signing_key_mounts_only_that_esps_webhook(client):
    with site_configured_with({"MAILGUN_WEBHOOK_SIGNING_KEY": "key"}):
        unsigned = client.post("/anymail/mailgun/tracking/", {}, content_type="application/json")
        postmark = client.post("/anymail/postmark/tracking/", {}, content_type="application/json")
    # Mounted, and refusing the unsigned call (anymail answers 400).
    assert unsigned.status_code == 400
    assert postmark.status_code == 404


def test_with_a_secret_every_webhook_is_mounted_behind_basic_auth(client):
    with site_configured_with({"WEBHOOK_SECRET": "hook:secret"}):
        response = client.post(
            "/anymail/postmark/tracking/", json.dumps(BOUNCE), content_type="application/json"
        )
    assert response.status_code in (400, 401, 403)
