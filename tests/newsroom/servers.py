"""The site run the production way, for the deployment tests (test_proxy.py,
test_multi_process.py): a throwaway database migrated by manage.py, gunicorn
with deploy/gunicorn.conf.py and the production settings, and nginx with the
configuration rendered from deploy/nginx/ in front.

Everything the servers see is set up through subprocesses with the same
environment (`django_run`), because they share nothing with the test process:
not its test database (an open transaction, or SQLite in memory) and not its
local-memory cache. Each site gets a Redis key prefix of its own, so that two
tests running at once cannot read each other's pages.
"""

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
GUNICORN_CONFIG = BASE_DIR / "deploy" / "gunicorn.conf.py"
NGINX_RENDER = BASE_DIR / "deploy" / "nginx" / "render.py"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# The Redis database the deployment tests use; every site in it has its own
# key prefix. NEWSROOM_TEST_REDIS_URL picks another one.
REDIS_URL = os.environ.get("NEWSROOM_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
ON_POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def require_nginx():
    """Skip without Debian's nginx locally; in CI (.ci/run installs it) fail."""
    if not os.path.exists(NGINX):
        if os.environ.get("CI"):
            pytest.fail("nginx is missing in CI: .ci/run must install it")
        pytest.skip("needs Debian's nginx (apt-get install -y nginx)")


def require_redis():
    host, port = REDIS_URL.split("//")[1].split("/")[0].split(":")
    try:
        socket.create_connection((host, int(port)), timeout=2).close()
    except OSError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not answering at {REDIS_URL} in CI")
        pytest.skip(f"needs Redis at {REDIS_URL} (NEWSROOM_TEST_REDIS_URL)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def throwaway_database(tmp_path):
    """A DATABASE_URL for an empty database that only this site uses: a new
    PostgreSQL database beside the test database when the tests run on
    PostgreSQL, a SQLite file otherwise."""
    if not ON_POSTGRES:
        yield f"sqlite:///{tmp_path / 'site.sqlite3'}"
        return
    db = settings.DATABASES["default"]
    name = f"newsroom_deploy_{uuid.uuid4().hex[:10]}"
    server = {
        "host": db.get("HOST") or "127.0.0.1",
        "port": db.get("PORT") or 5432,
        "user": db.get("USER") or "postgres",
        "password": db.get("PASSWORD") or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        password = f":{quote(server['password'])}" if server["password"] else ""
        yield f"postgres://{server['user']}{password}@{server['host']}:{server['port']}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def collect_static(static_root: Path) -> Path:
    """collectstatic into static_root: production's manifest storage refuses
    to render a page without it."""
    env = site_env(static_root, "sqlite://:memory:", STATIC_ROOT=str(static_root))
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return static_root


def site_env(tmp_path, database_url, **extra) -> dict:
    """The production settings' environment for one site."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "DJANGO_SECRET_KEY": os.urandom(32).hex(),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": "http://127.0.0.1",
        # The tests speak plain HTTP; TLS is the proxy's business.
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": f"newsroom-test-{uuid.uuid4().hex[:10]}",
        "NEWSROOM_VAR_DIR": str(tmp_path / "var"),
        "EMAIL_BACKEND": "locmem",
        "LOG_LEVEL": "WARNING",
        # Straight at gunicorn unless a test puts nginx in front (and says 1).
        "TRUSTED_PROXY_COUNT": "0",
        **extra,
    }


def django_run(env, code: str) -> str:
    """Run Python code with Django set up under `env` (as manage.py shell
    would); returns what it printed."""
    result = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", f"import django\ndjango.setup()\n{code}"],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def migrate(env) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def wait_for(port: int, process, log: Path, what: str, wait: float = 30) -> None:
    deadline = time.monotonic() + wait
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"{what} exited: {log.read_text() if log.exists() else ''}")
            if time.monotonic() > deadline:
                pytest.fail(f"{what} did not listen on {port} within {wait} s")
            time.sleep(0.1)


class Gunicorn:
    """gunicorn with deploy/gunicorn.conf.py on a free port, its access log in a file."""

    def __init__(self, env, tmp_path, name="gunicorn", workers=2, **extra):
        self.port = free_port()
        self.access_log = tmp_path / f"{name}-access.log"
        self.error_log = tmp_path / f"{name}-error.log"
        self.env = {
            **env,
            "BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": str(workers),
            "GUNICORN_ACCESS_LOG": str(self.access_log),
            "GUNICORN_ERROR_LOG": str(self.error_log),
            **extra,
        }
        self.process = subprocess.Popen(  # noqa: S603 (our own interpreter and files)
            [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONFIG), "newsroom.wsgi"],
            env=self.env,
            cwd=BASE_DIR,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self.port, self.process, self.error_log, "gunicorn")

    def requests(self, path: str) -> int:
        """How many requests for `path` reached the app (any method). A worker
        logs a request after answering it, so the count is read until it holds
        still for a moment."""
        counts = [-1]
        while True:
            log = self.access_log.read_text() if self.access_log.exists() else ""
            counts.append(sum(f" {path} HTTP/" in line for line in log.splitlines()))
            if counts[-1] == counts[-2]:
                return counts[-1]
            time.sleep(0.2)

    def stop(self):
        # SIGINT: gunicorn's quick shutdown (SIGTERM waits for idle workers).
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


NGINX_MAIN = """\
{user}
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/newsroom.conf;
}}
"""


def render_nginx(env) -> str:
    result = subprocess.run(  # noqa: S603 (our own script)
        [sys.executable, str(NGINX_RENDER)],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def nginx_prefix(tmp_path, site_conf: str) -> Path:
    """A directory holding a main nginx.conf (what Debian's would be) that
    includes `site_conf`, with every path nginx writes inside it."""
    prefix = tmp_path / "nginx"
    prefix.mkdir()
    (prefix / "newsroom.conf").write_text(site_conf)
    # Workers started by root run as "nobody", who may not enter pytest's
    # private temporary folders.
    user = "user root;" if os.geteuid() == 0 else ""
    (prefix / "nginx.conf").write_text(NGINX_MAIN.format(prefix=prefix, user=user))
    return prefix


class Nginx:
    """nginx with the rendered deploy/nginx configuration, in front of `upstream`."""

    def __init__(self, env, tmp_path, upstream: Gunicorn):
        self.port = free_port()
        self.env = {
            **env,
            "BIND": upstream.env["BIND"],
            "NGINX_LISTEN": f"127.0.0.1:{self.port}",
            "NGINX_CACHE_DIR": str(tmp_path / "nginx-cache"),
        }
        self.prefix = nginx_prefix(tmp_path, render_nginx(self.env))
        self.process = subprocess.Popen(  # noqa: S603 (Debian's nginx, our configuration)
            [NGINX, "-p", self.prefix, "-c", self.prefix / "nginx.conf", "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        wait_for(self.port, self.process, self.prefix / "error.log", "nginx")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def get(port: int, path: str, headers=None, method="GET", body=None, timeout=10):
    """One request; returns (status, headers, body). The headers are
    http.client's: case-insensitive `get`, and `get_all` for Set-Cookie."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(
            method, path, body=body, headers={"Host": "127.0.0.1", **(headers or {})}
        )
        response = connection.getresponse()
        return response.status, response.msg, response.read()
    finally:
        connection.close()
