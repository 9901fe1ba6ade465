"""The root URLconf: site-wide pages here, each app's addresses from its own
URLconf (named by string, so that this package imports no app)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from . import views

handler500 = "newsroom.views.server_error"

urlpatterns = [
    path("admin/two-factor/", include("newsroom.accounts.urls")),
    path("admin/", admin.site.urls),
    # The admin's language choice (Django's set_language: a POST, then back).
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("anymail/", include("newsletter.webhook_urls")),
]

# What readers see, in each language: /ru/... and /az/..., and the main
# language (LANGUAGE_CODE) without a prefix (newsroom/i18n.py).
urlpatterns += i18n_patterns(
    path("", include("articles.site_urls")),
    path("privacy/", views.privacy, name="privacy"),
    path("newsletter/", include("newsletter.urls")),
    path("comments/", include("comments.urls")),
    path("", include("articles.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
