"""The desk at a glance: the admin index's dashboard and the editorial calendar."""

from datetime import datetime

import pytest
import time_machine

from tests.articles.helpers import (
    ADMIN,
    BAKU,
    CALENDAR_URL,
    FROZEN_NOW,
    Status,
    calendar_days,
    calendar_entry,
    change_url,
    dashboard_modules,
    login,
    make_staff,
    public_status,
    save,
    text,
)
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_dashboard_shows_the_desk(users, desk):
    with time_machine.travel(FROZEN_NOW, tick=False):
        html = text(login(users["owner"]).get("/admin/"))
    modules = dashboard_modules(html)
    assert set(modules) >= {"My drafts", "Awaiting review", "Scheduled next", "Recently published"}
    where = {
        "My drafts": ["my_draft", "planned"],
        "Awaiting review": ["in_review"],
        "Scheduled next": ["scheduled"],
        "Recently published": ["published", "earlier"],
    }
    for heading, keys in where.items():
        listed = modules[heading]
        for key, article in desk.items():
            link = f'href="{change_url(article)}">{article.headline}</a>'
            if key in keys:
                assert link in listed, (heading, key)
            else:
                assert link not in listed, (heading, key)
    assert (
        "Tomorrow's budget preview</a> <small>Thu 16 May, 09:00</small>"
        in modules["Scheduled next"]
    )
    # Recently published: newest first.
    recent = modules["Recently published"]
    assert recent.index("Yesterday's council vote") < recent.index("Early May flood report")


def test_dashboard_my_drafts_are_the_signed_in_users(users, desk):
    with time_machine.travel(FROZEN_NOW, tick=False):
        html = text(login(users["other_reporter"]).get("/admin/"))
    drafts = dashboard_modules(html)["My drafts"]
    assert "Someone else's draft" in drafts
    assert "My draft on school meals" not in drafts


def test_the_desk_dashboard_is_for_roles_that_work_on_articles(users, desk, django_user_model):
    """Drafts and plans on the admin index: not for a newsletter manager."""
    newsletters = make_staff(django_user_model, "nigar", "Newsletter manager", "Nigar", "Alieva")
    with time_machine.travel(FROZEN_NOW, tick=False):
        assert "Tomorrow's budget preview" not in text(login(newsletters).get("/admin/"))
        assert "Tomorrow's budget preview" in text(login(users["editor"]).get("/admin/"))


def test_calendar_week_lists_scheduled_published_and_planned(users, desk):
    with time_machine.travel(FROZEN_NOW, tick=False):
        response = login(users["editor"]).get(CALENDAR_URL, {"view": "week"})
    assert response.status_code == 200
    html = text(response)
    assert "13 May – 19 May 2030" in html
    days = calendar_days(html)
    assert list(days) == [f"{day} May" for day in range(13, 20)]
    assert calendar_entry(days, desk["scheduled"]) == ("16 May", "scheduled")
    assert calendar_entry(days, desk["published"]) == ("14 May", "published")
    assert calendar_entry(days, desk["planned"]) == ("17 May", "planned")
    assert "09:00 Tomorrow's budget preview" in days["16 May"]
    assert "12:00 Election candidates profile" in days["17 May"]
    for key in ("earlier", "my_draft", "others_draft", "in_review"):
        assert calendar_entry(days, desk[key]) is None, key


def test_calendar_month_lists_the_whole_month(users, desk):
    with time_machine.travel(FROZEN_NOW, tick=False):
        client = login(users["editor"])
        month = text(client.get(CALENDAR_URL, {"view": "month", "start": "2030-05-01"}))
        previous_week = text(client.get(CALENDAR_URL, {"view": "week", "start": "2030-05-03"}))
    assert "May 2030" in month
    days = calendar_days(month)
    assert "1 May" in days and "31 May" in days
    assert calendar_entry(days, desk["scheduled"]) == ("16 May", "scheduled")
    assert calendar_entry(days, desk["published"]) == ("14 May", "published")
    assert calendar_entry(days, desk["planned"]) == ("17 May", "planned")
    assert calendar_entry(days, desk["earlier"]) == ("3 May", "published")
    assert calendar_entry(days, desk["my_draft"]) is None
    assert calendar_entry(calendar_days(previous_week), desk["earlier"]) == ("3 May", "published")
    assert calendar_entry(calendar_days(previous_week), desk["scheduled"]) is None


def test_calendar_marks_unpublished_stories(users, desk):
    with time_machine.travel(FROZEN_NOW, tick=False):
        editor = login(users["editor"])
        assert save(editor, desk["published"], "_unpublish").status_code == 302
        days = calendar_days(text(editor.get(CALENDAR_URL)))
    assert calendar_entry(days, desk["published"]) == ("14 May", "unpublished")


def test_calendar_does_not_show_an_expired_story_as_published(users, desk):
    with time_machine.travel(FROZEN_NOW, tick=False):
        expired = ArticleFactory(
            headline="Embargo ended",
            section=desk["published"].section,
            published_at=datetime(2030, 5, 13, 8, 0, tzinfo=BAKU),
            expires_at=datetime(2030, 5, 14, 8, 0, tzinfo=BAKU),
        )
        assert public_status(expired) == 410
        days = calendar_days(text(login(users["editor"]).get(CALENDAR_URL)))
    assert calendar_entry(days, expired) == ("13 May", "unpublished")


def test_calendar_needs_a_role_that_works_on_articles(users, desk, django_user_model):
    """The calendar shows unpublished headlines: viewing articles is not enough."""
    no_role = django_user_model.objects.create_user("guest", "g@example.org", "pw", is_staff=True)
    newsletters = make_staff(django_user_model, "nigar", "Newsletter manager", "Nigar", "Alieva")
    # The Newsletter manager may view articles (to pick them for an issue)...
    assert newsletters.has_perm("articles.view_article")
    with time_machine.travel(FROZEN_NOW, tick=False):
        for user in (no_role, newsletters):
            response = login(user).get(CALENDAR_URL)
            assert response.status_code == 403, user
            assert "Tomorrow's budget preview" not in text(response)
            assert "Election candidates profile" not in text(response)
        # ...and sees the change list, but is not offered the calendar.
        assert CALENDAR_URL not in text(login(newsletters).get(ADMIN))
        for role in ("owner", "editor", "chief"):
            client = login(users[role])
            assert client.get(CALENDAR_URL).status_code == 200, role
            assert CALENDAR_URL in text(client.get(ADMIN)), role


def test_calendar_days_list_stories_in_the_order_of_their_times(users, section):
    """A planned story at 18:00 comes after one scheduled for 14:00."""
    with time_machine.travel(FROZEN_NOW, tick=False):
        ArticleFactory(
            section=section,
            status=Status.PLANNED,
            published_at=None,
            planned_for=datetime(2030, 5, 16, 18, 0, tzinfo=BAKU),
            headline="Evening plan",
            body="",
        )
        ArticleFactory(
            section=section,
            headline="Afternoon schedule",
            published_at=datetime(2030, 5, 16, 14, 0, tzinfo=BAKU),
        )
        html = text(login(users["editor"]).get(CALENDAR_URL, {"view": "week"}))
    day = calendar_days(html)["16 May"]
    assert day.index("14:00 Afternoon schedule") < day.index("18:00 Evening plan")
