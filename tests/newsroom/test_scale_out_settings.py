"""Settings for more than one machine, from the environment (README, "Beyond
one machine"): a read replica, media on object storage, the task backend.
Each loads the production settings in a fresh interpreter, as a server would."""

import importlib.util
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from tests.newsroom.test_settings import PRODUCTION

SHOW = """
import json
from django.conf import settings
print(json.dumps({
    "databases": {alias: {"ENGINE": db["ENGINE"], "HOST": db.get("HOST"),
                          "OPTIONS": db.get("OPTIONS", {})}
                  for alias, db in settings.DATABASES.items()},
    "routers": settings.DATABASE_ROUTERS,
    "middleware": settings.MIDDLEWARE,
    "storage": settings.STORAGES["default"],
    "tasks": settings.TASKS["default"]["BACKEND"],
}))
"""


def production(**env):
    return subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", SHOW],
        env={
            "PATH": "/usr/bin:/bin",
            **PRODUCTION,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
            "DJANGO_SECRET_KEY": os.urandom(32).hex(),
            "DATABASE_URL": "postgres://newsroom@primary:5432/newsroom",
            **env,
        },
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def loaded(**env) -> dict:
    result = production(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def refused(**env) -> str:
    result = production(**env)
    assert result.returncode != 0
    return result.stderr


def test_one_machine_by_default():
    shown = loaded()
    assert list(shown["databases"]) == ["default"]
    assert shown["routers"] == []
    assert "newsroom.db_router.ReplicaReadsMiddleware" not in shown["middleware"]
    assert shown["storage"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert shown["tasks"] == "django_tasks_db.DatabaseBackend"


def test_a_replica_gets_the_router_and_the_primarys_connection_options():
    shown = loaded(
        DATABASE_REPLICA_URL="postgres://newsroom@replica:5432/newsroom",
        DATABASE_STATEMENT_TIMEOUT_MS="2500",
    )
    replica = shown["databases"]["replica"]
    assert replica["HOST"] == "replica"
    assert replica["OPTIONS"] == shown["databases"]["default"]["OPTIONS"]
    assert "statement_timeout=2500" in replica["OPTIONS"]["options"]
    assert shown["routers"] == ["newsroom.db_router.ReplicaRouter"]
    assert "newsroom.db_router.ReplicaReadsMiddleware" in shown["middleware"]


def test_a_replica_of_another_kind_of_database_is_refused():
    message = refused(DATABASE_REPLICA_URL="sqlite:///replica.sqlite3")
    assert "DATABASE_REPLICA_URL must be a replica of DATABASE_URL" in message


@pytest.mark.skipif(
    importlib.util.find_spec("storages") is not None, reason="django-storages is installed"
)
def test_a_bucket_without_django_storages_is_a_clear_error():
    message = refused(AWS_STORAGE_BUCKET_NAME="newsroom-media")
    assert "pip install 'django-storages[s3]'" in message


@pytest.mark.skipif(
    importlib.util.find_spec("django_tasks_rq") is not None, reason="django-tasks-rq is installed"
)
def test_the_rq_task_backend_without_its_package_is_a_clear_error():
    message = refused(TASK_BACKEND="rq")
    assert "TASK_BACKEND=rq needs django-tasks-rq installed" in message


def test_an_unknown_task_backend_is_refused():
    assert "TASK_BACKEND must be database or rq" in refused(TASK_BACKEND="celery")
