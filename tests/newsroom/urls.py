"""A reader form for the cross-origin tests, beside the real site's URLs."""

from django.http import HttpResponse
from django.urls import include, path

from newsroom.origin import same_origin_required


@same_origin_required
def reader_form(request):
    return HttpResponse("accepted")


urlpatterns = [
    path("test-reader-form/", reader_form),
    path("", include("newsroom.urls")),
]
