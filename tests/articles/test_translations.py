"""Translations in the admin (issue 12): an editor makes a version of a story in
another language from its change page; the page lists the story's versions;
the article list says which languages a story has and finds those without
one; the language field refuses a clash; sections are named in each language."""

import importlib
import re
import threading
import time

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from taggit.models import TaggedItem

from articles import images
from articles.models import Article, ArticleRevision, Section
from newsroom import roles
from tests.articles.helpers import (
    ADMIN,
    change_url,
    login,
    make_staff,
    open_form,
    page_messages,
    save,
    text,
)
from tests.conftest import committed, postgres_only
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

Status = Article.Status


def translate_url(article) -> str:
    return f"{ADMIN}{article.pk}/translate/"


def translate(client, article, language, **kwargs):
    return client.post(translate_url(article), {"language": language}, **kwargs)


@pytest.fixture
def story(section):
    """A published English story with a two-name byline, tags and a lead image."""
    return ArticleFactory(
        headline="Ganja opens its new river bridge",
        slug="ganja-bridge",
        standfirst="The bridge joins the two banks of the Ganjachay.",
        body="<p>The new bridge opened on Monday.</p>",
        section=section,
        authors=[AuthorFactory(display_name="Leyla"), AuthorFactory(display_name="Tural")],
        tags=["Ganja", "Transport"],
        with_image=True,
        comments_enabled=False,
        is_featured=True,
    )


def test_translating_copies_the_story_as_a_version_to_translate(users, story):
    """One POST makes the Russian version: same story key, its structure and
    text copied, in the workflow as "Needs translation", owned by whoever made
    it, with a revision and an audit entry naming the original."""
    reporter = users["owner"]
    client = login(reporter)
    response = translate(client, story, "ru", follow=True)

    translation = Article.objects.get(translation_key=story.translation_key, language="ru")
    assert response.redirect_chain[-1][0] == change_url(translation)
    assert any("Russian version" in message for message in page_messages(response))
    assert translation.pk != story.pk
    assert translation.status == Status.TRANSLATION
    assert translation.created_by == reporter
    assert (translation.headline, translation.standfirst, translation.body) == (
        story.headline,
        story.standfirst,
        story.body,
    )
    assert translation.section == story.section
    assert sorted(translation.tags.names()) == ["Ganja", "Transport"]
    assert translation.byline_authors == story.byline_authors
    assert translation.comments_enabled is False and translation.is_featured is False
    assert translation.lead_image.name == story.lead_image.name
    assert translation.lead_image_renditions == story.lead_image_renditions
    assert translation.lead_image_alt == story.lead_image_alt
    assert translation.lead_image_credit == story.lead_image_credit
    assert translation.slug == "ganja-opens-its-new-river-bridge-ru"
    assert translation.published_at is None
    step = translation.transitions.get()
    assert (step.action, step.to_status, step.user) == ("translate", Status.TRANSLATION, reporter)
    assert f"#{story.pk}" in step.note
    revision = ArticleRevision.objects.get(article=translation)
    assert revision.user == reporter and f"#{story.pk}" in revision.note
    # The original is untouched, and the reporter may edit the new version.
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED and story.language == "en"
    assert client.get(change_url(translation)).context["has_change_permission"]


def test_the_slug_is_unique_when_the_headline_slug_is_taken(users, story, section):
    ArticleFactory(section=section, slug="ganja-opens-its-new-river-bridge-ru")
    translate(login(users["editor"]), story, "ru")
    translation = Article.objects.get(translation_key=story.translation_key, language="ru")
    assert translation.slug == "ganja-opens-its-new-river-bridge-ru-2"


