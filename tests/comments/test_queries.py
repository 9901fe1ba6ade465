"""The moderation queue runs a fixed number of queries however many comments
wait (no N+1), as the public pages do (tests/articles/test_queries.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticleFactory

from .factories import CommentFactory, CommentReportFactory

pytestmark = pytest.mark.django_db

QUEUE = "/admin/comments/comment/"


def build(prefix: str, articles: int, per_article: int):
    """Per article: approved comments, replies, one reported, some pending and spam."""
    for a in range(articles):
        article = ArticleFactory(slug=f"{prefix}-{a}")
        parent = None
        for n in range(per_article):
            parent = CommentFactory(
                article=article, parent=parent if n % 3 else None, body=f"{prefix} {a} {n}"
            )
            CommentFactory(article=article, pending=True, body=f"{prefix} {a} {n} pending")
            CommentFactory(article=article, spam=True, body=f"{prefix} {a} {n} spam")
        CommentReportFactory.create_batch(2, comment=parent)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


# Session, user; whether two-factor is needed (newsroom/accounts/middleware.py);
# the "Reported (N)" count in the status filter; the counts of
# the filtered list and of all comments; the page of comments with their
# articles (list_select_related) and report counts (annotated); the date
# drill-down's range and days.
QUEUE_QUERIES = 2 + 1 + 1 + 2 + 1 + 2
FILTERS = ["", "?status=all", "?status=reported", "?status=pending"]


@pytest.mark.parametrize("query", FILTERS)
def test_moderation_queue_query_count_does_not_grow_with_comments(client, admin_user, query):
    client.force_login(admin_user)
    build("small", articles=1, per_article=2)
    small = count_queries(client, QUEUE + query)
    build("large", articles=6, per_article=12)
    large = count_queries(client, QUEUE + query)
    assert small == large == QUEUE_QUERIES
