"""Revisions through the admin: every save kept, compared, and an older one
restored (as a new revision, never changing the publication state)."""

import re
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from articles.models import Article, ArticleRevision, ArticleTransition
from tests.articles.helpers import (
    ADD_URL,
    ADMIN,
    Status,
    change_url,
    draft_by,
    login,
    open_form,
    page_messages,
    public_status,
    save,
    text,
)
from tests.factories import ArticleFactory, image_bytes
from tests.forms import datetime_fields, form_fields

pytestmark = pytest.mark.django_db


def test_revision_round_trip(users, section):
    reporter, editor = login(users["owner"]), login(users["editor"])
    first = {
        "headline": "Water tariffs to rise in spring",
        "standfirst": "The regulator proposed a 12% rise.",
        "body": "<p>The regulator published its proposal on Monday.</p>",
    }
    data = form_fields(reporter.get(ADD_URL))
    data.update(first, slug="water-tariffs", section=str(section.pk))
    assert reporter.post(ADD_URL, data).status_code == 302
    article = Article.objects.get(slug="water-tariffs")

    second = {
        "headline": "Water tariffs to rise by 12% in spring",
        "standfirst": "The regulator's proposal goes to a hearing.",
        "body": "<p>The regulator published its proposal on Monday.</p><p>A hearing follows.</p>",
    }
    assert save(reporter, article, **second).status_code == 302
    third = {
        "headline": "Hearing on water tariffs set for April",
        "standfirst": "Consumers can comment until March.",
        "body": "<p>The hearing is on 4 April.</p>",
    }
    assert save(editor, article, **third).status_code == 302
    article.refresh_from_db()
    assert article.headline == third["headline"]

    history = editor.get(f"{ADMIN}{article.pk}/revisions/")
    assert history.status_code == 200
    restore_urls = re.findall(
        rf'action="({ADMIN}{article.pk}/revisions/(\d+)/restore/)"', history.content.decode()
    )
    # Newest first; the newest has no Restore button (it is the current text).
    assert len(restore_urls) == 2
    oldest_url, oldest_pk = restore_urls[-1]
    assert ArticleRevision.objects.get(pk=oldest_pk).data["headline"] == first["headline"]

    # The comparison page shows what changed between the first two versions.
    revision_pks = list(
        ArticleRevision.objects.filter(article=article).order_by("pk").values_list("pk", flat=True)
    )
    diff = text(
        editor.get(f"{ADMIN}{article.pk}/revisions/?a={revision_pks[0]}&b={revision_pks[1]}")
    )
    assert "Water tariffs to rise in spring" in diff and "12% in spring" in diff

    response = editor.post(oldest_url)
    assert response.status_code == 302
    assert response["Location"] == change_url(article)

    article.refresh_from_db()
    assert {key: getattr(article, key) for key in first} == first
    revisions = list(article.revisions.all())  # newest first
    assert len(revisions) == 4  # three saves and the restore
    assert [revision.data["headline"] for revision in revisions] == [
        first["headline"],
        third["headline"],
        second["headline"],
        first["headline"],
    ]
    assert [revision.user for revision in revisions] == [
        users["editor"],
        users["editor"],
        users["owner"],
        users["owner"],
    ]
    assert revisions[0].note.startswith("Restored the revision of ")
    listed = text(editor.get(f"{ADMIN}{article.pk}/revisions/"))
    assert listed.count("Restored the revision of ") == 1
    assert len(re.findall(r'<input type="radio" name="a"', listed)) == 4
    # The restored text is also what the change form now shows.
    shown = open_form(editor, article)
    assert (shown["headline"], shown["standfirst"], shown["body"]) == (
        first["headline"],
        first["standfirst"],
        first["body"],
    )


def test_restore_needs_the_right_to_edit(users, section):
    article = ArticleFactory(section=section, created_by=users["owner"])
    editor = login(users["editor"])
    assert save(editor, article, headline="First edit").status_code == 302
    assert save(editor, article, headline="Second edit").status_code == 302
    oldest = article.revisions.order_by("pk").first()
    # The article is published: its reporter may no longer change it.
    response = login(users["owner"]).post(f"{ADMIN}{article.pk}/revisions/{oldest.pk}/restore/")
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline == "Second edit"
    assert article.revisions.count() == 2


def _restore(client, article, revision):
    return client.post(f"{ADMIN}{article.pk}/revisions/{revision.pk}/restore/", follow=True)


def test_restoring_a_slug_now_used_by_another_article_is_refused_cleanly(users, section):
    article = ArticleFactory(section=section, headline="Old name", slug="bridge-story")
    editor = login(users["editor"])
    assert save(editor, article, headline="Old name, edited").status_code == 302
    assert (
        save(editor, article, slug="bridge-story-renamed", headline="New name").status_code == 302
    )
    first = article.revisions.order_by("pk").first()
    assert first.data["slug"] == "bridge-story"
    ArticleFactory(section=section, headline="Another story", slug="bridge-story")

    response = _restore(editor, article, first)
    assert response.status_code == 200
    assert response.redirect_chain[-1] == (f"{ADMIN}{article.pk}/revisions/", 302)
    shown = page_messages(response)
    assert any("cannot be restored" in msg and "slug" in msg for msg in shown), shown
    article.refresh_from_db()
    assert (article.slug, article.headline) == ("bridge-story-renamed", "New name")
    assert article.revisions.count() == 2


def test_restoring_a_revision_without_alt_text_onto_an_image_is_refused_cleanly(users, section):
    article = ArticleFactory(section=section, headline="Harbour story")
    editor = login(users["editor"])
    assert save(editor, article, headline="Harbour story, first text").status_code == 302
    first = article.revisions.get()
    assert first.data["lead_image_alt"] == ""
    article.refresh_from_db()
    article.lead_image = ContentFile(image_bytes(), name="harbour.jpg")
    article.lead_image_alt = "Boats in the harbour"
    article.save()
    assert save(editor, article, headline="Harbour story, with a picture").status_code == 302

    response = _restore(editor, article, first)
    assert response.status_code == 200
    shown = page_messages(response)
    assert any("cannot be restored" in msg for msg in shown), shown
    article.refresh_from_db()
    assert article.lead_image
    assert article.lead_image_alt == "Boats in the harbour"
    assert article.headline == "Harbour story, with a picture"


def test_restore_brings_back_the_planned_time_but_never_the_publication_state(users, section):
    article = draft_by(users["owner"], section, headline="Stadium plans")
    editor = login(users["editor"])
    first_plan = (timezone.now() + timedelta(days=3)).replace(microsecond=0)
    second_plan = first_plan + timedelta(days=1)
    assert save(editor, article, **datetime_fields("planned_for", first_plan)).status_code == 302
    assert (
        save(
            editor,
            article,
            headline="Stadium plans revised",
            **datetime_fields("planned_for", second_plan),
        ).status_code
        == 302
    )
    first = article.revisions.order_by("pk").first()
    assert first.data["status"] == Status.DRAFT and first.data["published_at"] is None
    assert save(editor, article, "_publish").status_code == 302
    article.refresh_from_db()
    published_at = article.published_at

    assert _restore(editor, article, first).status_code == 200
    article.refresh_from_db()
    assert (article.headline, article.planned_for) == ("Stadium plans", first_plan)
    # The old revision was a draft; the restored text stays live (a state change
    # is a workflow step, never a side effect of restoring).
    assert article.status == Status.PUBLISHED
    assert article.published_at == published_at
    assert public_status(article) == 200
    assert list(
        ArticleTransition.objects.filter(article=article).values_list("action", flat=True)
    ) == ["publish"]
