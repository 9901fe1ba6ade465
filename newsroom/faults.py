"""What the site does when a service it depends on fails (README, "Faults").

The cache (Redis) is an accelerator and a shared counter, never a reason to
fail a reader: each caller catches ``CACHE_ERRORS`` and carries on without it.
After one failure a process leaves the cache alone for ``COOL_DOWN`` seconds,
so that a frozen Redis costs each worker one short timeout (the socket
timeouts in ``CACHES``) every few seconds, not one per cache call.
"""

import logging
import time

from django.db import InterfaceError, OperationalError
from redis.exceptions import RedisError

# What a cache call raises when Redis is down, frozen or unreachable.
CACHE_ERRORS = (RedisError, OSError)
# What a query raises when the database cannot be reached or does not answer
# in time (refused, connect timeout, statement timeout, a dropped connection).
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
COOL_DOWN = 5.0

logger = logging.getLogger(__name__)
_cache_down_until = 0.0


def cache_usable() -> bool:
    """False for a few seconds after a cache call failed in this process."""
    return time.monotonic() >= _cache_down_until


def cache_failed(error: BaseException) -> None:
    """Record a failed cache call: the process goes without the cache for a while."""
    global _cache_down_until
    if cache_usable():
        logger.warning("The cache is unreachable (%s); going without it for %s s", error, COOL_DOWN)
    _cache_down_until = time.monotonic() + COOL_DOWN
