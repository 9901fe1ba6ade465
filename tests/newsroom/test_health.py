import json
import subprocess
import sys

import pytest
from django.conf import settings


@pytest.mark.django_db
def test_healthz_is_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_does_not_answer(tmp_path):
    """A real process pointed at a database that is not there."""
    unreachable = (
        "postgres://postgres@127.0.0.1:1/nowhere"
        if settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
        # A folder where the database file should be: SQLite cannot open it.
        else f"sqlite:///{tmp_path}"
    )
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(json.dumps([r.status_code, r.json()]))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        env={
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.test",
            "DATABASE_URL": unreachable,
            "PATH": "/usr/bin:/bin",
        },
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    status, body = json.loads(result.stdout.strip().splitlines()[-1])
    assert status == 503
    assert body == {"status": "unavailable", "database": "error"}
