from django.urls import path, register_converter

from . import views


class PassThroughConverter:
    regex = ""

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


class YearConverter(PassThroughConverter):
    regex = "[0-9]{4}"


class TwoDigitConverter(PassThroughConverter):
    regex = "[0-9]{2}"


class UnicodeSlugConverter(PassThroughConverter):
    """Tag slugs keep their letters (django-taggit's default): "Gəncə" is gəncə."""

    regex = r"[-\w]+"


register_converter(YearConverter, "yyyy")
register_converter(UnicodeSlugConverter, "uslug")
register_converter(TwoDigitConverter, "dd")

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("preview/<str:token>/", views.preview, name="preview"),
    path("section/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("tag/<uslug:slug>/", views.TagView.as_view(), name="tag"),
    path("author/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path(
        "<yyyy:year>/<dd:month>/<dd:day>/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="detail",
    ),
]
