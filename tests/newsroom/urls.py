"""Test-only views (a reader form for the cross-origin tests, a failing view),
beside the real site's URLs."""

from django.db import OperationalError
from django.http import HttpResponse
from django.urls import path

from newsroom import urls as site_urls
from newsroom.origin import same_origin_required
from newsroom.urls import handler500  # noqa: F401  (the real site's, so its wiring is tested)


@same_origin_required
def reader_form(request):
    return HttpResponse("accepted")


def server_error_view(request):
    raise RuntimeError("A bug in a view")


def database_down_view(request):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


urlpatterns = [
    path("test-database-down/", database_down_view),
    path("test-reader-form/", reader_form),
    path("test-server-error/", server_error_view),
    # The site's own patterns, not include()d: i18n_patterns must be at the root.
    *site_urls.urlpatterns,
]