def test_a_second_translation_into_the_same_language_is_refused(users, story):
    client = login(users["editor"])
    translate(client, story, "ru")
    response = translate(client, story, "ru", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == change_url(story)
    assert "This story already has a version in Russian." in page_messages(response)
    assert Article.objects.filter(translation_key=story.translation_key).count() == 2
    # Asked from the Russian version too, and into the story's own language.
    russian = Article.objects.get(translation_key=story.translation_key, language="ru")
    response = translate(client, russian, "en", follow=True)
    assert "This story already has a version in English." in page_messages(response)


def test_a_language_that_is_not_enabled_is_refused(users, story):
    response = translate(login(users["editor"]), story, "de", follow=True)
    assert response.status_code == 200
    assert "Articles cannot be written in that language here." in page_messages(response)
    assert Article.objects.filter(translation_key=story.translation_key).count() == 1


def test_only_people_who_may_add_articles_translate(django_user_model, story):
    manager = make_staff(django_user_model, "nm", roles.NEWSLETTER_MANAGER, "Nuray", "Aliyeva")
    assert translate(login(manager), story, "ru").status_code == 403
    assert not Article.objects.filter(language="ru").exists()
    assert login(manager).get(translate_url(story)).status_code in (403, 405)


def test_the_translate_page_takes_only_a_post(users, story):
    assert login(users["editor"]).get(translate_url(story)).status_code == 405


def test_the_change_page_lists_the_other_versions_and_the_missing_languages(users, story):
    client = login(users["editor"])
    page = text(client.get(change_url(story)))
    assert "Translate into Russian" in page and "Translate into Azerbaijani" in page
    translate(client, story, "ru")
    russian = Article.objects.get(translation_key=story.translation_key, language="ru")
    russian.headline = "Гянджа открывает новый мост"
    russian.save()

    page = text(client.get(change_url(story)))
    box = re.search(r'<div class="module story-versions".*?</div>', page, re.S).group(0)
    assert f'href="{change_url(russian)}" lang="ru">Гянджа открывает новый мост</a>' in box
    assert "Needs translation" in box
    assert "Translate into Azerbaijani" in box and "Translate into Russian" not in box
    # And from the Russian version, the English one.
    box = re.search(
        r'<div class="module story-versions".*?</div>', text(client.get(change_url(russian))), re.S
    ).group(0)
    assert f'href="{change_url(story)}" lang="en">{story.headline}</a>' in box
    assert "Published" in box


def test_the_article_form_refuses_a_language_another_version_has(users, story):
    client = login(users["editor"])
    translate(client, story, "ru")
    russian = Article.objects.get(translation_key=story.translation_key, language="ru")
    response = save(client, russian, language="en")
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "This story already has a version in that language" in errors["language"][0]
    # Next to the field, with what was chosen still chosen.
    field = re.search(r'<div class="form-row field-language">.*?</select>', text(response), re.S)
    assert "This story already has a version in that language" in field.group(0)
    assert '<option value="en" selected>' in field.group(0)
    russian.refresh_from_db()
    assert russian.language == "ru"
    # Another free language is fine.
    assert save(client, russian, language="az").status_code == 302
    russian.refresh_from_db()
    assert russian.language == "az"


def test_the_language_field_is_on_the_form_after_the_headline(users, story):
    fields = list(open_form(login(users["editor"]), story))
    assert fields.index("language") == fields.index("headline") + 1


def list_rows(page: str) -> list[str]:
    return re.findall(r"<tr>.*?</tr>", page.split('id="result_list"')[1], re.S)


def test_the_list_shows_each_storys_languages_this_one_first(users, story):
    client = login(users["editor"])
    translate(client, story, "ru")
    page = text(client.get(ADMIN))
    russian = Article.objects.get(language="ru")
    rows = {row: row for row in list_rows(page)}
    english_row = next(row for row in rows if change_url(story) in row)
    russian_row = next(row for row in rows if change_url(russian) in row)
    assert "<b>EN</b> · ru</small>" in english_row
    assert "<b>RU</b> · en</small>" in russian_row


def test_filter_no_version_in_a_language(users, story, section):
    client = login(users["editor"])
    translated = ArticleFactory(section=section, headline="Translated already")
    translate(client, translated, "ru", follow=True)
    russian_only = ArticleFactory(section=section, headline="Only in Russian", language="ru")
    page = text(client.get(ADMIN, {"missing": "ru"}))
    assert story.headline in page
    assert "Translated already" not in page
    assert "Only in Russian" not in page
    assert "By no version in" in text(client.get(ADMIN))
    page = text(client.get(ADMIN, {"missing": "en"}))
    assert "Only in Russian" in page and story.headline not in page
    assert russian_only.language == "ru"


def test_filter_by_language(users, story, section):
    client = login(users["editor"])
    ArticleFactory(section=section, headline="Azerbaijani story", language="az")
    page = text(client.get(ADMIN, {"language": "az"}))
    assert "Azerbaijani story" in page and story.headline not in page
    page = text(client.get(ADMIN, {"language": "en"}))
    assert "Azerbaijani story" not in page and story.headline in page


def count_list_queries(client) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(ADMIN)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_list_query_count_does_not_grow_with_rows_or_versions(users, section):
    """The languages of each row's story ride along in the list's query."""
    client = login(users["editor"])
    ArticleFactory(section=section, authors=[AuthorFactory()])
    small = count_list_queries(client)
    for n in range(8):
        article = ArticleFactory(
            section=SectionFactory(), authors=[AuthorFactory(), AuthorFactory()], tags=[f"t{n}"]
        )
        translate(client, article, "ru")
        if n % 2:
            translate(client, article, "az")
    assert "<b>EN</b> · az · ru</small>" in text(client.get(ADMIN))
    assert count_list_queries(client) == small


def test_deleting_one_version_keeps_the_shared_image_files(users, story):
    client = login(users["editor"])
    translate(client, story, "ru")
    russian = Article.objects.get(translation_key=story.translation_key, language="ru")
    files = images.files_of(story.lead_image.name, story.lead_image_renditions)
    assert len(files) > 1 and all(default_storage.exists(name) for name in files)
    with committed():
        russian.delete()
    assert all(default_storage.exists(name) for name in files)
    # The last row showing them gone, they go too.
    with committed():
        story.delete()
    assert not any(default_storage.exists(name) for name in files)


def test_removing_the_image_from_one_version_keeps_the_others(users, story):
    client = login(users["editor"])
    translate(client, story, "ru")
    russian = Article.objects.get(translation_key=story.translation_key, language="ru")
    files = images.files_of(story.lead_image.name, story.lead_image_renditions)
    client.force_login(users["chief"])
    with committed():
        assert save(client, russian, **{"lead_image-clear": "on"}).status_code == 302
    russian.refresh_from_db()
    assert not russian.lead_image
    assert all(default_storage.exists(name) for name in files)


def test_the_dashboard_lists_what_needs_translation(users, story):
    client = login(users["editor"])
    translate(client, story, "az")
    page = text(client.get("/admin/"))
    module = re.search(r"<h2>Needs translation</h2><ul[^>]*>(.*?)</ul>", page, re.S).group(1)
    azerbaijani = Article.objects.get(language="az")
    assert change_url(azerbaijani) in module and "(Azerbaijani)" in module
    assert f"{ADMIN}?state=translation" in module
    listed = text(client.get(ADMIN, {"state": "translation"}))
    assert change_url(azerbaijani) in listed and change_url(story) not in listed


SECTION_ADMIN = "/admin/articles/section/"


def test_section_names_in_other_languages_are_saved_and_shown(users, client, section):
    chief = login(users["chief"])
    form = chief.get(f"{SECTION_ADMIN}{section.pk}/change/")
    page = text(form)
    assert re.search(r'<input type="text" name="name_ru"[^>]* lang="ru"', page)
    assert 'name="description_az"' in page
    assert 'name="name_en"' not in page
    response = chief.post(
        f"{SECTION_ADMIN}{section.pk}/change/",
        {
            "name": "Economy",
            "slug": "economy",
            "description": "Money and work.",
            "order": "0",
            "name_ru": "Экономика",
            "description_ru": "Деньги и работа.",
            "name_az": "İqtisadiyyat",
            "description_az": "",
        },
    )
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.translations == {
        "ru": {"name": "Экономика", "description": "Деньги и работа."},
        "az": {"name": "İqtisadiyyat"},
    }
    # The form shows them again.
    assert "Экономика" in text(chief.get(f"{SECTION_ADMIN}{section.pk}/change/"))
    ArticleFactory(section=section, language="ru", headline="Новости")
    assert "Экономика" in text(client.get("/ru/"))
    english = text(client.get("/"))
    assert "Экономика" not in english and "Economy" in english


def test_a_new_section_can_be_added_with_its_translations(users):
    chief = login(users["chief"])
    response = chief.post(
        f"{SECTION_ADMIN}add/",
        {"name": "Sport", "slug": "sport", "description": "", "order": "3", "name_ru": "Спорт"},
    )
    assert response.status_code == 302
    assert Section.objects.get(slug="sport").translations == {"ru": {"name": "Спорт"}}


@pytest.fixture
def roles_after_a_flush(transactional_db):
    """The groups of migration 0005, made again if an earlier transactional
    test's flush removed them."""
    if not Group.objects.filter(name=roles.REPORTER).exists():
        importlib.import_module("articles.migrations.0005_roles").forwards(django_apps, None)


@postgres_only
# serialized_rollback: the roles (groups) a data migration made are put back
# after another transactional test flushed the database.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_language_change_racing_a_new_translation_is_an_error_next_to_the_field(
    roles_after_a_flush, users, second_editor, section
):
    """One editor presses "Translate into Azerbaijani" while another saves the
    story's Russian version as Azerbaijani. The translation is held after
    writing its row (a lock on the tags table, which it writes next); the
    language change must wait for it and then say so beside the field, not
    fail on the database's constraint (a 500)."""
    english = ArticleFactory(section=section, headline="Airport road closes", tags=["Roads"])
    changer, translator = login(users["editor"]), login(second_editor)
    translate(changer, english, "ru")
    russian = Article.objects.get(translation_key=english.translation_key, language="ru")
    form = open_form(changer, russian)
    responses, errors = {}, []

    def press(name, action):
        try:
            responses[name] = action()
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    def wait_for_waiters(count):
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
                if cursor.fetchone()[0] >= count:
                    return True
            time.sleep(0.05)
        return False

    threads = [
        threading.Thread(
            target=press, args=("translate", lambda: translate(translator, english, "az"))
        ),
        threading.Thread(
            target=press, args=("change", lambda: save(changer, russian, data=form, language="az"))
        ),
    ]
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {TaggedItem._meta.db_table} IN ACCESS EXCLUSIVE MODE")
        threads[0].start()
        assert wait_for_waiters(1), (responses, errors)  # the translation waits to tag
        threads[1].start()
        assert wait_for_waiters(2)  # the language change waits for the story
    for thread in threads:
        thread.join()

    assert errors == []
    assert responses["translate"].status_code == 302
    assert responses["change"].status_code == 200
    assert "This story already has a version in that language" in text(responses["change"])
    russian.refresh_from_db()
    assert russian.language == "ru"
    assert Article.objects.filter(translation_key=english.translation_key).count() == 3
