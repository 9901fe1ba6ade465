"""Feeds and sitemaps parse as XML and list the right articles."""

from datetime import timedelta

import pytest
from defusedxml import ElementTree
from django.utils import timezone

from articles.models import Article
from articles.sitemaps import ArticleSitemap
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
SITE = "http://127.0.0.1:8000"


def parse(response):
    assert response.status_code == 200
    return ElementTree.fromstring(response.content)


def test_main_feed_lists_published_articles_with_absolute_links(client, article, section, settings):
    settings.ALLOWED_HOSTS = ["testserver", "mirror.example"]
    ArticleFactory(headline="Not yet", section=section, scheduled=True)
    ArticleFactory(headline="Draft only", section=section, draft=True)
    response = client.get("/feed/", HTTP_HOST="mirror.example")
    assert response["Content-Type"].startswith("application/rss+xml")
    root = parse(response)
    items = root.findall("./channel/item")
    assert [item.findtext("title") for item in items] == [article.headline]
    item = items[0]
    assert item.findtext("link") == SITE + article.get_absolute_url()
    assert item.findtext("guid") == SITE + article.get_absolute_url()
    assert {c.text for c in item.findall("category")} == {"Economy", "Ganja", "Transport"}
    assert "mirror.example" not in response.content.decode()


def test_section_feed_only_has_that_section(client, article):
    ArticleFactory(headline="Sport story", section=SectionFactory(slug="sport", name="Sport"))
    root = parse(client.get("/section/economy/feed/"))
    assert [i.findtext("title") for i in root.findall("./channel/item")] == [article.headline]
    assert root.findtext("./channel/title") == "Azerbaijan news: Economy"
    assert client.get("/section/missing/feed/").status_code == 404


def sitemap_locations(client) -> set[str]:
    """Every address in the sitemaps that the index at /sitemap.xml lists."""
    index = parse(client.get("/sitemap.xml"))
    assert index.tag == f"{SITEMAP}sitemapindex"
    locs = set()
    for entry in index.findall(f"{SITEMAP}sitemap"):
        url = entry.findtext(f"{SITEMAP}loc")
        assert url.startswith(SITE + "/sitemap-"), url
        root = parse(client.get(url.removeprefix(SITE)))
        locs |= {u.findtext(f"{SITEMAP}loc") for u in root.findall(f"{SITEMAP}url")}
    return locs


def test_sitemap_lists_public_urls_only(client, article, section):
    draft = ArticleFactory(section=section, draft=True)
    scheduled = ArticleFactory(section=section, scheduled=True)
    locs = sitemap_locations(client)
    assert SITE + "/" in locs
    assert SITE + article.get_absolute_url() in locs
    assert SITE + "/section/economy/" in locs
    assert SITE + "/author/leyla-hasanova/" in locs
    assert SITE + "/tag/ganja/" in locs
    assert not any(draft.slug in loc or scheduled.slug in loc for loc in locs)


def test_sitemap_index_pages_large_sitemaps(client, article, section, monkeypatch):
    """Past a sitemap's limit the index lists its further pages."""

    monkeypatch.setattr(ArticleSitemap, "limit", 2)  # 1,000 in real life
    for n in range(4):
        ArticleFactory(section=section, slug=f"more-{n}")
    index = client.get("/sitemap.xml").content.decode()
    assert f"{SITE}/sitemap-articles.xml</loc>" in index
    assert f"{SITE}/sitemap-articles.xml?p=3</loc>" in index
    assert "?p=4" not in index
    articles = {SITE + a.get_absolute_url() for a in Article.objects.all()}
    assert len(articles) == 5
    assert articles <= sitemap_locations(client)


def test_news_sitemap_has_the_last_48_hours(client, section):
    recent = ArticleFactory(headline="Fresh & new", section=section)
    ArticleFactory(
        headline="Three days old",
        section=section,
        published_at=timezone.now() - timedelta(hours=72),
    )
    ArticleFactory(headline="Scheduled", section=section, scheduled=True)
    response = client.get("/sitemap-news.xml")
    assert response["Content-Type"].startswith("application/xml")
    root = parse(response)
    urls = root.findall(f"{SITEMAP}url")
    assert len(urls) == 1
    url = urls[0]
    assert url.findtext(f"{SITEMAP}loc") == SITE + recent.get_absolute_url()
    news = url.find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}title") == "Fresh & new"
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Azerbaijan news"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    assert (
        news.findtext(f"{NEWS}publication_date")
        == timezone.localtime(recent.published_at).isoformat()
    )
