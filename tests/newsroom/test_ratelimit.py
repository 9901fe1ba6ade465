"""Rate limits live in the cache, so with REDIS_URL every process counts the
same hits (the production settings insist on it)."""

import json
import os
import socket
import subprocess
import sys
import uuid

import pytest
from django.conf import settings

SCRIPT = """
import json, sys, django
django.setup()
from newsroom import ratelimit
print(json.dumps([ratelimit.allow("test", sys.argv[1], limit=10, period=3600) for _ in range(6)]))
"""


def redis_is_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(
    not redis_is_up() and not os.environ.get("CI"), reason="needs Redis at 127.0.0.1:6379"
)
def test_two_processes_share_one_limit():
    key = f"203.0.113.7-{uuid.uuid4()}"
    results = []
    for _ in range(2):
        run = subprocess.run(  # noqa: S603
            [sys.executable, "-c", SCRIPT, key],
            env={
                "PATH": "/usr/bin:/bin",
                "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
                "REDIS_URL": "redis://127.0.0.1:6379/15",
                "NEWSROOM_VAR_DIR": settings.MEDIA_ROOT.as_posix(),
            },
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        results += json.loads(run.stdout.strip().splitlines()[-1])
    # Twelve hits from two processes: the first ten pass, the last two are refused.
    assert results == [True] * 10 + [False] * 2


def test_ipv6_addresses_of_one_network_share_a_limit():
    """Rotating addresses inside one /64 (a single line's allocation) gains nothing."""
    from newsroom import ratelimit

    hits = [
        ratelimit.allow("test-v6", f"2001:db8:1:2::{n:x}", limit=3, period=3600) for n in range(5)
    ]
    assert hits == [True, True, True, False, False]
    assert ratelimit.allow("test-v6", "2001:db8:1:3::1", limit=3, period=3600)
    assert [ratelimit.allow("test-v4", f"192.0.2.{n}", limit=1, period=3600) for n in (1, 2)] == [
        True,
        True,
    ]


def test_without_redis_the_limits_still_hold_in_each_process(settings, monkeypatch):
    """Redis on a closed port (README, "Faults"): the limit is counted in the
    process's own memory instead, quickly, neither open nor closed to all."""
    import time

    from newsroom import faults, ratelimit

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    monkeypatch.setattr(faults, "_cache_down_until", 0.0)  # restored afterwards
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }
    key = f"203.0.113.{uuid.uuid4().int % 250}"
    started = time.monotonic()
    answers = [ratelimit.allow("fallback", key, limit=3, period=3600) for _ in range(5)]
    assert answers == [True, True, True, False, False]
    assert time.monotonic() - started < 2
    assert not faults.cache_usable(), "the process goes without the cache for a while"
