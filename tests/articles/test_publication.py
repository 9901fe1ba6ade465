"""Publishing, scheduling, sending back and withdrawing through the admin,
and what readers see at each step (article page, home, feeds, addresses)."""

import re
from datetime import timedelta
from html import unescape

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from articles.models import Article, ArticleTransition
from tests.articles.helpers import (
    ADD_URL,
    ADMIN,
    CALENDAR_URL,
    Status,
    bulk,
    calendar_days,
    calendar_entry,
    change_url,
    draft_by,
    hours_from_now,
    login,
    page_messages,
    public_status,
    save,
    text,
)
from tests.factories import ArticleFactory
from tests.forms import datetime_fields, form_fields

pytestmark = pytest.mark.django_db


def test_scheduled_article_appears_at_its_time_without_a_job(users, section):
    article = draft_by(users["owner"], section, headline="Budget debate opens on Monday")
    publish_at = (timezone.now() + timedelta(hours=3)).replace(microsecond=0)
    editor = login(users["editor"])

    response = save(editor, article, "_schedule", **datetime_fields("published_at", publish_at))
    assert response.status_code == 302
    assert any(
        msg.endswith(" scheduled.") for msg in page_messages(editor.get(response["Location"]))
    )
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.published_at == publish_at
    step = ArticleTransition.objects.get(article=article)
    assert (step.action, step.user, step.from_status, step.to_status) == (
        "schedule",
        users["editor"],
        Status.DRAFT,
        Status.PUBLISHED,
    )

    reader = Client()
    url = article.get_absolute_url()
    with time_machine.travel(publish_at - timedelta(minutes=1), tick=False):
        assert reader.get(url).status_code == 404
        assert "Budget debate opens on Monday" not in reader.get("/").content.decode()
        assert "Budget debate opens on Monday" not in reader.get("/feed/").content.decode()
    with time_machine.travel(publish_at + timedelta(seconds=1), tick=False):
        page = reader.get(url)
        assert page.status_code == 200
        assert "Budget debate opens on Monday" in page.content.decode()
        assert "Budget debate opens on Monday" in reader.get("/").content.decode()
        assert "Budget debate opens on Monday" in reader.get("/feed/").content.decode()
    # Nothing ran in between: the row is exactly as the editor left it.
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert ArticleTransition.objects.filter(article=article).count() == 1


def test_schedule_without_a_future_time_is_refused(users, section):
    article = draft_by(users["owner"], section)
    editor = login(users["editor"])
    response = save(editor, article, "_schedule")  # "first published" left empty
    assert response.status_code == 302
    shown = page_messages(editor.get(response["Location"]))
    assert "Choose a publication time in the future to schedule." in shown
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert not ArticleTransition.objects.exists()


def test_schedule_with_a_past_time_leaves_no_backdated_time(users, section):
    article = draft_by(users["owner"], section, headline="Draft story")
    editor = login(users["editor"])
    past = timezone.now() - timedelta(days=1)
    response = save(
        editor, article, "_schedule", headline="Typed", **datetime_fields("published_at", past)
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["published_at"] == ["Choose a publication time in the future to schedule."]
    assert form_fields(response)["headline"] == "Typed"
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Status.DRAFT, None)
    assert not ArticleTransition.objects.exists()


def test_a_live_article_cannot_be_hidden_by_moving_its_time_into_the_future(users, section):
    """Taking a live article down is a workflow step ("Unpublish"), never a quiet edit."""
    editor = login(users["editor"])
    article = ArticleFactory(section=section, headline="Live story")
    later = timezone.now() + timedelta(days=1)
    response = save(editor, article, **datetime_fields("published_at", later))
    assert response.status_code == 200
    assert "To take it down, use “Unpublish”" in text(response)
    article.refresh_from_db()
    assert article.is_live


