"""Pages run a fixed number of queries however much content exists (no N+1)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

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


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


# Every page also runs two queries for its frame: the section navigation and
# the newsletter lists offered in the footer.
PAGES = {
    # featured, latest, per-section window, bylines prefetch
    "/": 2 + 4,
    # section, count, page, bylines
    "/section/s0/": 2 + 4,
    # tag, count, page, bylines
    "/tag/tag0/": 2 + 4,
    # author, count, page, bylines
    "/author/{author}/": 2 + 4,
    # article, bylines, tags, corrections, related, related bylines;
    # discussion settings, comments
    "{article}": 2 + 6 + 2,
    # count, page, bylines
    "/search/?q=Council": 2 + 3,
}


@pytest.mark.parametrize("url", PAGES)
def test_query_count_does_not_grow_with_content(client, url):
    small = build("s", sections=1, per_section=2, authors_per_article=1, tags=1)
    fill = {"author": small[0].byline_authors[0].slug, "article": small[0].get_absolute_url()}
    small_count = count_queries(client, url.format(**fill))
    build_more = build("x", sections=5, per_section=14, authors_per_article=3, tags=4)
    assert len(build_more) == 70
    large_count = count_queries(client, url.format(**fill))
    assert small_count == large_count == PAGES[url]
