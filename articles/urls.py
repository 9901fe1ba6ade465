from django.urls import path, register_converter

from . import views


class FixedDigits:
    regex = ""

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


class YearConverter(FixedDigits):
    regex = "[0-9]{4}"


class TwoDigitConverter(FixedDigits):
    regex = "[0-9]{2}"


register_converter(YearConverter, "yyyy")
register_converter(TwoDigitConverter, "dd")

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("preview/<str:token>/", views.preview, name="preview"),
    path("section/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("tag/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("author/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path(
        "<yyyy:year>/<dd:month>/<dd:day>/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="detail",
    ),
]
