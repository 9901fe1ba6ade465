"""Content-Security-Policy and Permissions-Policy on every page (issue 10,
defect 10), the same bytes for every reader so that shared caches keep
working, and `check --deploy` clean under production settings."""

import base64
import hashlib
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def inline_scripts(html: str) -> list[str]:
    """Inline scripts the browser would run: not those with a src, nor data
    blocks such as JSON-LD (`type="application/ld+json"`), which CSP leaves be."""
    return re.findall(r"<script(?![^>]*\b(?:src|type)=)[^>]*>(.*?)</script>", html, re.S)


@pytest.fixture
def pages(article, client):
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "section": "/section/economy/",
        "search": "/search/?q=bridge",
        "newsletter": "/newsletter/",
        "feed": "/feed/",
        "not found": "/no-such-page/",
        "admin login": "/admin/login/",
    }


def test_every_page_carries_a_strict_policy(pages, client):
    for name, path in pages.items():
        response = client.get(path)
        policy = directives(response)
        assert policy["default-src"] == ["'self'"], name
        assert policy["object-src"] == ["'none'"], name
        assert policy["frame-ancestors"] == ["'none'"], name
        assert policy["base-uri"] == ["'self'"], name
        assert policy["form-action"] == ["'self'"], name
        script_src = policy["script-src"]
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, name
        if not path.startswith("/admin/"):
            # The admin, never cached, has a nonce; shared pages cannot.
            assert not any(value.startswith("'nonce-") for value in script_src), name
        if not path.startswith("/admin/"):
            assert "'unsafe-inline'" not in policy["style-src"], name
        permissions = response["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert f"{feature}=()" in permissions, (name, permissions)


def test_public_pages_are_the_same_bytes_for_every_reader_and_from_the_cache(pages, client):
    """No nonce: a page served from the page cache carries the same policy as
    the one rendered for the first reader."""
    first = client.get(pages["article"])
    again = client.get(pages["article"])
    assert again["X-Page-Cache"] == "hit"
    assert again.content == first.content
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert again["Permissions-Policy"] == first["Permissions-Policy"]


def test_every_inline_script_is_allowed_by_its_hash(pages, client):
    """The policy lists each inline script the public pages print by its hash,
    so editing the script without the hash fails here (and in the browser)."""
    seen = 0
    for name, path in pages.items():
        response = client.get(path)
        if "html" not in response["Content-Type"]:
            continue
        allowed = directives(response)["script-src"]
        for script in inline_scripts(response.content.decode()):
            digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in allowed, (name, script)
            seen += 1
    assert seen, "the public pages print no inline script any more: drop the hash"


def test_check_deploy_passes_under_production_settings():
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "DJANGO_SECRET_KEY": os.urandom(32).hex(),
        "DJANGO_ALLOWED_HOSTS": "news.example.az",
        "SITE_URL": "https://news.example.az",
        "REDIS_URL": "redis://127.0.0.1:6379/13",
        "TRUSTED_PROXY_COUNT": "1",
        "DATABASE_URL": "sqlite://:memory:",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr, result.stdout + result.stderr
