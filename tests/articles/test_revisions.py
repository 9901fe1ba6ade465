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


# Reading a comparison (issue 11) --------------------------------------------------


def _revisions_url(article, *revisions, **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{ADMIN}{article.pk}/revisions/" + (f"?{query}" if query else "")


def _comparison(html: str) -> str:
    """The part of the page below the list of revisions."""
    start = html.find('<section id="comparison">')
    assert start != -1, "no comparison shown"
    return html[start : html.index("</section>", start)]


def _two_versions(users, section, before: dict, after: dict):
    article = ArticleFactory(section=section, **before)
    editor = login(users["editor"])
    assert save(editor, article, **before).status_code == 302
    assert save(editor, article, **after).status_code == 302
    older, newer = article.revisions.order_by("pk")
    return editor, article, older, newer


def test_compare_marks_the_changed_words_in_running_text(users, section):
    editor, article, older, newer = _two_versions(
        users,
        section,
        {"body": "<p>The Minister of Finance spoke to reporters on Monday.</p>"},
        {"body": "<p>The Minister of Health spoke to reporters on Tuesday.</p>"},
    )
    page = editor.get(_revisions_url(article, a=older.pk, b=newer.pk)).content.decode()
    shown = _comparison(page)
    # Word by word: the unchanged words stay whole and plain, the changed ones are marked.
    assert "The Minister of <del>Finance</del> <ins>Health</ins> spoke to reporters on" in shown
    assert "<del>Monday.</del> <ins>Tuesday.</ins>" in shown
    # Read in the admin's own type and wrapped between words, not in narrow
    # monospace columns that break "Mi nister" and leave an empty one.
    assert "monospace" not in page and "anywhere" not in page and "break-all" not in page
    assert 'class="diff"' not in page and "<td></td>" not in shown
    assert "font-family: var(--font-family-primary)" in page


def test_compare_shows_the_body_as_text_never_as_its_markup(users, section):
    editor, article, older, newer = _two_versions(
        users,
        section,
        {"body": "<p>Prices rose.</p><p>Rents 5 &lt; 7.</p>"},
        {
            "body": "<p>Prices <strong>rose</strong>.</p>"
            '<p>Rents 5 &lt; 8.<img src=x onerror="alert(1)"></p>'
        },
    )
    shown = _comparison(
        editor.get(_revisions_url(article, a=older.pk, b=newer.pk)).content.decode()
    )
    # Bold type alone is no change to the words; the text's "<" is shown as text.
    assert "<strong>" not in shown and "onerror" not in shown and "<img" not in shown
    assert "Rents 5 &lt; <del>7.</del> <ins>8.</ins>" in shown


def test_compare_folds_long_unchanged_stretches_of_the_body(users, section):
    paragraphs = [f"<p>Paragraph number {n} says nothing new.</p>" for n in range(1, 9)]
    changed = [*paragraphs[:6], "<p>Paragraph number 7 says something new.</p>", paragraphs[7]]
    editor, article, older, newer = _two_versions(
        users, section, {"body": "".join(paragraphs)}, {"body": "".join(changed)}
    )
    shown = _comparison(
        editor.get(_revisions_url(article, a=older.pk, b=newer.pk)).content.decode()
    )
    assert "5 unchanged paragraphs" in shown
    assert "Paragraph number 1 " not in shown
    # The changed paragraph with one on either side, for context.
    assert "Paragraph number 6 says nothing new." in shown
    assert "says <del>nothing</del> <ins>something</ins> new." in shown
    assert "Paragraph number 8 says nothing new." in shown


def test_other_fields_are_named_as_the_form_names_them(users, section):
    article = draft_by(users["owner"], section, headline="Budget vote")
    editor = login(users["editor"])
    assert save(editor, article, headline="Budget vote").status_code == 302
    assert save(editor, article, "_publish", slug="budget-vote-tonight").status_code == 302
    # A revision is taken as the form saves, before the workflow step: the next
    # one records the publication.
    assert save(editor, article).status_code == 302
    older, _published, newer = article.revisions.order_by("pk")
    shown = text(editor.get(_revisions_url(article, a=older.pk, b=newer.pk)))
    comparison = _comparison(shown)
    for label in ("Slug", "Status", "First published"):
        assert f'<th scope="row">{label}</th>' in comparison, label
    assert "Draft" in comparison and "Published" in comparison
    for raw in ("published_at", "status,", "slug,", "section_id"):
        assert raw not in comparison, raw


def test_the_list_says_what_each_revision_changed(users, section):
    article = ArticleFactory(
        section=section, headline="Ferry strike", body="<p>Ferries stopped on Monday.</p>"
    )
    editor = login(users["editor"])
    assert save(editor, article).status_code == 302
    assert (
        save(
            editor,
            article,
            headline="Ferry strike ends",
            body="<p>Ferries stopped on Monday and ran again on Wednesday morning.</p>",
        ).status_code
        == 302
    )
    assert save(editor, article, standfirst="Crews accepted the offer.").status_code == 302
    assert save(editor, article).status_code == 302

    rows = re.findall(r'<td class="summary">(.*?)</td>', text(editor.get(_revisions_url(article))))
    # Newest first; the oldest kept revision is where the story starts.
    assert rows == [
        "No changes",
        "Standfirst",
        "Headline, Body (+7 −1 words)",
        "Created",
    ]


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        ({"b": "newest"}, "Choose the older revision to compare with."),
        ({"a": "oldest"}, "Choose the newer revision to compare with."),
        ({"a": "newest", "b": "newest"}, "Choose two different revisions"),
        ({"a": "12345", "b": "newest"}, "Choose the older revision to compare with."),
        ({"a": "", "b": ""}, "Choose an older and a newer revision to compare."),
        ({"compare": "Compare"}, "Choose an older and a newer revision to compare."),
    ],
)
def test_an_incomplete_choice_says_what_is_missing(users, section, choice, message):
    article = ArticleFactory(section=section)
    editor = login(users["editor"])
    assert save(editor, article, headline="First").status_code == 302
    assert save(editor, article, headline="Second").status_code == 302
    oldest, newest = article.revisions.order_by("pk")
    ids = {"oldest": oldest.pk, "newest": newest.pk}
    params = {key: ids.get(value, value) for key, value in choice.items()}

    response = editor.get(_revisions_url(article, **params))
    assert response.status_code == 200
    page = text(response)
    assert f'<p class="errornote" id="choice-error" role="alert">{message}' in page
    assert '<section id="comparison">' not in page
    # What was chosen stays chosen, to be completed rather than started again.
    for name, value in params.items():
        if str(value) in (str(oldest.pk), str(newest.pk)):
            assert f'name="{name}" value="{value}" aria-label' in page
            assert re.search(rf'name="{name}" value="{value}"[^>]*checked', page), name


