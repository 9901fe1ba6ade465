import re

import pytest
from django.core.cache import cache
from django.test import Client, TestCase
from django.utils import timezone

from newsletter.models import NewsletterList, Subscriber

SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"}


class CommittingClient(Client):
    """Runs on-commit callbacks at the end of each request, as a real commit
    would, although pytest-django's test transaction never commits."""

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


@pytest.fixture
def client():
    return CommittingClient()


def committed():
    """Wrap direct service calls whose on-commit work (enqueuing tasks) must run."""
    return TestCase.captureOnCommitCallbacks(execute=True)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


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
