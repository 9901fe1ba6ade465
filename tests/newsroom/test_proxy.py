"""nginx with deploy/nginx's configuration in front of gunicorn (issue 9,
"A real deployment shape"): public pages come from nginx's cache without
reaching Django, personal ones never do, a publish shows within the bound the
app sets (X-Accel-Expires), a stalled request body holds nginx and not a
worker, and nginx serves /static/ and /media/ itself.

One site for the module: a throwaway database (PostgreSQL when the tests run
on it, else a SQLite file), gunicorn with two sync workers and the production
settings, Redis, and Debian's nginx (skipped locally without it; in CI it
must be there).
"""

import gzip
import socket
import subprocess
import time
import urllib.parse
from pathlib import Path

import pytest

from newsroom.page_cache import bypass_cookies
from tests.newsroom.servers import (
    NGINX,
    Gunicorn,
    Nginx,
    django_run,
    get,
    migrate,
    nginx_prefix,
    render_nginx,
    require_nginx,
    require_redis,
    site_env,
    throwaway_database,
)

SEED = """
from django.contrib.auth import get_user_model
from tests.factories import ArticleFactory, SectionFactory
section = SectionFactory(name="Economy", slug="economy")
story = ArticleFactory(headline="Baku opens its new metro line", slug="baku-metro", section=section)
draft = ArticleFactory(
    draft=True, headline="Ganja council votes on the bridge", slug="ganja-bridge", section=section
)
get_user_model().objects.create_superuser("chief", "chief@example.org", "a long password 42")
print(story.get_absolute_url(), story.pk, draft.pk)
"""

PUBLISH = """
from django.contrib.auth import get_user_model
from articles import services
from articles.models import Article
services.publish(article=Article.objects.get(pk={pk}), by=get_user_model().objects.get())
"""

GZIP = {"Accept-Encoding": "gzip, deflate, br, zstd"}


@pytest.fixture(scope="module")
def site(tmp_path_factory, static_root):
    require_nginx()
    require_redis()
    tmp_path = tmp_path_factory.mktemp("proxy")
    with throwaway_database(tmp_path) as database_url:
        # As in the README's recipe: nginx is the one proxy that appends.
        env = site_env(
            tmp_path, database_url, STATIC_ROOT=str(static_root), TRUSTED_PROXY_COUNT="1"
        )
        migrate(env)
        url, story_pk, draft_pk = django_run(env, SEED).split()
        app = Gunicorn(env, tmp_path, workers=2)
        proxy = None
        try:
            proxy = Nginx(env, tmp_path, upstream=app)
            yield {
                "env": env,
                "app": app,
                "proxy": proxy,
                "article": url,
                "article_pk": story_pk,
                "draft_pk": draft_pk,
                "tmp": tmp_path,
            }
        finally:
            if proxy:
                proxy.stop()
            app.stop()


def test_a_repeated_article_request_is_served_without_reaching_django(site):
    app, proxy, url = site["app"], site["proxy"], site["article"]
    status, headers, body = get(proxy.port, url, GZIP)
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert b"Baku opens its new metro line" in gzip.decompress(body)
    assert "public" in headers["Cache-Control"]
    assert "X-Accel-Expires" not in headers, "nginx keeps its TTL to itself"
    reached = app.requests(url)
    assert reached == 1

    for _ in range(5):
        status, headers, again = get(proxy.port, url, {"Accept-Encoding": "gzip"})
        assert (status, headers["X-Cache-Status"]) == (200, "HIT")
        assert again == body
    assert app.requests(url) == reached, "the hits never reached gunicorn"

    # A client that takes no gzip gets plain bytes, from an entry of its own.
    status, headers, plain = get(proxy.port, url)
    assert status == 200
    assert "Content-Encoding" not in headers
    assert plain == gzip.decompress(body)
    status, headers, _ = get(proxy.port, url)
    assert headers["X-Cache-Status"] == "HIT"
    assert app.requests(url) == reached + 1


