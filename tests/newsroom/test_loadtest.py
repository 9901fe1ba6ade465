"""`make loadtest`, shortened for CI (issue 10, "Load with exact accounting"):
readers browse through nginx while many clients comment and sign up against
gunicorn with several workers on PostgreSQL; afterwards the stored comments and
subscribers equal the accepted posts exactly, and nothing answered 5xx.

It runs bench/loadtest.py itself, in a PostgreSQL database of its own beside
the test database (dropped afterwards) and a Redis database of its own (the run
empties it). Skipped locally without PostgreSQL, nginx, wrk or Redis, with the
reason; in CI (.ci/run installs them) a missing one fails.
"""

import json
import os
import shutil
import subprocess
import sys
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings

from tests.newsroom.servers import NGINX, ON_POSTGRES

# The load test's own Redis database: bench/data.py empties it.
REDIS_URL = os.environ.get("NEWSROOM_LOADTEST_REDIS_URL", "redis://127.0.0.1:6379/13")
SECONDS = os.environ.get("LOADTEST_SECONDS", "30")


def require(condition: bool, reason: str) -> None:
    if not condition:
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: CI must provide it (.ci/run)")
        pytest.skip(reason)


@pytest.fixture
def server_url():
    # CI runs the suite on SQLite too: this test is for its PostgreSQL run.
    if not ON_POSTGRES:
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://...")
    require(os.path.exists(NGINX), "needs Debian's nginx (apt-get install -y nginx)")
    require(shutil.which("wrk") is not None, "needs wrk (apt-get install -y wrk)")
    db = settings.DATABASES["default"]
    server = {
        "host": db.get("HOST") or "127.0.0.1",
        "port": db.get("PORT") or 5432,
        "user": db.get("USER") or "postgres",
        "password": db.get("PASSWORD") or None,
    }
    name = db["NAME"]
    password = f":{quote(server['password'])}" if server["password"] else ""
    yield f"postgres://{server['user']}{password}@{server['host']}:{server['port']}/{name}"
    # bench/loadtest.py put its data in <name>_loadtest.
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}_loadtest" WITH (FORCE)')


def test_flood_through_nginx_stores_exactly_what_was_accepted(server_url, tmp_path):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DATABASE_URL": server_url,
        "BENCH_REDIS_URL": REDIS_URL,
        "BENCH_DIR": str(tmp_path),
        "LOADTEST_SECONDS": SECONDS,
        "LOADTEST_ARTICLES": "50",
        "LOADTEST_READERS": "4",
        "LOADTEST_POSTERS": "8",
        "WEB_CONCURRENCY": "3",
    }
    done = subprocess.run(
        [sys.executable, "-m", "bench.loadtest"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    output = done.stdout + done.stderr
    report = json.loads((tmp_path / "loadtest.json").read_text())
    assert done.returncode == 0, output
    assert all(report["checks"].values()), output
    results, stored = report["results"], report["stored"]
    assert stored["comments"] == results["comments"]["accepted"] > 0
    assert stored["subscribers"] == results["signups"]["accepted"] > 0
    for result in results.values():
        assert not any(status.startswith("5") for status in result.get("statuses", {})), output
        assert result["p50_ms"] is not None and result["p99_ms"] is not None
    assert results["readers"]["requests"] > 0
