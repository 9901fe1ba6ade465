"""The article admin's form and change list: field errors next to their fields,
filters, tag suggestions and the writer's byline."""

import re
from datetime import datetime

import pytest
from django.test import Client

from articles.models import Article, Author
from tests.articles.helpers import ADMIN, BAKU, hours_from_now, login, save, text
from tests.factories import ArticleFactory
from tests.forms import form_fields

pytestmark = pytest.mark.django_db


def test_a_tag_longer_than_the_database_allows_is_a_field_error(users, section):
    article = ArticleFactory(section=section, tags=["Baku"])
    editor = login(users["editor"])
    long_tag = "x" * 101
    response = save(editor, article, headline="Typed headline", tags=f"Transport, {long_tag}")
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "at most 100 characters" in " ".join(errors["tags"])
    assert form_fields(response)["headline"] == "Typed headline"
    article.refresh_from_db()
    assert sorted(article.tags.names()) == ["Baku"]
    # Exactly 100 characters is fine.
    assert save(editor, article, tags="x" * 100).status_code == 302
    assert list(article.tags.names()) == ["x" * 100]


@pytest.mark.parametrize("priority", ["-1", "101"])
def test_priority_out_of_range_is_an_error_next_to_the_field(users, section, priority):
    article = ArticleFactory(section=section, priority=5)
    response = save(login(users["editor"]), article, priority=priority, headline="Typed")
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["priority"]
    assert not form.non_field_errors()
    assert form_fields(response)["headline"] == "Typed"
    article.refresh_from_db()
    assert article.priority == 5


def test_missing_alt_text_is_an_error_on_the_alt_text_field(users, section):
    article = ArticleFactory(section=section, with_image=True)
    response = save(login(users["editor"]), article, lead_image_alt="  ")
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["lead_image_alt"] == ["Describe the lead image in its alt text."]
    assert not form.non_field_errors()
    article.refresh_from_db()
    assert article.lead_image_alt == "Fishing boats in the harbour at dawn"


@pytest.mark.parametrize("year", ["9999", "0", "١٢٣٤", "x"])
def test_date_hierarchy_with_an_impossible_year_is_no_server_error(users, section, year):
    ArticleFactory(section=section)
    response = login(users["editor"]).get(ADMIN, {"published_at__year": year})
    assert (response.status_code, response["Location"]) == (302, f"{ADMIN}?e=1")


def test_date_hierarchy_still_filters_by_year(users, section):
    ArticleFactory(section=section, headline="This year's story")
    ArticleFactory(
        section=section,
        headline="An old story",
        published_at=datetime(2015, 6, 1, 12, 0, tzinfo=BAKU),
    )
    response = login(users["editor"]).get(ADMIN, {"published_at__year": "2015"})
    listed = [article.headline for article in response.context["cl"].result_list]
    assert listed == ["An old story"]


def test_scheduled_filter_lists_the_soonest_first(users, section):
    for hours in (3, 1, 2):
        ArticleFactory(
            section=section, headline=f"Runs in {hours} hours", published_at=hours_from_now(hours)
        )
    ArticleFactory(section=section, headline="Already live")
    response = login(users["editor"]).get(ADMIN, {"state": "scheduled"})
    listed = [article.headline for article in response.context["cl"].result_list]
    assert listed == ["Runs in 1 hours", "Runs in 2 hours", "Runs in 3 hours"]
    html = text(response)
    assert html.index("Runs in 1 hours") < html.index("Runs in 2 hours") < html.index("Runs in 3")


def test_tag_suggestions_for_the_tags_field(users, section):
    ArticleFactory(section=section, tags=["Baku", "Bakery", "Transport"])
    reporter = login(users["other_reporter"])
    response = reporter.get(f"{ADMIN}tags/", {"q": "bak"})
    assert response.status_code == 200
    assert response.json() == {"tags": ["Bakery", "Baku"]}
    assert reporter.get(f"{ADMIN}tags/", {"q": ""}).json() == {"tags": []}
    assert Client().get(f"{ADMIN}tags/", {"q": "bak"}).status_code == 302  # to the login


def test_a_new_story_starts_under_its_writers_byline(users, section):
    profile = Author.objects.create(display_name="Rena Aliyeva", slug="rena", user=users["owner"])
    page = login(users["owner"]).get(f"{ADMIN}add/").content.decode()
    assert re.search(
        rf'name="bylines-0-author"[^>]*>.*?<option value="{profile.pk}" selected>', page, re.S
    )
    # Saved as shown, the byline is kept.
    reporter = login(users["owner"])
    data = form_fields(reporter.get(f"{ADMIN}add/"))
    data.update(headline="Ferry timetable", slug="ferry-timetable", section=section.pk)
    assert reporter.post(f"{ADMIN}add/", data).status_code == 302
    assert Article.objects.get(slug="ferry-timetable").byline_authors == [profile]
    # Someone without an author profile gets an empty byline to fill in.
    assert (
        "selected>Rena Aliyeva" not in login(users["editor"]).get(f"{ADMIN}add/").content.decode()
    )
