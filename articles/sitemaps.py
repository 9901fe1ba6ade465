from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.shortcuts import render
from django.urls import reverse, translate_url
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.views.decorators.http import require_safe
from taggit.models import Tag

from newsroom import i18n
from newsroom.links import absolute, absolute_reverse

from .models import Article, Author, Section
from .pagination import DeferredJoinPaginator


class SiteURLSitemap(Sitemap):
    """Absolute URLs from SITE_URL rather than django.contrib.sites or the Host header."""

    # Small enough that a page is built in tens of milliseconds (each address is
    # a reverse() and a date format), at 100 sitemaps per 100,000 articles.
    limit = 1000

    @cached_property
    def paginator(self):
        # A deep page of articles reads the keys it skips from an index only.
        items = self._items()
        if hasattr(items, "values"):
            return DeferredJoinPaginator(items, self.limit)
        return super().paginator

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme


class EveryLanguageSitemap(SiteURLSitemap):
    """Pages that exist in every language (home, sections): each address lists
    its versions in the others (hreflang), and x-default."""

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page, site, protocol)
        for url in urls:
            path = urlsplit(url["location"]).path
            url["alternates"] = alternates(
                {code: translate_url(path, code) for code in i18n.enabled_languages()}
            )
        return urls


def alternates(versions: dict[str, str]) -> list[dict]:
    """The hreflang alternates of one address, from its versions by language."""
    if len(versions) < 2:
        return []
    links = [
        {"lang_code": code, "location": absolute(versions[code])}
        for code in i18n.enabled_languages()
        if code in versions
    ]
    return [*links, {"lang_code": "x-default", "location": absolute(i18n.x_default(versions))}]


class ArticleSitemap(SiteURLSitemap):
    changefreq = "hourly"

    def items(self):
        return (
            Article.objects.published()
            .in_language()
            .only("slug", "published_at", "updated_at", "created_at", "language", "translation_key")
        )

    def lastmod(self, item):
        return item.updated_at or item.published_at

    def get_urls(self, page=1, site=None, protocol=None):
        """Each story's versions in the other languages, for the page's
        addresses in one query."""
        urls = super().get_urls(page, site, protocol)
        keys = {url["item"].translation_key for url in urls}
        versions: dict = {}
        for version in (
            Article.objects.published()
            .filter(translation_key__in=keys)
            .only("slug", "published_at", "created_at", "language", "translation_key")
        ):
            versions.setdefault(version.translation_key, {})[version.language] = (
                version.get_absolute_url()
            )
        for url in urls:
            url["alternates"] = alternates(versions.get(url["item"].translation_key, {}))
        return urls


class SectionSitemap(EveryLanguageSitemap):
    changefreq = "hourly"

    def items(self):
        return Section.objects.all()


class AuthorSitemap(SiteURLSitemap):
    changefreq = "daily"

    def items(self):
        return Author.objects.filter(
            pk__in=Article.objects.published().in_language().values("bylines__author")
        ).only("slug")


class TagSitemap(SiteURLSitemap):
    changefreq = "daily"

    def items(self):
        return Tag.objects.filter(
            pk__in=Article.objects.published().in_language().values("tags")
        ).order_by("name")

    def location(self, item):
        return reverse("articles:tag", kwargs={"slug": item.slug})


class HomeSitemap(EveryLanguageSitemap):
    changefreq = "always"
    priority = 1.0

    def items(self):
        return ["articles:home"]

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        return (
            Article.objects.published()
            .in_language()
            .aggregate(latest=Max("published_at"))["latest"]
        )


SITEMAPS = {
    "home": HomeSitemap,
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "tags": TagSitemap,
}


@require_safe
def sitemap_index(request):
    """The sitemap index: one sitemap per kind of page, and as many pages of each
    as its items need (a sitemap holds at most ``SiteURLSitemap.limit`` here). Built from SITE_URL,
    not from the Host header as Django's own index view would."""
    sitemaps = []
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        url = absolute_reverse("sitemap_section", section=section)
        for page in sitemap.paginator.page_range:
            sitemaps.append(url if page == 1 else f"{url}?p={page}")
    return render(
        request,
        "articles/sitemap_index.xml",
        {"sitemaps": sitemaps},
        content_type="application/xml; charset=utf-8",
    )


@require_safe
def news_sitemap(request):
    """Google News sitemap: articles first published in the last 48 hours.

    https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap
    """
    since = timezone.now() - timedelta(hours=settings.NEWS_SITEMAP_HOURS)
    articles = (
        Article.objects.published()
        .in_language()
        .filter(published_at__gte=since)
        .only("slug", "headline", "published_at", "created_at", "language")[:1000]
    )
    return render(
        request,
        "articles/sitemap_news.xml",
        {
            "articles": articles,
            "language": get_language().split("-")[0],
        },
        content_type="application/xml; charset=utf-8",
    )
