"""Migration 0007 gives the issue–article link a position: the issues sent
before it keep the order their emails had, newest article first (issue 11)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.factories import ArticleFactory, SectionFactory

BEFORE = [("newsletter", "0006_delivery_queue_index")]
AFTER = [("newsletter", "0007_issue_article_position")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_issues_keep_their_order_as_positions():
    apps = migrate(BEFORE)
    try:
        NewsletterList = apps.get_model("newsletter", "NewsletterList")
        Issue = apps.get_model("newsletter", "Issue")
        # Only the newsletter app goes back: articles are today's.
        section = SectionFactory()
        now = timezone.now()

        def story(headline, hours_ago):
            return ArticleFactory(
                headline=headline, section=section, published_at=now - timedelta(hours=hours_ago)
            ).pk

        old, new, newest = story("Old", 30), story("New", 3), story("Newest", 1)
        newsletter = NewsletterList.objects.create(name="Morning", slug="morning")
        first = Issue.objects.create(newsletter_list=newsletter, subject="First")
        second = Issue.objects.create(newsletter_list=newsletter, subject="Second")
        # Added in another order than they were shown in (newest first).
        first.articles.add(old, newest, new)
        second.articles.add(old, new)

        apps = migrate(AFTER)
        IssueArticle = apps.get_model("newsletter", "IssueArticle")

        def order(issue):
            links = IssueArticle.objects.filter(issue_id=issue.pk).order_by("position")
            return list(links.values_list("article__headline", "position"))

        assert order(first) == [("Newest", 1), ("New", 2), ("Old", 3)]
        assert order(second) == [("New", 1), ("Old", 2)]
    finally:
        migrate(migrate_to_latest())


def migrate_to_latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()
