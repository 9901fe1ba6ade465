"""Reading pages as anonymous readers do, for the page cache's tests."""

from django.test import Client

GZIP = {"Accept-Encoding": "gzip, deflate, br"}


def get(url, **headers):
    """A new reader (no cookie) asks for ``url``."""
    return Client().get(url, headers=headers)


def prime(*urls):
    """Each URL rendered once and then served from the page cache."""
    for url in urls:
        get(url)
        assert get(url)["X-Page-Cache"] == "hit", url


def text(url) -> str:
    return get(url).content.decode()
