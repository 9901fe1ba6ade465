import re

import pytest
from django.utils import timezone

from newsletter.models import NewsletterList, Subscriber

SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"}


@pytest.fixture
def daily(db):
    newsletter, _ = NewsletterList.objects.get_or_create(
        slug="daily-briefing",
        defaults={"name": "Daily briefing", "is_default": True, "order": 1},
    )
    return newsletter


@pytest.fixture
def breaking(db):
    newsletter, _ = NewsletterList.objects.get_or_create(
        slug="breaking-news", defaults={"name": "Breaking news", "order": 2}
    )
    return newsletter


def make_subscriber(email, status="confirmed", lists=()):
    subscriber = Subscriber.objects.create(
        email=email,
        status=status,
        confirmed_at=timezone.now() if status == "confirmed" else None,
    )
    subscriber.lists.set(lists)
    return subscriber


def signup(client, email, remote_addr="127.0.0.1", **fields):
    data = {"email": email, "source": "footer", **fields}
    return client.post("/newsletter/subscribe/", data, headers=SAME_ORIGIN, REMOTE_ADDR=remote_addr)


def link_in(message, kind: str) -> str:
    """The path of the first /newsletter/<kind>/ link in a message's text part."""
    match = re.search(rf"http://127\.0\.0\.1:8000(/newsletter/{kind}/[^\s/]+/)", message.body)
    assert match, message.body
    return match.group(1)
