"""Preview links for people without an account, and the admin's preview."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from articles.models import Article, PreviewLink
from tests.articles.helpers import (
    ADMIN,
    change_url,
    draft_by,
    login,
    open_form,
    public_status,
    save,
    text,
)
from tests.factories import ArticleFactory
from tests.forms import add_inline_row, datetime_fields, form_fields

pytestmark = pytest.mark.django_db


def test_preview_link_works_then_expires_then_is_revoked(users, section):
    article = draft_by(users["owner"], section, headline="Draft: the new stadium's real cost")
    editor = login(users["editor"])
    # Not the row's default (two days): an untouched extra row is not saved.
    expires = (timezone.now() + timedelta(days=1)).replace(microsecond=0)

    data = add_inline_row(open_form(editor, article), "preview_links")
    data.update(
        {
            f"preview_links-0-{key}": value
            for key, value in datetime_fields("expires_at", expires).items()
        }
    )
    assert save(editor, article, data=data).status_code == 302
    link = PreviewLink.objects.get(article=article)
    assert link.expires_at == expires

    page = text(editor.get(change_url(article)))
    token = re.search(r"/preview/([0-9a-f-]{36})/", page).group(1)
    assert token == str(link.token)
    url = f"/preview/{token}/"

    reader = Client()
    response = reader.get(url)
    assert response.status_code == 200
    assert "Draft: the new stadium's real cost" in text(response)
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"]
    # The draft itself is not public.
    assert public_status(article) == 404

    with time_machine.travel(expires + timedelta(seconds=1), tick=False):
        response = reader.get(url)
        assert response.status_code == 410
        assert "Draft: the new stadium's real cost" not in text(response)
        assert "This preview link no longer works" in text(response)
    assert reader.get(url).status_code == 200  # not yet expired

    data = open_form(editor, article)
    assert data["preview_links-0-id"] == str(link.pk)
    data["preview_links-0-revoke"] = "on"
    assert save(editor, article, data=data).status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert "revoked" in text(editor.get(change_url(article)))

    response = reader.get(url)
    assert response.status_code == 410
    assert "Draft: the new stadium's real cost" not in text(response)
    assert reader.get("/preview/not-a-token/").status_code == 410


def test_preview_link_records_who_created_it(users, section):
    article = draft_by(users["owner"], section)
    editor = login(users["editor"])
    data = add_inline_row(open_form(editor, article), "preview_links")
    expires = timezone.now() + timedelta(days=1)
    data.update(
        {
            f"preview_links-0-{key}": value
            for key, value in datetime_fields("expires_at", expires).items()
        }
    )
    assert save(editor, article, data=data).status_code == 302
    assert PreviewLink.objects.get(article=article).created_by == users["editor"]


@pytest.mark.parametrize(
    ("days", "error"),
    [
        pytest.param(-1, "Choose a time in the future.", id="past"),
        pytest.param(31, "A preview link can work for at most 30 days.", id="too-long"),
    ],
)
def test_preview_link_expiry_is_bounded(users, section, days, error):
    article = draft_by(users["owner"], section)
    editor = login(users["editor"])
    data = add_inline_row(open_form(editor, article), "preview_links")
    expires = timezone.now() + timedelta(days=days)
    data.update(
        {
            f"preview_links-0-{key}": value
            for key, value in datetime_fields("expires_at", expires).items()
        }
    )
    response = save(editor, article, data=data, headline="Typed")
    assert response.status_code == 200
    assert error in text(response)
    assert form_fields(response)["headline"] == "Typed"
    assert not PreviewLink.objects.exists()


def test_preview_links_stop_once_the_article_is_withdrawn(users, section):
    article = ArticleFactory(section=section, headline="A story later withdrawn")
    link = PreviewLink.objects.create(
        article=article, expires_at=timezone.now() + timedelta(days=1), created_by=users["editor"]
    )
    url = f"/preview/{link.token}/"
    assert Client().get(url).status_code == 200
    Article.objects.filter(pk=article.pk).update(status=Article.Status.UNPUBLISHED)
    response = Client().get(url)
    assert response.status_code == 410
    assert "A story later withdrawn" not in text(response)


def test_preview_links_stop_once_the_article_has_expired(users, section):
    article = ArticleFactory(section=section, headline="An embargoed offer")
    link = PreviewLink.objects.create(
        article=article, expires_at=timezone.now() + timedelta(days=1), created_by=users["editor"]
    )
    Article.objects.filter(pk=article.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert Client().get(f"/preview/{link.token}/").status_code == 410


def test_preview_banner_says_whether_the_article_is_published(users, section):
    editor = login(users["editor"])
    live = ArticleFactory(section=section)
    draft = draft_by(users["owner"], section)
    not_published = "Preview: this article is not published."
    live_page = text(editor.get(f"{ADMIN}{live.pk}/preview/"))
    assert "Preview: this article is published" in live_page
    assert not_published not in live_page
    assert not_published in text(editor.get(f"{ADMIN}{draft.pk}/preview/"))