def test_the_admin_is_never_cached(site):
    app, proxy = site["app"], site["proxy"]
    for _ in range(2):
        status, headers, _ = get(proxy.port, "/admin/login/")
        assert status == 200
        assert "X-Cache-Status" not in headers, "nothing was looked up"
    assert app.requests("/admin/login/") == 2


def test_a_reader_with_comment_cookies_bypasses_the_cache(site):
    app, proxy, url = site["app"], site["proxy"], site["article"]
    get(proxy.port, url)  # the shared page is in the cache
    form = {
        "article": site["article_pk"],
        "body": "The new line saves me forty minutes a day.",
        "name": "Rashad Mammadov",
        "email": "rashad@example.org",
        "save_author": "on",
    }
    status, headers, _ = get(
        proxy.port,
        "/comments/post/",
        {
            "Content-Type": "application/x-www-form-urlencoded",
            # Made up by the client: nginx appends the address it really saw.
            "X-Forwarded-For": "203.0.113.9",
        },
        method="POST",
        body=urllib.parse.urlencode(form),
    )
    assert status == 302
    cookies = "; ".join(c.split(";")[0] for c in headers.get_all("Set-Cookie"))
    assert "comment_author=" in cookies
    assert app.requests("/comments/post/") == 1
    recorded = django_run(
        site["env"], "from comments.models import Comment; print(Comment.objects.get().ip)"
    )
    assert recorded.strip() == "127.0.0.1", "the reader's address, not the one they claimed"

    reached = app.requests(url)
    status, headers, body = get(proxy.port, url, {"Cookie": f"theme=dark; {cookies}"})
    assert status == 200
    assert headers["X-Cache-Status"] == "BYPASS"
    assert "private" in headers["Cache-Control"]
    assert "no-store" in headers["Cache-Control"]
    assert b"Rashad Mammadov" in body, "the reader's own page: their name in the form"
    assert app.requests(url) == reached + 1

    # Their page was not stored: the next anonymous reader gets the shared one.
    status, headers, body = get(proxy.port, url)
    # STALE: on a loaded machine the shared copy's 10 s may have passed since it
    # was stored; nginx still answers with it, and refreshes it in the background.
    assert headers["X-Cache-Status"] in ("HIT", "STALE")
    assert b"Rashad Mammadov" not in body
    if headers["X-Cache-Status"] == "HIT":
        assert app.requests(url) == reached + 1


@pytest.mark.parametrize("name", sorted(bypass_cookies()))
def test_every_cookie_the_app_bypasses_on_bypasses_nginx(site, name):
    """The names in the nginx configuration are the app's
    (newsroom.page_cache.bypass_cookies): a new one added there without nginx
    fails here."""
    proxy, url = site["proxy"], site["article"]
    get(proxy.port, url)
    _, headers, _ = get(proxy.port, url, {"Cookie": f"a=1; {name}=anything"})
    assert headers["X-Cache-Status"] == "BYPASS"
    # A cookie whose name merely ends like one of them is not one of them.
    _, headers, _ = get(proxy.port, url, {"Cookie": f"x{name}=1"})
    assert headers["X-Cache-Status"] == "HIT"


def test_a_publish_is_visible_through_nginx_within_the_bound(site):
    app, proxy = site["app"], site["proxy"]
    get(proxy.port, "/")
    status, headers, home = get(proxy.port, "/")
    assert (status, headers["X-Cache-Status"]) == (200, "HIT")
    assert b"Ganja council votes on the bridge" not in home
    # nginx's TTL, which readers never see: asked of gunicorn itself.
    _, direct, _ = get(app.port, "/")
    bound = int(direct["X-Accel-Expires"])
    assert 0 < bound <= 30

    django_run(site["env"], PUBLISH.format(pk=site["draft_pk"]))
    published, seen = time.monotonic(), []
    while b"Ganja council votes on the bridge" not in home:
        waited = time.monotonic() - published
        assert waited <= bound + 1, f"not on the home page {waited:.1f} s after publishing"
        time.sleep(0.2)
        _, headers, home = get(proxy.port, "/")
        seen.append(headers["X-Cache-Status"])
    # Once expired, the old page went to one more reader while nginx fetched
    # the new one in the background (the app's stale-while-revalidate).
    assert "STALE" in seen
    assert "EXPIRED" not in seen, "no reader waited for the new page"


