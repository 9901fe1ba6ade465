"""Corrections and updates (shown at the end of the article, a substantive one
moving "Updated") and internal notes (never shown to readers)."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Correction
from tests.articles.helpers import change_url, draft_by, login, open_form, save, text
from tests.factories import ArticleFactory
from tests.forms import add_inline_row, datetime_fields

pytestmark = pytest.mark.django_db


def test_substantive_update_shows_at_the_end_and_moves_updated_time(users, section):
    article = ArticleFactory(
        section=section,
        headline="River bridge opens to traffic",
        body="<p>The bridge opened to cars on Tuesday morning.</p>",
    )
    reader = Client()
    before = text(reader.get(article.get_absolute_url()))
    assert "article__updated" not in before

    editor = login(users["editor"])
    dated = (timezone.now() - timedelta(minutes=5)).replace(microsecond=0)
    update = "Lorries are now allowed on the bridge too, the ministry said."
    note = "Check the ministry quote with Rena before the evening edition."
    data = open_form(editor, article)
    add_inline_row(data, "corrections", kind="update", text=update, substantive="on")
    data.update(
        {
            f"corrections-0-{key}": value
            for key, value in datetime_fields("created_at", dated).items()
        }
    )
    add_inline_row(data, "notes", text=note)
    assert save(editor, article, data=data).status_code == 302

    correction = Correction.objects.get(article=article)
    assert (correction.kind, correction.substantive, correction.created_at) == (
        "update",
        True,
        dated,
    )
    article.refresh_from_db()
    assert article.updated_at == dated
    assert article.notes.get().text == note
    assert article.notes.get().author == users["editor"]

    html = text(reader.get(article.get_absolute_url()))
    # The update comes after the body, at the end of the article.
    body_at = html.index("The bridge opened to cars on Tuesday morning.")
    update_at = html.index(update)
    assert body_at < update_at < html.index("</article>")
    assert html.index('class="article__corrections"') > body_at
    assert re.search(r'class="correction correction--update"><strong>Update</strong>', html)
    # The visible "Updated" time is the update's time.
    stamp = timezone.localtime(dated).replace(microsecond=0)
    updated = re.search(
        r'class="article__updated">· Updated <time datetime="([^"]+)">([^<]+)</time>', html
    )
    assert updated is not None
    assert updated.group(1) == stamp.isoformat()
    assert updated.group(2) == f"{stamp.day} {stamp:%B %Y, %H:%M}"
    # Internal notes are never shown to readers.
    assert note not in html
    assert note not in text(reader.get("/feed/"))
    assert note not in text(reader.get("/"))


def test_correction_that_is_not_substantive_leaves_updated_time_alone(users, section):
    article = ArticleFactory(section=section)
    editor = login(users["editor"])
    data = add_inline_row(
        open_form(editor, article), "corrections", kind="correction", text="We misspelt a name."
    )
    assert save(editor, article, data=data).status_code == 302
    article.refresh_from_db()
    assert article.updated_at is None
    html = text(Client().get(article.get_absolute_url()))
    assert "We misspelt a name." in html
    assert "article__updated" not in html


def test_reporter_notes_never_reach_readers(users, section):
    article = draft_by(users["owner"], section)
    reporter = login(users["owner"])
    note = "Source asked not to be named; do not publish her street."
    data = add_inline_row(open_form(reporter, article), "notes", text=note)
    assert save(reporter, article, "_submit", data=data).status_code == 302
    assert article.notes.get().author == users["owner"]
    editor = login(users["editor"])
    assert note in text(editor.get(change_url(article)))
    assert save(editor, article, "_publish").status_code == 302
    reader = Client()
    article.refresh_from_db()
    page = reader.get(article.get_absolute_url())
    assert page.status_code == 200
    assert note not in text(page)
    assert note not in text(reader.get("/feed/"))
