"""deploy/gunicorn.conf.py: gunicorn accepts it with the production settings,
sizes the workers from the CPUs or WEB_CONCURRENCY, and gives the web workers
(and nothing else) the database statement timeout."""

import json
import os
import runpy
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.conf import settings

from tests.newsroom.test_settings import PRODUCTION

CONFIG = settings.BASE_DIR / "deploy" / "gunicorn.conf.py"


def production_env(tmp_path, **env):
    return {
        "PATH": "/usr/bin:/bin",
        **PRODUCTION,
        "DJANGO_SECRET_KEY": os.urandom(32).hex(),
        "NEWSROOM_VAR_DIR": str(tmp_path / "var"),
        **env,
    }


def gunicorn(*args, env):
    return subprocess.run(  # noqa: S603 (our own interpreter and files)
        [sys.executable, "-m", "gunicorn", "-c", str(CONFIG), *args],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def load_config(monkeypatch, cpus, **env):
    """The settings the file gives gunicorn, on a machine with `cpus` CPUs."""
    for name in ("WEB_CONCURRENCY", "BIND", "PORT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cpus)), raising=False)
    return runpy.run_path(str(CONFIG))


def test_gunicorn_accepts_the_configuration_with_the_production_settings(tmp_path):
    result = gunicorn("--check-config", "newsroom.wsgi", env=production_env(tmp_path))
    assert result.returncode == 0, result.stderr


def test_gunicorn_reads_the_values_from_the_environment(tmp_path):
    env = production_env(
        tmp_path,
        WEB_CONCURRENCY="3",
        BIND="127.0.0.1:9100",
        FORWARDED_ALLOW_IPS="10.0.0.5",
        GUNICORN_TIMEOUT="45",
        GUNICORN_MAX_REQUESTS="500",
    )
    result = gunicorn("--print-config", "newsroom.wsgi", env=env)
    assert result.returncode == 0, result.stderr
    printed = {
        name.strip(): value.strip()
        for name, _, value in (line.partition("=") for line in result.stdout.splitlines())
    }
    assert printed["workers"] == "3"
    assert printed["bind"] == "['127.0.0.1:9100']"
    assert printed["forwarded_allow_ips"] == "['10.0.0.5']"
    assert printed["timeout"] == "45"
    assert printed["max_requests"] == "500"
    assert printed["max_requests_jitter"] == "100"
    assert printed["worker_class"] == "sync"
    assert "%(M)s" in printed["access_log_format"], "the request time is logged"


@pytest.mark.parametrize(("cpus", "workers"), [(1, 3), (2, 5), (8, 17)])
def test_workers_follow_the_cpu_count(monkeypatch, cpus, workers):
    assert load_config(monkeypatch, cpus)["workers"] == workers


def test_web_concurrency_overrides_the_cpu_count(monkeypatch):
    assert load_config(monkeypatch, 8, WEB_CONCURRENCY="2")["workers"] == 2


def test_bind_defaults_to_localhost_on_port(monkeypatch):
    assert load_config(monkeypatch, 2)["bind"] == ["127.0.0.1:8000"]
    assert load_config(monkeypatch, 2, PORT="9000")["bind"] == ["127.0.0.1:9000"]


def test_a_bad_number_names_its_variable(monkeypatch):
    with pytest.raises(SystemExit, match="GUNICORN_TIMEOUT must be an integer"):
        load_config(monkeypatch, 2, GUNICORN_TIMEOUT="half a minute")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_only_the_web_workers_get_the_statement_timeout(tmp_path):
    """The workers serve requests under WEB_STATEMENT_TIMEOUT_MS; the same
    settings loaded without gunicorn (migrate, db_worker) carry no limit."""
    port = free_port()
    env = production_env(
        tmp_path,
        BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
        WEB_STATEMENT_TIMEOUT_MS="1234",
        # Read from settings only: nothing connects to it.
        DATABASE_URL="postgres://newsroom@127.0.0.1:5432/newsroom",
    )
    server = subprocess.Popen(  # noqa: S603 (our own interpreter and files)
        [sys.executable, "-m", "gunicorn", "-c", str(CONFIG), "tests.newsroom.gunicorn_probe"],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        web_options = json.loads(get(f"http://127.0.0.1:{port}/", server))
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert web_options["options"] == "-c statement_timeout=1234"
    assert web_options["connect_timeout"] == 5

    command = subprocess.run(
        [
            sys.executable,
            "-c",
            "import tests.newsroom.gunicorn_probe as p; print(p.settings.DATABASES)",
        ],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "statement_timeout" not in command.stdout


def get(url, server, wait=30):
    """The body at url, once the server has started (it may take seconds)."""
    deadline = time.monotonic() + wait
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read()
        except OSError:
            if server.poll() is not None:
                pytest.fail(f"gunicorn exited: {server.stderr.read().decode()}")
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
