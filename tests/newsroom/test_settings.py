"""Production settings refuse to start without real secrets."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION = {
    "DJANGO_ALLOWED_HOSTS": "news.example.az",
    "SITE_URL": "https://news.example.az",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "TRUSTED_PROXY_COUNT": "1",
}


def load_production(**env):
    return subprocess.run(
        [sys.executable, "-c", "import newsroom.settings.production"],
        env={"PATH": "/usr/bin:/bin", **PRODUCTION, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    "env",
    [{}, {"DJANGO_SECRET_KEY": "short"}, {"DJANGO_SECRET_KEY": "dev-" + "x" * 60}],
    ids=["missing", "short", "dev-key"],
)
def test_production_refuses_a_missing_or_weak_secret_key(env):
    result = load_production(**env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_starts_with_a_real_key():
    result = load_production(DJANGO_SECRET_KEY=os.urandom(32).hex())
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("DJANGO_ALLOWED_HOSTS", "DJANGO_ALLOWED_HOSTS must list"),
        ("SITE_URL", "SITE_URL must be the site's public address"),
        ("REDIS_URL", "REDIS_URL must be set in production"),
    ],
)
def test_production_refuses_development_defaults(missing, message):
    """Localhost host names and address, or a per-process cache (which would
    multiply every rate limit by the number of workers), are refused."""
    result = load_production(DJANGO_SECRET_KEY=os.urandom(32).hex(), **{missing: ""})
    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.parametrize("value", ["", "-1"], ids=["unset", "negative"])
def test_production_refuses_to_start_without_a_proxy_count(value):
    """Behind a proxy, a missing count makes every reader one rate-limit bucket
    (issue 10, defect 3): production refuses to start rather than guess."""
    result = load_production(DJANGO_SECRET_KEY=os.urandom(32).hex(), TRUSTED_PROXY_COUNT=value)
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT must" in result.stderr


def test_production_accepts_an_explicit_zero_proxy_count():
    """0 is allowed when said: readers connect straight to gunicorn."""
    result = load_production(DJANGO_SECRET_KEY=os.urandom(32).hex(), TRUSTED_PROXY_COUNT="0")
    assert result.returncode == 0, result.stderr


def test_bad_boolean_is_a_clear_error():
    result = subprocess.run(
        [sys.executable, "-c", "import newsroom.settings.dev"],
        env={"PATH": "/usr/bin:/bin", "DJANGO_DEBUG": "maybe"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "DJANGO_DEBUG must be a boolean" in result.stderr


def test_manage_py_check_works_before_the_var_folder_exists(tmp_path):
    """A fresh clone has no var/: the first command must create it, not fail
    with "unable to open database file" (this broke CI's lint step once)."""
    var_dir = tmp_path / "fresh" / "var"
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--fail-level", "WARNING"],
        env={
            "PATH": "/usr/bin:/bin",
            "NEWSROOM_VAR_DIR": str(var_dir),
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
        },
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert var_dir.is_dir()


def test_production_refuses_an_esp_without_a_webhook_secret():
    """Bounces must reach us: an ESP backend needs its webhooks authenticated."""
    key = os.urandom(32).hex()
    esp = {"EMAIL_BACKEND": "anymail.backends.postmark.EmailBackend"}
    result = load_production(DJANGO_SECRET_KEY=key, **esp)
    assert result.returncode != 0
    assert "set ANYMAIL_WEBHOOK_SECRET" in result.stderr
    result = load_production(DJANGO_SECRET_KEY=key, ANYMAIL_WEBHOOK_SECRET="hook:pw", **esp)
    assert result.returncode == 0, result.stderr
