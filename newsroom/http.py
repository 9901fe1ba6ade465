"""Response helpers shared by the apps.

Every public page is the same bytes for every anonymous reader, so a shared
cache may keep it. A page that carries something of one reader's (their saved
name, a pending comment, a token from a personal link) says so here, and no
shared cache, search engine or outgoing Referer ever gets it.
"""

from django.conf import settings
from django.http import HttpResponseNotAllowed
from django.middleware.csp import get_nonce
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.csp import CSP, build_policy

PERSONAL_ATTRIBUTE = "_newsroom_personal"
VARIES_ATTRIBUTE = "_newsroom_varies_with_reader_cookies"


def personal(response):
    """Mark ``response`` as one reader's own: ``private, no-store``, ``noindex``,
    and ``Referrer-Policy: no-referrer``, since such a page's address often holds
    a secret (a signed link, a preview token) that links out must not carry."""
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


def mark_personal(request) -> None:
    """Called while a page is built (by a view or a template tag) when what it
    shows depends on this reader: PersonalPageMiddleware then keeps it private."""
    setattr(request, PERSONAL_ATTRIBUTE, True)


def is_personal(request) -> bool:
    return getattr(request, PERSONAL_ATTRIBUTE, False)


def varies_with_reader_cookies(request) -> None:
    """Called while a page is built whose bytes would differ for a reader who
    holds a reader's cookie (the article page shows a commenter their pending
    comment): ``Vary: Cookie`` then tells browsers so. Without it, a commenter's
    browser could show its copy from before they commented, for as long as the
    public page's max-age. Proxies in front bypass their cache for those
    cookies instead of keeping a copy per Cookie header (deploy/nginx)."""
    setattr(request, VARIES_ATTRIBUTE, True)


class PersonalPageMiddleware:
    """Applies ``private, no-store`` to every response whose request was marked
    personal while it was built, whichever app marked it (and ``Vary: Cookie``
    where asked)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_personal(request):
            patch_cache_control(response, private=True, no_store=True)
        if getattr(request, VARIES_ATTRIBUTE, False):
            patch_vary_headers(response, ["Cookie"])
        return response


class PermissionsPolicyMiddleware:
    """Sends ``settings.PERMISSIONS_POLICY`` (feature -> allowed origins, an
    empty list for none) as the Permissions-Policy header of every response;
    Django has no setting for it. Built once: it is the same for every page."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})"
            for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


class AdminContentSecurityPolicyMiddleware:
    """The admin's own Content-Security-Policy (``settings.SECURE_CSP_ADMIN``,
    with a nonce), set before Django's CSP middleware, which leaves a header
    already there alone. Public pages keep the site's policy without a nonce,
    the same bytes for every reader."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # No SECURE_CSP (development's debug pages, newsroom/settings/dev.py): none here either.
        if settings.SECURE_CSP and request.path.startswith(settings.ADMIN_URL_PREFIX):
            response.headers.setdefault(
                str(CSP.HEADER_ENFORCE), build_policy(settings.SECURE_CSP_ADMIN, get_nonce(request))
            )
        return response


# The largest value a database integer key holds (PostgreSQL bigint, SQLite).
MAX_DB_INT = 2**63 - 1


def bounded_int(value, *, low: int = 1, high: int = MAX_DB_INT) -> int | None:
    """A reader's number (a query string, a hidden field) read with a bound:
    decimal digits only (any script's, as ``int()`` reads them), from ``low``
    to ``high``; anything else is None.

    The length is checked before ``int()``: Python refuses to convert more
    than 4,300 digits (ValueError, a 500), and a number no key can hold would
    overflow the database's integers."""
    text = str(value).strip() if value is not None else ""
    if not text or len(text) > len(str(high)) or not text.isdecimal():
        return None
    number = int(text)
    return number if low <= number <= high else None


KNOWN_METHODS = ("GET", "HEAD", "POST", "OPTIONS")


class KnownMethodsMiddleware:
    """405 to any method the site does not use (TRACE, TRACK, PUT, made-up
    ones), before any view: views that are plain functions (the feeds, the
    sitemaps) answer every method as GET (issue 10: TRACE answered 200)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in KNOWN_METHODS:
            return HttpResponseNotAllowed(KNOWN_METHODS)
        return self.get_response(request)
