"""Cross-origin protection for reader forms that carry no CSRF token.

Public pages are byte-identical for every anonymous reader so that a shared
cache can serve them, which rules out a per-reader CSRF token in their forms.
Reader forms (comments, newsletter sign-up) are protected instead by the
browser's own statement of where the request comes from, the approach of Go's
net/http CrossOriginProtection (https://words.filippo.io/csrf/):

1. GET, HEAD and OPTIONS are always allowed: they must not change anything.
2. If ``Sec-Fetch-Site`` is present (every current browser sends it), only
   ``same-origin`` and ``none`` (typed by the user) are allowed.
3. Otherwise, if ``Origin`` is present it must be one of ours.
4. A request with neither header did not come from a current browser, so it
   cannot be a cross-site forgery riding on a reader's browser; it is allowed
   and left to the form's own validation, rate limits and spam checks.

Staff pages and the admin keep Django's token-based CSRF protection.
"""

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
ALLOWED_FETCH_SITES = frozenset({"same-origin", "none"})


def trusted_origins(request: HttpRequest) -> set[str]:
    origins = {settings.SITE_ORIGIN, *settings.CSRF_TRUSTED_ORIGINS}
    origins.add(f"{request.scheme}://{request.get_host()}")
    return {_normalise(origin) for origin in origins}


def _normalise(origin: str) -> str:
    parts = urlsplit(origin.strip().lower())
    return f"{parts.scheme}://{parts.netloc}"


def is_same_origin(request: HttpRequest) -> bool:
    """Whether an unsafe request may be trusted to come from our own pages."""
    if request.method in SAFE_METHODS:
        return True
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site.strip().lower() in ALLOWED_FETCH_SITES
    origin = request.headers.get("Origin")
    if origin is not None:
        # "null" is sent by sandboxed frames and privacy-sensitive redirects.
        return origin != "null" and _normalise(origin) in trusted_origins(request)
    return True


def same_origin_required(view):
    """Decorate a reader-form view: refuse cross-site posts, skip token CSRF."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_same_origin(request):
            return TemplateResponse(request, "403_cross_origin.html", status=403)
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapper)
