"""Absolute addresses for what leaves the site (e-mails, feeds, sitemaps,
robots.txt): always built from ``SITE_URL``, never from the request's Host
header, which a client chooses."""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse


def absolute(path: str) -> str:
    """``SITE_URL`` joined to a site-relative path such as ``/newsletter/``."""
    return settings.SITE_URL + path


def absolute_reverse(viewname: str, *args, **kwargs) -> str:
    """``reverse()`` made absolute: ``absolute_reverse("comments:stop", token=t)``."""
    return absolute(reverse(viewname, args=args or None, kwargs=kwargs or None))


def site_domain() -> str:
    """The host name of ``SITE_URL`` (for List-Id and similar identifiers)."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"
