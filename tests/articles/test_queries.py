"""Pages run a fixed number of queries however much content exists (no N+1)."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag

from articles.models import Byline, Correction, TagDescription
from comments.models import Comment, DiscussionSettings
from comments.services import refresh_comment_count
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


def build(prefix: str, sections: int, per_section: int, authors_per_article: int, tags: int):
    authors = [AuthorFactory() for _ in range(4)]
    created = []
    for s in range(sections):
        section = SectionFactory(slug=f"{prefix}{s}", name=f"{prefix.upper()}{s}")
        for n in range(per_section):
            created.append(
                ArticleFactory(
                    section=section,
                    slug=f"{prefix}{s}-a{n}",
                    is_featured=n == 0,
                    with_image=n == 0,
                    published_at=timezone.now() - timedelta(hours=n + 1),
                    authors=authors[:authors_per_article],
                    tags=[f"tag{t}" for t in range(tags)],
                )
            )
    return created


def grow_the_measured_pages(article):
    """More of everything on the very pages measured: the article's section and
    author get more stories; the article more bylines, tags, comments (threaded)
    and corrections."""
    section, author = article.section, article.byline_authors[0]
    for n in range(14):
        ArticleFactory(
            section=section,
            slug=f"{section.slug}-more{n}",
            published_at=timezone.now() - timedelta(days=1, hours=n),
            authors=[author, AuthorFactory()],
            tags=["tag0", f"more{n}"],
        )
    Byline.objects.bulk_create(
        Byline(article=article, author=AuthorFactory(), position=p) for p in range(1, 4)
    )
    article.tags.add("extra1", "extra2", "extra3")
    parent = None
    for n in range(20):
        parent = parent if n % 3 else None
        parent = Comment.objects.create(
            article=article,
            parent=parent,
            depth=min(parent.depth + 1, 2) if parent else 0,
            name=f"Reader {n}",
            email=f"reader{n}@example.org",
            body=f"Comment number {n}",
            status=Comment.Status.APPROVED,
            fingerprint=f"fp{n}",
        )
    refresh_comment_count(article.pk)
    for n in range(5):
        Correction.objects.create(article=article, text=f"Correction {n}")
    # The tag page's description comes with the tag (issue 11).
    TagDescription.objects.create(tag=Tag.objects.get(name="tag0"), text="About tag0.")


def count_queries(client, url):
    """The queries of rendering ``url`` afresh, as after a change: with nothing
    in the page cache (which would serve it with none)."""
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


# A page stored by the page cache also asks once (the answer is kept until it
# passes or anything changes) when stored pages stop being valid by themselves:
# the next scheduled publication, the next expiry; the discussion rules and the
# next closing of a comment form (articles/ and comments/cache_tags.py).
PAGE_CACHE_BOUND = 4

# Every page also runs two queries for its frame: the section navigation and
# the newsletter lists offered in the footer.
PAGES = {
    # featured, latest, per-section window, bylines prefetch
    "/": 2 + 4,
    # section, page (with one more row to tell whether another page follows:
    # archives are not counted, issue 9), bylines
    "/section/s0/": 2 + 3,
    # tag, page, bylines
    "/tag/tag0/": 2 + 3,
    # author, page, bylines
    "/author/{author}/": 2 + 3,
    # article, bylines, tags, corrections, related, related bylines, its
    # versions in other languages (issue 12); discussion settings, comments
    "{article}": 2 + 7 + 2,
    # page (the number of results rides along on each row), bylines
    "/search/?q=Council": 2 + 2,
}


@pytest.mark.parametrize("url", PAGES)
def test_query_count_does_not_grow_with_content(client, url):
    small = build("s", sections=1, per_section=2, authors_per_article=1, tags=1)
    fill = {"author": small[0].byline_authors[0].slug, "article": small[0].get_absolute_url()}
    small_count = count_queries(client, url.format(**fill))
    build_more = build("x", sections=5, per_section=14, authors_per_article=3, tags=4)
    assert len(build_more) == 70
    grow_the_measured_pages(small[0])
    large_count = count_queries(client, url.format(**fill))
    if url == "/tag/tag0/":
        assert "About tag0." in client.get(url).content.decode()
    if url == "{article}":
        html = client.get(fill["article"]).content.decode()
        assert "Comment number 19" in html and "Correction 4" in html
    assert small_count == large_count == PAGES[url] + PAGE_CACHE_BOUND


def test_a_paged_discussion_runs_the_same_queries(client):
    """Comments in pages (issue 9): each page of threads comes in one query, so
    the article page's count is the same on every page of the discussion."""
    rules = DiscussionSettings.load()
    rules.threads_per_page = 2
    rules.save()
    article = build("s", sections=1, per_section=2, authors_per_article=1, tags=1)[0]
    grow_the_measured_pages(article)
    url = article.get_absolute_url()
    for cpage in ("", "?cpage=2", "?cpage=4"):
        assert count_queries(client, url + cpage) == PAGES["{article}"] + PAGE_CACHE_BOUND, cpage
    assert "Comment number 19" in client.get(url + "?cpage=4").content.decode()


# Feeds and sitemaps have no page frame.
FEEDS_AND_SITEMAPS = {
    # articles, bylines, tags
    "/feed/": 3,
    # section, articles, bylines, tags
    "/section/s0/feed/": 1 + 3,
    # a count for each kind of page kept in the database (the home page is not)
    "/sitemap.xml": 4,
    # latest publication time
    "/sitemap-home.xml": 1,
    # count, page, the page's stories in other languages (hreflang, issue 12)
    "/sitemap-articles.xml": 3,
    "/sitemap-sections.xml": 2,
    "/sitemap-authors.xml": 2,
    "/sitemap-tags.xml": 2,
    # the last 48 hours' articles
    "/sitemap-news.xml": 1,
}


@pytest.mark.parametrize("url", FEEDS_AND_SITEMAPS)
def test_feeds_and_sitemaps_run_a_fixed_number_of_queries(client, url):
    small = build("s", sections=1, per_section=2, authors_per_article=1, tags=1)
    small_count = count_queries(client, url)
    build("x", sections=5, per_section=14, authors_per_article=3, tags=4)
    grow_the_measured_pages(small[0])
    large_count = count_queries(client, url)
    assert (small_count, large_count) == (FEEDS_AND_SITEMAPS[url] + PAGE_CACHE_BOUND,) * 2
