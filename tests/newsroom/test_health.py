import json
import subprocess
import sys

import pytest
from django.conf import settings


@pytest.mark.django_db
def test_healthz_is_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "tasks": {"ready": 0, "oldest_ready_seconds": None},
    }
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
    assert body == {"status": "unavailable", "database": "error", "cache": "ok"}


@pytest.mark.django_db
def test_healthz_reports_a_task_backlog_as_degraded_not_down(client, settings):
    """A stopped task worker: readers are still served (200), but the oldest
    waiting task's age tells monitoring that e-mails are not going out."""
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult, get_date_max

    settings.HEALTHZ_TASK_BACKLOG_SECONDS = 600
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="newsroom.maintenance.prune_task_results",
        backend_name="default",
        run_after=get_date_max(),
    )
    DBTaskResult.objects.filter(pk=task.pk).update(
        enqueued_at=timezone.now() - timedelta(minutes=20)
    )
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["tasks"]["ready"] == 1
    assert 1190 <= body["tasks"]["oldest_ready_seconds"] <= 1260
