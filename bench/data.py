"""The benchmark's data, in its own database (`make bench`, bench/run.py).

    python -m bench.data ARTICLES

runs under the benchmark's settings and environment and prints one JSON line:
what the scenarios request. It migrates, and builds the data set (the demo,
then `manage.py generate_load_data`) when the database is empty; a database
holding another number of generated articles ends it with status 3, and
bench/run.py starts again from an empty one. Then it clears what the last run
posted, gives the measured article its 200 approved comments, and empties the
caches, so that the page cache cannot answer from a previous data set.
"""

import json
import math
import sys
from datetime import timedelta

import django

django.setup()

from django.conf import settings  # noqa: E402 (after django.setup())
from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from articles.loaddata import SLUG_MARK  # noqa: E402
from articles.models import Article, Section  # noqa: E402
from comments.models import Comment, DiscussionSettings  # noqa: E402
from comments.services import comments_open, refresh_comment_counts  # noqa: E402
from newsletter.models import Subscriber  # noqa: E402
from newsroom.loaddata import keeping_timestamps  # noqa: E402

WRONG_SIZE = 3
# Issue 9: "an article with 200 approved comments".
COMMENTS = 200
# The mark of what the benchmark writes: the measured article's comments
# (BENCH_DOMAIN), and the comments and sign-ups its load posts (LOAD_DOMAIN,
# bench/load.lua), deleted at the start of the next run.
BENCH_DOMAIN = "bench.example"
LOAD_DOMAIN = f"load.{BENCH_DOMAIN}"
SEARCH = "Ganja council"


def main(articles: int) -> dict:
    call_command("migrate", interactive=False, verbosity=0)
    generated = Article.objects.filter(slug__regex=SLUG_MARK).count()
    if generated != articles:
        if Article.objects.exists():
            print(f"The database holds {generated} generated articles, not {articles}.")
            sys.exit(WRONG_SIZE)
        call_command("load_demo", verbosity=0)
        # Ten comments and one subscriber per article, as issue 9's 100,000
        # articles, 1,000,000 comments and 100,000 subscribers.
        call_command(
            "generate_load_data",
            articles=articles,
            comments=articles * 10,
            subscribers=articles,
            force=True,  # the benchmark's own database, under the production settings
            verbosity=0,
        )
    with transaction.atomic():
        Comment.objects.filter(email__endswith=f"@{LOAD_DOMAIN}").delete()
        Subscriber.objects.filter(email__endswith=f"@{LOAD_DOMAIN}").delete()
        # No task worker runs: the confirmation e-mails it would send pile up.
        DBTaskResult.objects.all().delete()
        article = measured_article()
    section = (
        Section.objects.annotate(
            # The main language's: the section page lists one language's stories.
            published=Count(
                "articles",
                filter=Q(
                    articles__in=Article.objects.published().in_language(settings.LANGUAGE_CODE)
                ),
            )
        )
        .order_by("-published", "pk")
        .first()
    )
    for alias in settings.CACHES:  # the page cache's too
        caches[alias].clear()
    return {
        "database": database(),
        "archive_articles": Article.objects.published().count(),
        "article_id": article.pk,
        "article_url": article.get_absolute_url(),
        # The section's last page: the deepest OFFSET any of its pages asks for.
        "section_deep_page_url": (
            f"{section.get_absolute_url()}"
            f"?page={max(1, math.ceil(section.published / settings.ARTICLES_PER_PAGE))}"
        ),
        "search_url": "/search/?q=" + SEARCH.replace(" ", "+"),
    }


def database() -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
        cursor.execute("SELECT sqlite_version()")
        return f"SQLite {cursor.fetchone()[0]}"


def measured_article() -> Article:
    """The newest published article open for comments with at most COMMENTS
    approved ones (the benchmark's earlier pick, if any), topped up to COMMENTS."""
    ours = Comment.objects.filter(email__endswith=f"@{BENCH_DOMAIN}")
    published = (
        Article.objects.published()
        .in_language(settings.LANGUAGE_CODE)
        .filter(comments_enabled=True)
    )
    article = (
        published.filter(pk__in=ours.values("article_id")).first()
        or published.filter(comment_count__lte=COMMENTS).order_by("-published_at", "-pk").first()
    )
    now = timezone.now()
    if not comments_open(article, DiscussionSettings.load()):
        # A data set kept for weeks: the comment scenarios need the article open.
        Article.objects.filter(pk=article.pk).update(published_at=now - timedelta(hours=1))
    missing = COMMENTS - article.comments.approved().count()
    first = ours.count()
    comments = (
        Comment(
            article=article,
            name=f"Reader {number}",
            email=f"reader{number}@{BENCH_DOMAIN}",
            body=f"The buses in our district are still full by seven ({number}).",
            status=Comment.Status.APPROVED,
            fingerprint=Comment.make_fingerprint(
                email=f"reader{number}@{BENCH_DOMAIN}", body=str(number)
            ),
            created_at=now - timedelta(minutes=first + missing - number),
        )
        for number in range(first, first + missing)
    )
    with keeping_timestamps(Comment):  # their own times, a minute apart
        Comment.objects.bulk_create(comments)
    refresh_comment_counts(articles=Article.objects.filter(pk=article.pk))
    article.refresh_from_db()
    if article.comment_count != COMMENTS:
        raise SystemExit(f"The measured article has {article.comment_count} approved comments.")
    return article


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]))))
