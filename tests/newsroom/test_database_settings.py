"""Production database settings: a database that does not answer fails a
request within DATABASE_CONNECT_TIMEOUT, and on PostgreSQL a query longer than
DATABASE_STATEMENT_TIMEOUT_MS is cancelled with a clear error."""

import json
import os
import socket
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import postgres_only
from tests.newsroom.test_settings import PRODUCTION

# Runs one statement the way a request would, and reports how it ended and how
# long it took (measured in the child, so that Python's start-up is not counted).
QUERY = """
import json, sys, time
import django
django.setup()
from django.db import connection
started = time.monotonic()
try:
    with connection.cursor() as cursor:
        cursor.execute(sys.argv[1])
    error = None
except Exception as exc:
    error = f"{type(exc).__name__}: {exc}"
print(json.dumps({"error": error, "seconds": time.monotonic() - started}))
"""


def run_production(code, *args, **env):
    result = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code, *args],
        env={
            "PATH": "/usr/bin:/bin",
            **PRODUCTION,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
            "DJANGO_SECRET_KEY": os.urandom(32).hex(),
            **env,
        },
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def run_query(sql, **env):
    return run_production(QUERY, sql, **env)


def database_options(**env):
    code = (
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))"
    )
    return run_production(code, **env)


def test_postgresql_gets_a_connect_timeout_and_no_statement_timeout_by_default():
    """Migrations and the task worker load these settings: no limit unless asked."""
    options = database_options(DATABASE_URL="postgres://newsroom@db:5432/newsroom")
    assert options == {"connect_timeout": 5}


def test_the_statement_timeout_keeps_options_from_the_database_url():
    options = database_options(
        DATABASE_URL="postgres://newsroom@db:5432/newsroom?options=-c%20search_path%3Dnews",
        DATABASE_STATEMENT_TIMEOUT_MS="2500",
        DATABASE_CONNECT_TIMEOUT="3",
    )
    assert options == {
        "connect_timeout": 3,
        "options": "-c search_path=news -c statement_timeout=2500",
    }


def unused_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_closed_port_fails_at_once():
    outcome = run_query(
        "SELECT 1", DATABASE_URL=f"postgres://newsroom@127.0.0.1:{unused_port()}/newsroom"
    )
    assert "Connection refused" in outcome["error"]
    assert outcome["seconds"] < 5


def test_a_server_that_never_answers_fails_within_the_connect_timeout():
    """The kernel accepts the TCP connection into the backlog, but nothing ever
    answers the start-up message: without a timeout libpq would wait for ever."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        outcome = run_query(
            "SELECT 1",
            DATABASE_URL=f"postgres://newsroom@127.0.0.1:{port}/newsroom",
            DATABASE_CONNECT_TIMEOUT="2",
        )
    assert "timeout expired" in outcome["error"]
    # libpq waits 2 s here; the rest is slack for a busy machine, far below "for ever".
    assert 1.5 < outcome["seconds"] < 15


@postgres_only
@pytest.mark.django_db
def test_a_query_longer_than_the_statement_timeout_is_cancelled():
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    url = f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    outcome = run_query(
        "SELECT pg_sleep(30)", DATABASE_URL=url, DATABASE_STATEMENT_TIMEOUT_MS="200"
    )
    assert outcome["error"] == ("OperationalError: canceling statement due to statement timeout")
    assert outcome["seconds"] < 15, "cancelled near 0.2 s, long before the 30 s sleep ends"
