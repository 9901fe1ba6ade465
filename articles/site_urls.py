"""Addresses at the site's root that feed readers and crawlers expect: the RSS
feeds and the sitemaps. Included by the root URLconf without a namespace, so
their names (``feed``, ``sitemap``...) are the site's own."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from . import feeds
from .cache_tags import lists_archive
from .sitemaps import SITEMAPS, news_sitemap, sitemap_index

# Each lists the archive: any published change makes the stored copy out of date.
urlpatterns = [
    path("feed/", lists_archive(feeds.LatestArticlesFeed()), name="feed"),
    path("section/<slug:slug>/feed/", lists_archive(feeds.SectionFeed()), name="section_feed"),
    path("sitemap.xml", lists_archive(sitemap_index), name="sitemap"),
    # Before the per-kind sitemaps, whose pattern it would also match.
    path("sitemap-news.xml", lists_archive(news_sitemap), name="news_sitemap"),
    path(
        "sitemap-<slug:section>.xml",
        lists_archive(sitemap_views.sitemap),
        # Django's own template, with its alternates and spacing, takes twice
        # as long per address.
        {"sitemaps": SITEMAPS, "template_name": "articles/sitemap.xml"},
        name="sitemap_section",
    ),
]