def test_choosing_newer_then_older_still_reads_from_old_to_new(users, section):
    editor, article, older, newer = _two_versions(
        users, section, {"headline": "Rain expected"}, {"headline": "Snow expected"}
    )
    shown = _comparison(
        editor.get(_revisions_url(article, a=newer.pk, b=older.pk)).content.decode()
    )
    assert "<del>Rain</del> <ins>Snow</ins> expected" in shown


def test_the_page_and_its_button_are_both_called_revisions(users, section):
    article = ArticleFactory(section=section, headline="Tram line opens")
    editor = login(users["editor"])
    assert save(editor, article).status_code == 302
    form = text(editor.get(change_url(article)))
    assert f'<a href="{ADMIN}{article.pk}/revisions/">Revisions</a>' in form
    page = text(editor.get(_revisions_url(article)))
    assert "<title>Revisions of “Tram line opens”" in page
    assert "<h1>Revisions of “Tram line opens”</h1>" in page
    assert '<li aria-current="page">Revisions</li>' in page
    assert "History of" not in page


def test_a_rewritten_sentence_is_shown_whole_not_chopped_around_small_words(users, section):
    editor, article, older, newer = _two_versions(
        users,
        section,
        {"standfirst": "Organisers expect 5,000 runners and will close parts of the boulevard."},
        {"standfirst": "The Minister of Health has taken over the portfolio for now."},
    )
    shown = _comparison(
        editor.get(_revisions_url(article, a=older.pk, b=newer.pk)).content.decode()
    )
    # "of" and "the" in both sentences are no reason to interleave them word by word.
    assert (
        "<del>Organisers expect 5,000 runners and will close parts of the boulevard.</del> "
        "<ins>The Minister of Health has taken over the portfolio for now.</ins>"
    ) in shown