def test_static_and_media_files_are_served_by_nginx(site):
    app, proxy = site["app"], site["proxy"]
    static, media = Path(site["env"]["STATIC_ROOT"]), site["tmp"] / "var" / "media"
    (static / "proof").mkdir()
    (static / "proof" / "site.0123456789ab.css").write_text("body { color: #222 }")
    (static / "proof" / "note.txt").write_text("not hashed")
    (media / "articles").mkdir(parents=True)
    (media / "articles" / "lead.txt").write_text("a picture")

    status, headers, body = get(proxy.port, "/static/proof/site.0123456789ab.css")
    assert (status, body) == (200, b"body { color: #222 }")
    assert headers["Content-Type"].startswith("text/css")
    assert "immutable" in headers["Cache-Control"]
    _, headers, _ = get(proxy.port, "/static/proof/note.txt")
    assert "immutable" not in headers["Cache-Control"]
    status, headers, body = get(proxy.port, "/media/articles/lead.txt")
    assert (status, body) == (200, b"a picture")
    assert app.requests("/static/proof/site.0123456789ab.css") == 0
    assert app.requests("/media/articles/lead.txt") == 0


def stall(port, count):
    """`count` clients that send a POST's headers and then nothing of the body."""
    sockets = []
    for _ in range(count):
        client = socket.create_connection(("127.0.0.1", port), timeout=5)
        client.sendall(
            b"POST /comments/post/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: 4000\r\n\r\nbody=Half"
        )
        sockets.append(client)
    return sockets


def test_a_stalled_request_body_does_not_delay_another_reader(site):
    """Three clients stall their bodies, against two sync workers. Through
    nginx a reader whose page must come from Django still gets it; straight
    at gunicorn (the same three) the reader waits: the case nginx is for."""
    app, proxy, url = site["app"], site["proxy"], site["article"]
    posts = app.requests("/comments/post/")
    personal = {"Cookie": "comment_author=someone"}  # not from the cache

    for _ in range(4):  # both workers warm: the first page a worker makes is slow
        get(proxy.port, url, personal)
    stalled = stall(proxy.port, 3)
    try:
        time.sleep(0.5)
        started = time.monotonic()
        status, headers, _ = get(proxy.port, url, personal, timeout=10)
        assert (status, headers["X-Cache-Status"]) == (200, "BYPASS")
        assert time.monotonic() - started < 5
        assert app.requests("/comments/post/") == posts, "nginx holds the stalled bodies"
    finally:
        for client in stalled:
            client.close()

    stalled = stall(app.port, 3)
    try:
        time.sleep(0.5)
        with pytest.raises(TimeoutError):
            get(app.port, url, personal, timeout=3)
    finally:
        for client in stalled:
            client.close()
    # The workers are free again once the stalled clients are gone.
    status, _, _ = get(app.port, url, personal, timeout=10)
    assert status == 200


def test_the_tls_configuration_is_accepted_by_nginx(tmp_path):
    require_nginx()
    key, certificate = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(  # noqa: S603 (openssl with fixed arguments)
        [
            *("/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=news.example.az", "-keyout", key, "-out", certificate),
        ],
        capture_output=True,
        check=True,
        timeout=60,
    )
    conf = render_nginx(
        {
            "SITE_URL": "https://news.example.az",
            "NGINX_TLS_CERTIFICATE": str(certificate),
            "NGINX_TLS_CERTIFICATE_KEY": str(key),
            "NGINX_LISTEN": "127.0.0.1:8080",
            "NGINX_CACHE_DIR": str(tmp_path / "cache"),
        }
    )
    assert "listen 443 ssl http2;" in conf
    assert "server_name news.example.az;" in conf
    prefix = nginx_prefix(tmp_path, conf)
    result = subprocess.run(  # noqa: S603 (Debian's nginx, our configuration)
        [NGINX, "-t", "-p", prefix, "-c", prefix / "nginx.conf"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
