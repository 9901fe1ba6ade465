"""The shared page cache: every anonymous reader's page from one stored copy.

Public pages are the same bytes for every anonymous reader (newsroom/http.py),
so the first request renders a page and the next ones get the stored, already
compressed response, before sessions, authentication, URL resolving or a
template run. What is stored, and for how long:

* Only anonymous GET and HEAD: a request with the session cookie or a reader's
  own cookie (apps register theirs with ``register_bypass_cookies``) gets a
  fresh page, marked private. So does anything a view marked personal, set a
  cookie on, or gave its own ``Cache-Control`` (the admin's never_cache).
* Each stored page lists what it shows as *cache tags* ("article:12",
  "section:3", "archive"...), declared by the views with ``depends_on``. A change
  calls ``invalidate`` with the tags it affects: each tag records the number of
  the latest change to it (one counter, shared through the cache by every
  process), a page is served only while none of its tags changed after it
  started rendering. Every page also depends on "site", the tag of what every
  page shows (the sections' menu, the sign-up block), and of a deploy.
* A page is never kept past the next moment at which it could change by itself
  (a scheduled publication or expiry): apps register a function that names
  that moment (``register_bound``), and the stored lifetime and the HTTP
  lifetimes below are cut to it.

A page checked against the shared cache is also kept in the process for
PAGE_CACHE_LOCAL_MS (half a second), so that a hot page costs no round trip to
Redis at all: a change made in another process reaches this one within that
time, and one made in this process at once.

Responses also say how long caches in front of the app (a reverse proxy, a
CDN, the browser) may keep them: ``Cache-Control: public`` with a short
``max-age`` for browsers, ``s-maxage`` (and ``X-Accel-Expires`` for nginx) for
shared caches, which nothing can purge, so their lifetime is the bound on how
late a change reaches readers through them.

Without the cache (Redis down or frozen: ``faults.CACHE_ERRORS``) pages are
rendered for every request, as on a miss, and nothing is stored: a reader never
gets an error because of it. An invalidation that cannot be written is lost;
a Redis that comes back with its pages (frozen, not restarted) may serve them
until they expire (PAGE_CACHE_SECONDS).
"""

import hashlib
import re
import threading
import time
from collections import OrderedDict
from datetime import datetime

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control

from . import faults
from .http import is_personal

HEADER = "X-Page-Cache"
SITE = "site"
_TAGS_ATTRIBUTE = "_page_cache_tags"
_SEQUENCE_KEY = "sequence"
_BOUND_KEY = "bound"
_TAG_PREFIX = "tag:"
# What GZipMiddleware (below this one) tests to decide whether to compress.
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
_STORED_STATUSES = {200, 301, 410}
# 304: the reader's copy is still this page, and may be kept as long.
_PUBLIC_STATUSES = _STORED_STATUSES | {304, 404}
# Rendered again for each response, never stored.
_NOT_STORED_HEADERS = {"date", "cache-control", "x-accel-expires", HEADER.lower()}

_bypass_cookies: set[str] = set()
_bound_providers: list = []
# Pages this process checked lately: key -> (entry, when checked).
_recent: OrderedDict = OrderedDict()
_recent_lock = threading.Lock()
_RECENT_PAGES = 256


def register_bypass_cookies(*names: str) -> None:
    """Cookies whose holder gets pages of their own (called from an app's ready())."""
    _bypass_cookies.update(names)


def bypass_cookies() -> frozenset[str]:
    return frozenset({settings.SESSION_COOKIE_NAME, *_bypass_cookies})


def register_bound(provider) -> None:
    """``provider()`` returns the next moment (an aware datetime, or None) at
    which some public page changes without anyone saving anything."""
    _bound_providers.append(provider)


def depends_on(request, *tags: str) -> None:
    """Called while a page is built: the page shows what these tags name."""
    found = getattr(request, _TAGS_ATTRIBUTE, None)
    if found is None:
        found = set()
        setattr(request, _TAGS_ATTRIBUTE, found)
    found.update(tags)


def invalidate(*tags: str) -> None:
    """Mark every stored page that shows one of ``tags`` as out of date, now and
    again when the surrounding transaction commits: a page rendered between the
    two from data not yet committed is then not served either."""
    if not tags:
        return
    _bump(tags)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _bump(tags))