def test_unpublish_at_in_the_past_does_not_silently_withdraw_a_live_article(users, section):
    article = ArticleFactory(section=section, headline="Live story")
    editor = login(users["editor"])
    response = save(
        editor,
        article,
        headline="Live story, edited",
        **datetime_fields("expires_at", timezone.now() - timedelta(minutes=5)),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "use “Unpublish”" in " ".join(errors["expires_at"])
    assert form_fields(response)["headline"] == "Live story, edited"
    article.refresh_from_db()
    assert article.expires_at is None and article.headline == "Live story"
    assert public_status(article) == 200
    # A future time is what the field is for.
    later = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    assert save(editor, article, **datetime_fields("expires_at", later)).status_code == 302
    article.refresh_from_db()
    assert article.expires_at == later


def test_moving_a_scheduled_time_into_the_past_does_not_silently_publish(users, section):
    article = ArticleFactory(
        section=section, headline="Scheduled story", published_at=hours_from_now(5)
    )
    editor = login(users["editor"])
    response = save(
        editor,
        article,
        headline="Scheduled story, edited",
        **datetime_fields("published_at", timezone.now() - timedelta(hours=1)),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "use “Publish now”" in " ".join(errors["published_at"])
    assert form_fields(response)["headline"] == "Scheduled story, edited"
    article.refresh_from_db()
    assert article.is_scheduled
    assert public_status(article) == 404
    # Moving it to another future time is an ordinary edit.
    later = (timezone.now() + timedelta(hours=8)).replace(microsecond=0)
    assert save(editor, article, **datetime_fields("published_at", later)).status_code == 302
    article.refresh_from_db()
    assert article.published_at == later


def test_unpublished_article_answers_410(users, section):
    article = ArticleFactory(section=section, headline="Story withdrawn on legal advice")
    assert public_status(article) == 200
    editor = login(users["editor"])
    response = save(editor, article, "_unpublish")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.UNPUBLISHED
    reader = Client()
    response = reader.get(article.get_absolute_url())
    assert response.status_code == 410
    assert "This article has been withdrawn" in text(response)
    assert "Story withdrawn on legal advice" not in reader.get("/").content.decode()
    assert "Story withdrawn on legal advice" not in reader.get("/feed/").content.decode()


def test_expired_article_answers_410_and_leaves_home_and_feeds(users, section):
    article = ArticleFactory(section=section, headline="Embargoed exam results")
    editor = login(users["editor"])
    expires = (timezone.now() + timedelta(hours=1)).replace(microsecond=0)
    assert save(editor, article, **datetime_fields("expires_at", expires)).status_code == 302
    article.refresh_from_db()
    assert article.expires_at == expires

    reader = Client()
    url = article.get_absolute_url()
    feeds = ["/feed/", f"/section/{section.slug}/feed/"]
    assert reader.get(url).status_code == 200
    assert "Embargoed exam results" in reader.get("/").content.decode()
    for feed in feeds:
        assert "Embargoed exam results" in reader.get(feed).content.decode()

    with time_machine.travel(expires + timedelta(minutes=1), tick=False):
        response = reader.get(url)
        assert response.status_code == 410
        assert "This article has been withdrawn" in text(response)
        assert "Embargoed exam results" not in reader.get("/").content.decode()
        for feed in feeds:
            assert "Embargoed exam results" not in reader.get(feed).content.decode()
        assert "Embargoed exam results" not in reader.get("/sitemap-news.xml").content.decode()
    # Nothing changed in the database: the time alone withdrew it.
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_publish_now_brings_back_an_expired_article(users, section):
    article = ArticleFactory(
        section=section,
        published_at=timezone.now() - timedelta(days=2),
        expires_at=timezone.now() - timedelta(days=1),
    )
    assert public_status(article) == 410
    response = bulk(login(users["editor"]), [article], "publish_selected", follow=True)
    assert any(msg.startswith("1 article(s):") for msg in page_messages(response))
    assert public_status(article) == 200


def test_slug_change_keeps_the_old_address_with_a_301(users, section):
    article = ArticleFactory(
        section=section, headline="Caspian ferry timetable", slug="caspian-ferry-timetable"
    )
    old_url = article.get_absolute_url()
    editor = login(users["editor"])
    assert save(editor, article, slug="caspian-ferry-summer-timetable").status_code == 302
    article.refresh_from_db()
    new_url = article.get_absolute_url()
    assert new_url != old_url and new_url.endswith("/caspian-ferry-summer-timetable/")

    reader = Client()
    response = reader.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == new_url
    assert reader.get(new_url).status_code == 200

    # A second change keeps both old addresses working.
    assert save(editor, article, slug="caspian-ferry-times").status_code == 302
    article.refresh_from_db()
    for url in (old_url, new_url):
        response = reader.get(url)
        assert response.status_code == 301
        assert response["Location"] == article.get_absolute_url()


def test_send_back_needs_a_note_which_the_audit_trail_shows(users, section):
    article = draft_by(users["owner"], section, status=Status.REVIEW)
    editor = login(users["editor"])

    response = save(editor, article, "_send_back", transition_note="   ")
    assert response.status_code == 302
    shown = page_messages(editor.get(response["Location"]))
    assert "Say what needs doing: a note is required to send an article back." in shown
    article.refresh_from_db()
    assert article.status == Status.REVIEW
    assert not ArticleTransition.objects.exists()

    note = "The second paragraph needs the mayor's response."
    response = save(editor, article, "_send_back", transition_note=note)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    step = ArticleTransition.objects.get(article=article)
    assert (step.action, step.user, step.from_status, step.to_status, step.note) == (
        "send_back",
        users["editor"],
        Status.REVIEW,
        Status.DRAFT,
        note,
    )

    page = editor.get(change_url(article))
    html = page.content.decode()
    assert "Audit trail" in html
    trail = html[html.index("Audit trail") :]
    row = re.search(r"<tr><td>[^<]*</td><td>([^<]*)</td><td>send_back</td>.*?</tr>", trail)
    assert row is not None
    assert unescape(row.group(1)) == "aynur"
    assert unescape(row.group(0)).endswith(f"<td>review</td><td>draft</td><td>{note}</td></tr>")
    # The reporter can work on the draft again.
    assert save(login(users["owner"]), article, "_submit").status_code == 302
    article.refresh_from_db()
    assert article.status == Status.REVIEW


def test_a_new_story_with_a_planned_time_and_no_text_is_planned(users, section):
    reporter = login(users["owner"])
    planned_for = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    data = form_fields(reporter.get(ADD_URL))
    data.update(
        headline="Election night live coverage",
        slug="election-night",
        section=str(section.pk),
        body="",
        **datetime_fields("planned_for", planned_for),
    )
    assert reporter.post(ADD_URL, data).status_code == 302
    article = Article.objects.get(slug="election-night")
    assert (article.status, article.planned_for) == (Status.PLANNED, planned_for)
    listed = login(users["editor"]).get(ADMIN, {"state": "planned"}).context["cl"].result_list
    assert list(listed) == [article]
    local = timezone.localtime(planned_for)
    calendar = text(reporter.get(CALENDAR_URL, {"start": local.date().isoformat()}))
    assert calendar_entry(calendar_days(calendar), article) == (
        f"{local.day} {local:%b}",
        "planned",
    )

    # Nothing to review yet: the reporter writes the story first.
    response = save(reporter, article, "_submit")
    assert response.status_code == 302
    shown = page_messages(reporter.get(response["Location"]))
    assert any("Write the story first" in msg for msg in shown), shown
    article.refresh_from_db()
    assert article.status == Status.PLANNED
    assert not ArticleTransition.objects.exists()

    response = save(reporter, article, "_submit", body="<p>Polls close at eight.</p>")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.REVIEW
    step = ArticleTransition.objects.get(article=article)
    assert (step.action, step.from_status, step.to_status) == ("submit", "planned", "review")


def test_a_new_story_with_text_is_a_draft_even_with_a_planned_time(users, section):
    reporter = login(users["owner"])
    data = form_fields(reporter.get(ADD_URL))
    data.update(
        headline="Ferry strike",
        slug="ferry-strike",
        section=str(section.pk),
        body="<p>Crews walked out at dawn.</p>",
        **datetime_fields("planned_for", timezone.now() + timedelta(days=1)),
    )
    assert reporter.post(ADD_URL, data).status_code == 302
    assert Article.objects.get(slug="ferry-strike").status == Status.DRAFT
