"""Fixed-window rate limits kept in the cache, so every process shares them
(with REDIS_URL set; the local-memory default is per process).

While the shared cache is unreachable each process counts in its own memory
instead: the limits still hold, per worker (so the site-wide allowance is
multiplied by the number of workers for the outage). Failing open would let a
spam flood through exactly when the site is weakest; failing closed would turn
a cache fault into refusing every reader (README, "Faults").
"""

import hashlib
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache

from . import faults

_local = LocMemCache("ratelimit-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


def allow(scope: str, key: str, *, limit: int, period: int) -> bool:
    """Count one hit for ``key``; False once it exceeds ``limit`` in ``period`` seconds."""
    window = int(time.time() // period)
    digest = hashlib.sha256(_network(key).encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{scope}:{digest}:{window}"
    if faults.cache_usable():
        try:
            return _count(cache, cache_key, limit=limit, period=period)
        except faults.CACHE_ERRORS as error:
            faults.cache_failed(error)
    return _count(_local, cache_key, limit=limit, period=period)


def _count(store, cache_key: str, *, limit: int, period: int) -> bool:
    if store.add(cache_key, 1, timeout=period):
        return True
    try:
        count = store.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        store.add(cache_key, 1, timeout=period)
        return True
    return count <= limit


def _network(key: str) -> str:
    """An IPv6 address counts as its /64: one subscriber line gets a whole /64,
    and rotating addresses inside it is free. Other keys count as they are."""
    try:
        address = ipaddress.ip_address(key)
    except ValueError:
        return key
    if address.version == 6 and address.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return key


def client_ip(request) -> str | None:
    """The reader's IP address: REMOTE_ADDR, or the address the nearest of
    TRUSTED_PROXY_COUNT proxies saw, from X-Forwarded-For."""
    candidate = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.headers.get("X-Forwarded-For", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None