def clear() -> None:
    """Every stored page out of date (after a deploy, a bulk load)."""
    invalidate(SITE)


def _recall(key, now: float):
    """The page as checked less than PAGE_CACHE_LOCAL_MS ago in this process."""
    with _recent_lock:
        found = _recent.get(key)
    if found is None:
        return None
    entry, checked = found
    bound = entry["bound"]
    if now - checked > settings.PAGE_CACHE_LOCAL_MS / 1000 or (bound and now >= bound):
        return None
    return entry


def _remember(key, entry, now: float) -> None:
    if settings.PAGE_CACHE_LOCAL_MS <= 0:
        return
    with _recent_lock:
        _recent[key] = (entry, now)
        _recent.move_to_end(key)
        while len(_recent) > _RECENT_PAGES:
            _recent.popitem(last=False)


def forget_recent() -> None:
    with _recent_lock:
        _recent.clear()


def _store():
    return caches[settings.PAGE_CACHE_ALIAS]


def _sequence(store) -> int:
    return store.get(_SEQUENCE_KEY) or 0


def _next_sequence(store) -> int:
    try:
        return store.incr(_SEQUENCE_KEY)
    except ValueError:
        # Never set, or evicted: start from the clock in microseconds, above any
        # number handed out before, so that no old page looks newer than a change.
        store.add(_SEQUENCE_KEY, int(time.time() * 1_000_000), timeout=None)
        return store.incr(_SEQUENCE_KEY)


def _bump(tags) -> None:
    forget_recent()
    if not faults.cache_usable():
        return
    try:
        _bump_in(_store(), tags)
    except faults.CACHE_ERRORS as error:
        faults.cache_failed(error)


def _bump_in(store, tags) -> None:
    number = _next_sequence(store)
    keys = [_TAG_PREFIX + tag for tag in tags]
    store.set_many(dict.fromkeys(keys, number), timeout=None)
    # Two processes changing one tag at once may write in the opposite order
    # of their numbers: the higher number must be the one that stays.
    for key, value in store.get_many(keys).items():
        while value is not None and value < number:
            store.set(key, number, timeout=None)
            value = store.get(key)
    store.delete(_BOUND_KEY)


def _ask_bound() -> float | None:
    moments = [moment for provider in _bound_providers if (moment := provider())]
    return min(moments).timestamp() if moments else None


def _bound_anyway(store) -> float | None:
    """``_bound``, or asked of the apps directly when the cache fails."""
    if faults.cache_usable():
        try:
            return _bound(store)
        except faults.CACHE_ERRORS as error:
            faults.cache_failed(error)
    return _ask_bound()


def _bound(store) -> float | None:
    """The next scheduled change as a timestamp, asked of the apps once and kept
    until it passes or anything changes (``_bump`` forgets it)."""
    now = time.time()
    cached = store.get(_BOUND_KEY)
    if cached is not None and (cached == 0 or cached > now):
        return cached or None
    bound = _ask_bound()
    store.set(_BOUND_KEY, bound or 0, timeout=None if bound is None else max(1, bound - now))
    return bound


def _key(request) -> str:
    encoding = "gzip" if _ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")) else ""
    address = f"{request.get_host()}{request.get_full_path()}"
    return f"page:{hashlib.sha256(address.encode()).hexdigest()}:{encoding}"


def _shared(request) -> bool:
    """Whether this request may be answered with the page every reader gets."""
    if request.method not in ("GET", "HEAD"):
        return False
    return not any(name in request.COOKIES for name in bypass_cookies())


def _public(request, response) -> bool:
    """Whether this response is the one every anonymous reader gets."""
    return (
        response.status_code in _PUBLIC_STATUSES
        and not response.streaming
        and not response.has_header("Cache-Control")
        and not response.cookies
        and not is_personal(request)
        and not getattr(getattr(request, "session", None), "accessed", False)
    )


