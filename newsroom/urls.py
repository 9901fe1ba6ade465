from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from articles import feeds
from articles.sitemaps import SITEMAPS, news_sitemap, sitemap_index
from newsletter.webhooks import anymail_urlpatterns

from . import views

handler500 = "newsroom.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
    path("section/<slug:slug>/feed/", feeds.SectionFeed(), name="section_feed"),
    path("sitemap.xml", sitemap_index, name="sitemap"),
    # Before the per-kind sitemaps, whose pattern it would also match.
    path("sitemap-news.xml", news_sitemap, name="news_sitemap"),
    path(
        "sitemap-<slug:section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("privacy/", views.privacy, name="privacy"),
    path("newsletter/", include("newsletter.urls")),
    path("comments/", include("comments.urls")),
    # ESP webhooks (bounces, complaints), mounted only when they can authenticate.
    path("anymail/", include((anymail_urlpatterns(), "anymail"))),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
