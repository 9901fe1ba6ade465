"""Comments in pages (issue 9), like WordPress's "Break comments into pages":
the article page shows one page of top-level threads with all their replies,
links to the others with plain crawlable links, and sends a reader to the page
that holds the comment they were pointed at."""

import importlib
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from comments.cookies import MINE_COOKIE
from comments.models import Comment, DiscussionSettings
from comments.services import moderate
from comments.tasks import notify_reply

from .conftest import post_comment
from .factories import CommentFactory

pytestmark = pytest.mark.django_db

SHOWN = re.compile(r'<li id="comment-(\d+)"')


def threads(article, count, replies=1):
    """``count`` top-level comments, oldest first, each with ``replies`` replies."""
    tops = []
    for n in range(count):
        top = CommentFactory(article=article, body=f"Thread {n}")
        for r in range(replies):
            CommentFactory(parent=top, body=f"Reply {r} in thread {n}")
        tops.append(top)
    return tops


def paged(rules, per_page, order=DiscussionSettings.PageOrder.OLDEST_FIRST):
    rules.threads_per_page = per_page
    rules.page_order = order
    rules.save()


def shown(html: str) -> list[int]:
    return [int(pk) for pk in SHOWN.findall(html)]


def page(client, article, cpage=None, **params):
    query = {"cpage": cpage, **params} if cpage is not None else params
    response = client.get(article.get_absolute_url(), query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_one_page_of_threads_with_all_their_replies(client, story, rules):
    paged(rules, 3)
    tops = threads(story, 7, replies=2)
    first = page(client, story)
    assert "Thread 0" in first and "Reply 1 in thread 2" in first
    assert "Thread 3" not in first
    assert len(shown(first)) == 3 * 3
    assert "21 comments" in first, "the heading counts the whole discussion"
    second = page(client, story, 2)
    assert [pk for pk in shown(second) if pk in {t.pk for t in tops}] == [t.pk for t in tops[3:6]]
    last = page(client, story, 3)
    assert "Thread 6" in last and "Thread 5" not in last


def test_page_links_are_plain_crawlable_links(client, story, rules):
    paged(rules, 2)
    threads(story, 5)
    url = story.get_absolute_url()
    second = page(client, story, 2)
    nav = re.search(r'<nav class="pagination comment-pages".*?</nav>', second, re.S).group(0)
    assert f'href="{url}#comments">« Older comments</a>' in nav
    assert f'href="{url}?cpage=3#comments">Newer comments »</a>' in nav
    assert f'<a href="{url}#comments">1</a>' in nav
    assert '<span class="pagination__current" aria-current="page">2</span>' in nav
    assert f'<a href="{url}?cpage=3#comments">3</a>' in nav
    assert f'<link rel="canonical" href="{settings.SITE_URL}{url}">' in second
    assert "Older comments" not in page(client, story)
    assert "Newer comments" not in page(client, story, 3)


def test_the_newest_threads_can_come_first(client, story, rules):
    paged(rules, 2, DiscussionSettings.PageOrder.NEWEST_FIRST)
    tops = threads(story, 5, replies=0)
    first = page(client, story)
    assert shown(first) == [tops[4].pk, tops[3].pk]
    assert f'href="{story.get_absolute_url()}?cpage=2#comments">« Older comments' in first
    assert shown(page(client, story, 3)) == [tops[0].pk]


def test_zero_threads_per_page_shows_everything_on_one_page(client, story, rules):
    paged(rules, 0)
    threads(story, 60)
    html = page(client, story, 2)
    assert len(shown(html)) == 120
    assert "comment-pages" not in html


@pytest.mark.parametrize(
    ("cpage", "expected"),
    [
        ("abc", 1),
        ("0", 1),
        ("-2", 1),
        ("2.5", 1),
        ("", 1),
        ("٣", 3),
        ("4", 3),
        ("99999999999999999999999999999999999999", 3),
        ("9" * 5000, 3),
    ],
)
def test_odd_page_numbers_fall_back_to_a_real_page(client, story, rules, cpage, expected):
    paged(rules, 2)
    tops = threads(story, 5, replies=0)
    html = page(client, story, cpage)
    assert tops[(expected - 1) * 2].pk in shown(html)


def test_the_same_page_is_the_same_bytes_for_every_anonymous_reader(client, story, rules):
    paged(rules, 2)
    threads(story, 5)
    one = Client().get(story.get_absolute_url(), {"cpage": 2})
    two = Client().get(story.get_absolute_url(), {"cpage": 2})
    assert one.content == two.content
    assert "private" not in one.get("Cache-Control", "")
    assert not one.cookies


def test_a_comment_link_lands_on_the_page_that_holds_it(client, story, rules):
    paged(rules, 2)
    tops = threads(story, 5, replies=0)
    reply = CommentFactory(parent=tops[4], body="Late reply")
    deeper = CommentFactory(parent=reply, body="Deeper")
    url = story.get_absolute_url()
    assert tops[0].get_absolute_url() == f"{url}#comment-{tops[0].pk}"
    assert tops[2].get_absolute_url() == f"{url}?cpage=2#comment-{tops[2].pk}"
    assert deeper.get_absolute_url() == f"{url}?cpage=3#comment-{deeper.pk}"
    assert f'id="comment-{deeper.pk}"' in page(client, story, 3)
    paged(rules, 2, DiscussionSettings.PageOrder.NEWEST_FIRST)
    assert deeper.get_absolute_url() == f"{url}#comment-{deeper.pk}"
    assert tops[0].get_absolute_url() == f"{url}?cpage=3#comment-{tops[0].pk}"


def test_replying_to_a_comment_on_page_three_stays_on_page_three(client, story, rules):
    paged(rules, 2)
    tops = threads(story, 6, replies=0)
    target = tops[5]
    url = story.get_absolute_url()
    third = page(client, story, 3)
    assert f'href="?replyto={target.pk}#respond"' in third
    # Without JavaScript the reply link keeps only ?replyto=: the page follows it.
    replying = page(client, story, replyto=target.pk)
    assert f'id="comment-{target.pk}"' in replying
    assert f'name="parent" value="{target.pk}"' in replying
    assert f'href="{url}?cpage=3#respond"' in replying, "cancel stays on the page"
    # A form with an error comes back on the same page.
    refused = post_comment(client, story, parent=target.pk, name="")
    assert refused.status_code == 400
    assert f'id="comment-{target.pk}"' in refused.content.decode()
    assert "Thread 0" not in refused.content.decode()
    # The posted reply waits for moderation, on page three, for its author.
    posted = post_comment(client, story, parent=target.pk)
    reply = Comment.objects.get(parent=target)
    assert posted["Location"] == f"{url}?cpage=3#comment-{reply.pk}"
    own = page(client, story, 3)
    assert "Your comment is awaiting moderation." in own
    assert f'id="comment-{reply.pk}"' in own
    assert f'id="comment-{reply.pk}"' not in page(Client(), story, 3)


def test_a_readers_new_thread_waits_on_the_page_where_new_threads_arrive(client, story, rules):
    paged(rules, 2)
    threads(story, 3, replies=0)
    response = post_comment(client, story, body="A brand new thread")
    mine = Comment.objects.get(body="A brand new thread")
    assert response["Location"] == f"{story.get_absolute_url()}?cpage=2#comment-{mine.pk}"
    assert f'id="comment-{mine.pk}"' in page(client, story, 2)
    assert f'id="comment-{mine.pk}"' not in page(client, story, 1)
    assert client.cookies[MINE_COOKIE]


def test_replies_to_a_removed_comment_still_open_threads(client, story, rules):
    """As on one page: a reply whose parent readers no longer see stands alone."""
    paged(rules, 2)
    first, second = threads(story, 2, replies=0)
    reply = CommentFactory(parent=first, body="An answer")
    answer = CommentFactory(parent=reply, body="An answer to the answer")
    late = threads(story, 1, replies=0)[0]
    moderate(comments=[first], status=Comment.Status.TRASH)
    assert shown(page(client, story)) == [second.pk, reply.pk, answer.pk]
    assert shown(page(client, story, 2)) == [late.pk]
    assert answer.get_absolute_url().endswith(f"/#comment-{answer.pk}")
    assert late.get_absolute_url().endswith(f"?cpage=2#comment-{late.pk}")


def test_two_thousand_comments_render_one_page_in_the_same_queries(client, story, rules):
    """The page's cost stays flat as the conversation grows: the database
    returns one page of threads (50 by default), not every comment."""
    rules.refresh_from_db()
    assert rules.threads_per_page == 50
    # Rendered afresh each time, not served from the page cache.
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as empty:
        page(client, story)
    tops = Comment.objects.bulk_create(
        Comment(
            article=story,
            name=f"Reader {n}",
            body=f"Thread {n}",
            status=Comment.Status.APPROVED,
            fingerprint=f"top{n}",
        )
        for n in range(500)
    )
    Comment.objects.bulk_create(
        Comment(
            article=story,
            parent=top,
            thread=top,
            depth=1,
            name=f"Replier {n}",
            body=f"Reply {n}",
            status=Comment.Status.APPROVED,
            fingerprint=f"reply{top.pk}-{n}",
        )
        for top in tops
        for n in range(3)
    )
    assert Comment.objects.approved().count() == 2000
    for cpage in (None, 5, 10):
        caches["pages"].clear()
        with CaptureQueriesContext(connection) as full:
            html = page(client, story, cpage)
        assert len(full.captured_queries) == len(empty.captured_queries)
        assert len(shown(html)) == 50 * 4
        assert "2000 comments" in html


def test_the_settings_are_bounded_in_the_database(rules):
    rules.threads_per_page = 501
    with pytest.raises(IntegrityError), transaction.atomic():
        rules.save()
    rules.threads_per_page = 50
    rules.page_order = "sideways"
    with pytest.raises(IntegrityError), transaction.atomic():
        rules.save()


def test_the_migration_fills_in_every_replys_thread(story, rules):
    tops = threads(story, 2, replies=1)
    reply = tops[0].replies.get()
    deeper = CommentFactory(parent=reply)
    Comment.objects.update(thread=None)
    migration = importlib.import_module("comments.migrations.0005_comment_pages")
    migration.fill_threads(apps, None)
    assert {c.pk: c.thread_id for c in Comment.objects.filter(parent__isnull=False)} == {
        reply.pk: tops[0].pk,
        deeper.pk: tops[0].pk,
        tops[1].replies.get().pk: tops[1].pk,
    }


def test_the_reply_email_links_to_the_page_that_holds_the_reply(story, rules, mailoutbox):
    paged(rules, 1)
    second = threads(story, 2, replies=0)[1]
    Comment.objects.filter(pk=second.pk).update(notify_replies=True)
    reply = CommentFactory(parent=second, body="An answer on page two")
    notify_reply.call(reply.pk)
    [message] = mailoutbox
    assert f"{story.get_absolute_url()}?cpage=2#comment-{reply.pk}" in message.body
