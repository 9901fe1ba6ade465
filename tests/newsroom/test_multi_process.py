"""Two app servers, one PostgreSQL and one Redis (issue 9, "Beyond one
machine"): nothing kept in one process may make another serve an old page.
Process B serves and caches the home and section pages; an editor publishes
through process A's admin; within a second B serves the new story.

Production settings and deploy/gunicorn.conf.py, as on two machines; only the
ports differ. PostgreSQL only: two machines cannot share a SQLite file.
"""

import re
import time
import urllib.parse

import pytest

from tests.newsroom.servers import (
    ON_POSTGRES,
    Gunicorn,
    django_run,
    get,
    migrate,
    require_redis,
    site_env,
    throwaway_database,
)

pytestmark = pytest.mark.skipif(
    not ON_POSTGRES,
    reason="two app servers share one database server: run with DATABASE_URL=postgres://...",
)

SEED = """
from django.contrib.auth import get_user_model
from tests.factories import ArticleFactory, SectionFactory
section = SectionFactory(name="Economy", slug="economy")
ArticleFactory(headline="Baku opens its new metro line", slug="baku-metro", section=section)
draft = ArticleFactory(
    draft=True, headline="Ganja council votes on the bridge", slug="ganja-bridge", section=section
)
get_user_model().objects.create_superuser("chief", "chief@example.org", "a long password 42")
print(draft.pk)
"""
HEADLINE = b"Ganja council votes on the bridge"
PAGES = ["/", "/section/economy/"]


class Editor:
    """An editor's browser against one server: keeps its cookies, fills in the
    CSRF token of the last form it saw."""

    def __init__(self, port):
        self.port, self.cookies, self.token = port, {}, ""

    def request(self, method, path, form=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            body = urllib.parse.urlencode({**form, "csrfmiddlewaretoken": self.token})
        status, response, page = get(self.port, path, headers, method=method, body=body)
        for cookie in response.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";")[0].partition("=")
            self.cookies[name] = value
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if token:
            self.token = token.group(1).decode()
        return status, response, page


@pytest.fixture(scope="module")
def servers(tmp_path_factory, static_root):
    require_redis()
    tmp_path = tmp_path_factory.mktemp("two-servers")
    with throwaway_database(tmp_path) as database_url:
        # One environment, as two machines would share: same database, same
        # Redis and key prefix, same secret key.
        env = site_env(tmp_path, database_url, STATIC_ROOT=str(static_root))
        migrate(env)
        draft_pk = django_run(env, SEED).strip()
        a = Gunicorn(env, tmp_path, name="a", workers=1)
        try:
            b = Gunicorn(env, tmp_path, name="b", workers=1)
            try:
                yield a, b, draft_pk
            finally:
                b.stop()
        finally:
            a.stop()


def test_a_publish_through_one_server_refreshes_the_pages_another_has_cached(servers):
    a, b, draft_pk = servers
    for page in PAGES:
        get(b.port, page)
        status, headers, body = get(b.port, page)
        assert (status, headers["X-Page-Cache"]) == (200, "hit"), f"B keeps {page}"
        assert HEADLINE not in body
        assert b.requests(page) == 2

    editor = Editor(a.port)
    editor.request("GET", "/admin/login/")
    status, _, _ = editor.request(
        "POST",
        "/admin/login/?next=/admin/",
        {"username": "chief", "password": "a long password 42"},
    )
    assert status == 302, "signed in to A"
    editor.request("GET", "/admin/articles/article/")
    status, _, _ = editor.request(
        "POST",
        "/admin/articles/article/",
        {"action": "publish_selected", "_selected_action": draft_pk, "index": "0"},
    )
    assert status == 302
    published = time.monotonic()
    assert a.requests("/admin/articles/article/") == 2
    assert b.requests("/admin/articles/article/") == 0, "B took no part in the publish"

    for page in PAGES:
        while True:
            _, headers, body = get(b.port, page)
            if HEADLINE in body:
                break
            waited = time.monotonic() - published
            assert waited < 1, f"B still serves the old {page} {waited:.2f} s after the publish"
            time.sleep(0.05)
