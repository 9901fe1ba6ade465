"""The demo outlet's conversation: approved threads under the published demo
articles (with the newsroom's replies) and two comments awaiting moderation.

Idempotent: an article that has comments gets no more, and a pending comment is
found again by its fingerprint.
"""

import itertools
from datetime import timedelta

from django.conf import settings
from django.utils.text import slugify

from articles.models import Article
from comments.models import Comment
from comments.services import refresh_comment_count

from .content import COMMENTS, NEWSROOM, PENDING_COMMENTS


def load(*, now) -> str:
    return f"{load_approved(now) + load_pending()} comment(s) added"


def load_approved(now) -> int:
    """Approved demo comments, once per article (skipped if it has any)."""
    added = 0
    # One running order over the whole load, so each comment has its own minute.
    order = itertools.count(1)
    for slug, threads in COMMENTS.items():
        article = Article.objects.filter(slug=slug).first()
        if article is None or article.comments.exists():
            continue
        posted = max(article.published_at, now - timedelta(hours=6))
        for name, body, replies in threads:
            added += _add(article, None, name, body, replies, posted, order)
        refresh_comment_count(article.pk)
    return added


def _add(article, parent, name, body, replies, posted, order) -> int:
    newsroom = name == NEWSROOM
    comment = Comment.objects.create(
        article=article,
        parent=parent,
        depth=parent.depth + 1 if parent else 0,
        name=settings.SITE_NAME if newsroom else name,
        email="" if newsroom else f"{slugify(name) or 'reader'}@example.org",
        body=body,
        status=Comment.Status.APPROVED,
        is_newsroom=newsroom,
        fingerprint=Comment.make_fingerprint(email=name, body=body),
    )
    # Spread the conversation over the hours after publication, in order.
    Comment.objects.filter(pk=comment.pk).update(
        created_at=posted + timedelta(minutes=23 * next(order))
    )
    return 1 + sum(_add(article, comment, *reply, posted, order) for reply in replies)


def load_pending() -> int:
    """Readers' comments waiting for a moderator. Made directly rather than
    through post_comment(): that one applies today's rules, which refuse an
    article whose comments have closed and may send a comment to spam."""
    added = 0
    for slug, name, body in PENDING_COMMENTS:
        article = Article.objects.published().filter(slug=slug).first()
        if article is None:
            continue
        email = f"{slugify(name) or 'reader'}.pending@example.org"
        _, created = Comment.objects.get_or_create(
            article=article,
            fingerprint=Comment.make_fingerprint(email=email, body=body),
            defaults={
                "name": name,
                "email": email,
                "body": body,
                "status": Comment.Status.PENDING,
                "held_because": "first comment",
            },
        )
        added += created
    return added
