"""A read replica for the public pages (DATABASE_REPLICA_URL): which reads the
router sends there, and that everything that may follow a write stays on the
primary. The replica here is the test database itself (TEST MIRROR in
newsroom/settings/test.py), so the tests see which connection ran a query."""

import json
import uuid

import pytest
from django.core.cache import caches
from django.db import connections, transaction
from django.http import JsonResponse
from django.test.utils import CaptureQueriesContext
from django.urls import path

from articles.models import Section
from newsletter import tokens
from newsletter.models import NewsletterList
from newsroom import urls as site_urls
from newsroom.db_router import REPLICA, ReplicaRouter
from tests.newsletter.factories import SubscriberFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, databases=["default", REPLICA]),
    pytest.mark.urls("tests.newsroom.test_db_router"),
]


def read_write_read(request):
    """A public page that writes: the reads after its write, and those inside a
    transaction, must see it."""
    read = {"first": Section.objects.all().db}
    slug = f"written-{uuid.uuid4().hex}"
    Section.objects.create(name=slug, slug=slug)
    read["after"] = Section.objects.filter(slug=slug).db
    read["found"] = Section.objects.filter(slug=slug).count()
    with transaction.atomic():
        read["inside"] = NewsletterList.objects.all().db
    return JsonResponse(read)


urlpatterns = [
    path("test-read-write-read/", read_write_read, name="read_write_read"),
    # The site's own patterns, not include()d: i18n_patterns must be at the root.
    *site_urls.urlpatterns,
]


@pytest.fixture(autouse=True)
def replica(settings):
    settings.DATABASE_ROUTERS = ["newsroom.db_router.ReplicaRouter"]
    settings.MIDDLEWARE = ["newsroom.db_router.ReplicaReadsMiddleware", *settings.MIDDLEWARE]
    settings.DATABASE_REPLICA_PAGES = [*settings.DATABASE_REPLICA_PAGES, "read_write_read"]


def queries(client, method, url, **extra):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        response = getattr(client, method)(url, **extra)
    return response, [q["sql"] for q in primary], [q["sql"] for q in replica]


def test_an_anonymous_readers_public_pages_read_the_replica(client, article):
    for url in ("/", article.get_absolute_url(), "/section/economy/", "/feed/", "/newsletter/"):
        # On a database flushed by an earlier test, the first view creates the
        # discussion settings' row: a write, after which the page reads the primary.
        client.get(url)
        caches["pages"].clear()  # rendered, not served by the page cache
        response, primary, replica = queries(client, "get", url)
        assert response.status_code == 200, url
        assert replica, url
        # Only the discussion settings' get_or_create(), which Django asks of
        # the primary, since it may write.
        assert all("comments_discussionsettings" in sql for sql in primary), url


def test_a_reader_with_a_cookie_reads_the_primary(client, article):
    """A signed-in editor or a commenter has just written something and must see it."""
    client.cookies["sessionid"] = "anything"
    response, primary, replica = queries(client, "get", article.get_absolute_url())
    assert response.status_code == 200
    assert primary and replica == []


def test_posts_pages_outside_the_list_and_the_admin_read_the_primary(client, admin_client):
    subscriber = SubscriberFactory()
    link = f"/newsletter/preferences/{tokens.manage_token(subscriber.key)}/"
    response, primary, replica = queries(client, "get", link)
    assert response.status_code == 200
    assert primary and replica == []
    response, primary, replica = queries(
        client, "post", "/newsletter/subscribe/", data={"email": "x@example.org"}
    )
    assert replica == []
    response, primary, replica = queries(admin_client, "get", "/admin/")
    assert response.status_code == 200
    assert primary and replica == []


def test_after_a_write_and_inside_a_transaction_reads_go_to_the_primary(client):
    response = client.get("/test-read-write-read/")
    assert json.loads(response.content) == {
        "first": REPLICA,
        "after": "default",
        "found": 1,
        "inside": "default",
    }
    # The next request starts afresh.
    assert client.get("/test-read-write-read/").json()["first"] == REPLICA


def test_outside_a_request_tasks_and_commands_read_the_primary():
    assert ReplicaRouter().db_for_read(Section) == "default"
    assert Section.objects.all().db == "default"
    assert ReplicaRouter().db_for_write(Section) == "default"
    assert not ReplicaRouter().allow_migrate(REPLICA, "articles")
