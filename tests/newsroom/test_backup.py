"""Backup and restore (issue 10, "Backups"): deploy/backup.sh dumps a populated
database (the demo, comments of every status, subscribers), deploy/restore.sh
restores it into a fresh one, and the site running on the restored database
serves the same articles, comments and subscribers.

PostgreSQL only (the scripts are pg_dump and pg_restore); the site is gunicorn
with the production settings (tests/newsroom/servers.py), so it needs Redis.
"""

import json
import subprocess

import pytest

from tests.conftest import postgres_only
from tests.newsroom.servers import (
    BASE_DIR,
    Gunicorn,
    django_run,
    get,
    migrate,
    require_redis,
    site_env,
    throwaway_database,
)

pytestmark = postgres_only

SEED = """
from django.core.management import call_command
from articles.models import Article
from newsletter.models import NewsletterList
from tests.comments.factories import CommentFactory
from tests.newsletter.factories import SubscriberFactory
call_command("load_demo", verbosity=0)
stories = list(Article.objects.published().order_by("-published_at")[:3])
for number, story in enumerate(stories):
    first = CommentFactory(article=story, body=f"Backed-up comment {number} on the bridge")
    CommentFactory(article=story, parent=first, body=f"Backed-up reply {number}")
    CommentFactory(article=story, pending=True, body=f"Backed-up pending {number}")
    CommentFactory(article=story, spam=True, body=f"Backed-up spam {number}")
lists = list(NewsletterList.objects.all())
for number in range(5):
    SubscriberFactory(email=f"backed-up{number}@example.org", lists=lists)
SubscriberFactory(email="pending-backup@example.org", status="pending")
"""

SNAPSHOT = """
import json
from articles.models import Article
from comments.models import Comment
from newsletter.models import Subscriber
print(json.dumps({
    "articles": [
        [a.pk, a.headline, a.get_absolute_url(), a.body, a.comment_count]
        for a in Article.objects.published().order_by("pk")
    ],
    "comments": list(
        Comment.objects.order_by("pk").values_list(
            "pk", "article_id", "parent_id", "name", "email", "body", "status"
        )
    ),
    "subscribers": [
        [s.pk, s.email, s.status, sorted(s.lists.values_list("slug", flat=True))]
        for s in Subscriber.objects.order_by("pk")
    ],
}, default=str))
"""


def script(name, database_url, *args):
    return subprocess.run(  # noqa: S603 (our own scripts)
        [str(BASE_DIR / "deploy" / name), *args],
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def populated(tmp_path, static_root):
    """A migrated database holding the demo, comments and subscribers, and its snapshot."""
    require_redis()
    with throwaway_database(tmp_path) as database_url:
        env = site_env(tmp_path, database_url, STATIC_ROOT=str(static_root))
        migrate(env)
        django_run(env, SEED)
        yield env, json.loads(django_run(env, SNAPSHOT))


def test_a_dump_restored_into_a_fresh_database_serves_the_same_site(populated, tmp_path):
    env, before = populated
    backup = script("backup.sh", env["DATABASE_URL"], str(tmp_path / "backups"))
    assert backup.returncode == 0, backup.stderr
    dump = backup.stdout.strip()
    assert [str(path) for path in (tmp_path / "backups").glob("*.dump")] == [dump]
    assert not list((tmp_path / "backups").glob("*.partial"))

    restored_dir = tmp_path / "restored"
    restored_dir.mkdir()
    with throwaway_database(restored_dir) as restored_url:
        restore = script("restore.sh", restored_url, dump)
        assert restore.returncode == 0, restore.stderr
        restored_env = {**env, "DATABASE_URL": restored_url, "CACHE_KEY_PREFIX": "restored"}
        migrate(restored_env)  # as the README says: nothing to apply, caches invalidated
        after = json.loads(django_run(restored_env, SNAPSHOT))
        assert after == before
        assert len(after["comments"]) == len(before["comments"]) >= 12
        emails = {row[1] for row in after["subscribers"]}
        assert {f"backed-up{n}@example.org" for n in range(5)} <= emails
        assert "pending-backup@example.org" in emails

        site = Gunicorn(restored_env, restored_dir, workers=1)
        try:
            for _pk, headline, url, _body, _count in after["articles"][-3:]:
                status, _headers, body = get(site.port, url)
                assert status == 200, url
                assert headline.encode() in body.replace(b"&#x27;", b"'")
            approved = [
                row
                for row in after["comments"]
                if row[6] == "approved" and row[5].startswith("Backed-up")
            ]
            assert len(approved) == 6
            shown = {row[1] for row in approved}
            for pk, _headline, url, _body, _count in after["articles"]:
                if pk in shown:
                    status, _headers, body = get(site.port, url)
                    for comment in (row for row in approved if row[1] == pk):
                        assert comment[5].encode() in body, (url, comment[5])
                    assert b"Backed-up pending" not in body
        finally:
            site.stop()


def test_restore_refuses_a_database_that_holds_data(populated, tmp_path):
    env, before = populated
    dump = script("backup.sh", env["DATABASE_URL"], str(tmp_path / "backups")).stdout.strip()
    restore = script("restore.sh", env["DATABASE_URL"], dump)
    assert restore.returncode == 1
    assert "already holds" in restore.stderr
    assert json.loads(django_run(env, SNAPSHOT)) == before