def _mark_public(response, now: float, bound: float | None) -> None:
    remaining = settings.PAGE_MAX_AGE + settings.PAGE_SHARED_MAX_AGE + 1
    if bound is not None:
        remaining = min(remaining, max(0, int(bound - now)))
    shared = min(settings.PAGE_SHARED_MAX_AGE, remaining)
    directives = {
        "public": True,
        "max_age": min(settings.PAGE_MAX_AGE, remaining),
        "s_maxage": shared,
        "stale_if_error": settings.PAGE_STALE_IF_ERROR,
    }
    # Serving a stale copy while fetching a fresh one is fine for a change that
    # is not due yet, never past a scheduled publication or expiry.
    if remaining > shared + settings.PAGE_STALE_WHILE_REVALIDATE:
        directives["stale_while_revalidate"] = settings.PAGE_STALE_WHILE_REVALIDATE
    patch_cache_control(response, **directives)
    response["X-Accel-Expires"] = str(shared)


def _lookup(store, key):
    entry = store.get(key)
    if entry is None:
        return None
    started, tags = entry["sequence"], entry["tags"]
    versions = store.get_many([_TAG_PREFIX + tag for tag in tags])
    for tag in tags:
        changed = versions.get(_TAG_PREFIX + tag)
        # A missing tag was evicted (pages record theirs when stored), so when
        # it last changed is not known.
        if changed is None or changed > started:
            return None
    return entry


def _save(store, key, request, response, started: int, bound: float | None, now: float) -> None:
    expires_at = now + settings.PAGE_CACHE_SECONDS
    if bound is not None:
        expires_at = min(expires_at, bound)
    if expires_at - now < 1:
        return
    tags = {SITE, *getattr(request, _TAGS_ATTRIBUTE, ())}
    keys = [_TAG_PREFIX + tag for tag in tags]
    versions = store.get_many(keys)
    for missing in set(keys) - versions.keys():
        store.add(missing, 0, timeout=None)
        versions[missing] = store.get(missing, 0)
    if any(version > started for version in versions.values()):
        return  # Something it shows changed while it was rendered.
    headers = [
        (name, value) for name, value in response.items() if name.lower() not in _NOT_STORED_HEADERS
    ]
    entry = {
        "status": response.status_code,
        "headers": headers,
        "body": response.content,
        "sequence": started,
        "tags": sorted(tags),
        "bound": bound,
    }
    store.set(key, entry, timeout=max(1, int(expires_at - now)))
    _remember(key, entry, now)


def _from_entry(request, entry, now: float):
    response = HttpResponse(
        b"" if request.method == "HEAD" else entry["body"], status=entry["status"]
    )
    for name, value in entry["headers"]:
        response[name] = value
    response = get_conditional_response(request, etag=response.get("ETag"), response=response)
    _mark_public(response, now, entry["bound"])
    response[HEADER] = "hit"
    return response


class PageCacheMiddleware:
    """Early in MIDDLEWARE, above compression: a hit skips everything below."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _shared(request):
            # Rendered afresh; a page that is nonetheless the same for everyone
            # (a reader with a comment cookie on the home page) says so.
            response = self.get_response(request)
            if request.method in ("GET", "HEAD"):
                if _public(request, response):
                    _mark_public(response, time.time(), _bound_anyway(_store()))
                response[HEADER] = "bypass"
            return response
        store = _store()
        seconds = settings.PAGE_CACHE_SECONDS
        key = _key(request)
        # None: the cache failed, so this page is rendered and not stored.
        started = None
        if faults.cache_usable():
            try:
                if seconds > 0:
                    now = time.time()
                    entry = _recall(key, now)
                    if entry is None and (entry := _lookup(store, key)) is not None:
                        _remember(key, entry, now)
                    if entry is not None:
                        return _from_entry(request, entry, now)
                started = _sequence(store)
            except faults.CACHE_ERRORS as error:
                faults.cache_failed(error)
        response = self.get_response(request)
        if _public(request, response):
            now = time.time()
            bound = _bound_anyway(store)
            storable = started is not None and faults.cache_usable()
            if storable and seconds > 0 and response.status_code in _STORED_STATUSES:
                try:
                    _save(store, key, request, response, started, bound, now)
                except faults.CACHE_ERRORS as error:
                    faults.cache_failed(error)
            _mark_public(response, now, bound)
        response[HEADER] = "miss"
        return response


def next_moment(*moments: datetime | None) -> datetime | None:
    """The earliest of the given moments that are set (for bound providers)."""
    present = [moment for moment in moments if moment is not None]
    return min(present) if present else None
