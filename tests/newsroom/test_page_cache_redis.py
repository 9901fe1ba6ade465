"""The page cache on Redis, as production runs it (REDIS_URL): the change
counters live in Redis, where every process reads them."""

import os

import pytest
import redis
from django.core.cache import caches
from django.test import Client

from newsroom import page_cache

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/9")


@pytest.fixture
def redis_pages(settings):
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis must run in CI ({REDIS_URL})")
        pytest.skip(f"needs Redis at {REDIS_URL}")
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"test-pages-{os.getpid()}",
        },
    }
    caches["pages"].clear()
    yield caches["pages"]
    caches["pages"].clear()


def test_pages_are_stored_and_invalidated_in_redis(redis_pages, article):
    url = article.get_absolute_url()
    assert Client().get(url)["X-Page-Cache"] == "miss"
    assert Client().get(url)["X-Page-Cache"] == "hit"
    article.headline = "Ganja bridge opens to lorries too"
    article.save()
    changed = Client().get(url)
    assert changed["X-Page-Cache"] == "miss"
    assert "opens to lorries too" in changed.content.decode()
    assert Client().get(url)["X-Page-Cache"] == "hit"


def test_a_lost_change_counter_never_makes_an_old_page_look_fresh(redis_pages, article):
    """Redis may evict or lose the counter: the next change still outdates
    every page stored before it."""
    url = article.get_absolute_url()
    Client().get(url)
    redis_pages.delete("sequence")
    page_cache.invalidate(f"article:{article.pk}")
    assert Client().get(url)["X-Page-Cache"] == "miss"
    # A tag whose record is lost: pages that show it are rendered again.
    Client().get(url)
    redis_pages.delete(f"tag:article:{article.pk}")
    assert Client().get(url)["X-Page-Cache"] == "miss"
