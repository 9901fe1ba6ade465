"""Article slugs from headlines in Azerbaijani, Russian and English (issue 12):
readable ASCII, cut at a word, numbered past slugs in use, and made on save when
the editor leaves the slug blank."""

import json
import re
import threading
import time

import pytest
from django.db import connection, transaction

from articles.models import Article, SlugRedirect
from articles.slugs import SLUG_MAX_LENGTH, TRANSLITERATION, slugify_headline, unique_slug
from tests.articles.helpers import ADD_URL, login, save, text
from tests.conftest import postgres_only
from tests.factories import ArticleFactory
from tests.forms import form_fields


@pytest.mark.parametrize(
    ("headline", "slug"),
    [
        ("Şuşa", "susa"),
        ("Gəncə", "gence"),
        ("Bakı", "baki"),
        ("İlham", "ilham"),
        ("ŞUŞA GƏNCƏ ÇAY ÖĞÜD", "susa-gence-cay-ogud"),
        ("Москва", "moskva"),
        ("Переговоры в Москве", "peregovory-v-moskve"),
        ("Жители Щёлково ждут чая", "zhiteli-shelkovo-zhdut-chaya"),
        ("Хоккей: Сергей Королёв", "hokkey-sergey-korolev"),
        ("Объявление о съезде", "obyavlenie-o-sezde"),
        ("Café Ñandú Straße", "cafe-nandu-strasse"),
    ],
)
def test_headlines_become_readable_ascii_slugs(headline, slug):
    assert slugify_headline(headline) == slug


def test_mixed_text_and_punctuation():
    headline = "Bakı–Москва: «переговоры» in 2026 — Azərbaycan'ın planı / 50% "
    assert slugify_headline(headline) == "baki-moskva-peregovory-in-2026-azerbaycanin-plani-50"
    assert slugify_headline("  -- Hello_world!  ") == "hello-world"
    assert slugify_headline("🙂 ✓") == ""


def test_a_long_headline_is_cut_after_a_whole_word():
    assert slugify_headline("Переговоры в Москве", max_length=15) == "peregovory-v"
    # A word ending exactly at the limit is kept whole.
    assert slugify_headline("alpha beta gamma", max_length=10) == "alpha-beta"
    # One word longer than the limit is cut inside it.
    assert slugify_headline("Azərbaycançılıq", max_length=8) == "azerbayc"
    long_headline = " ".join(["Gəncədə"] * 40)
    slug = slugify_headline(long_headline)
    assert len(slug) <= SLUG_MAX_LENGTH
    assert slug == "-".join(["gencede"] * (SLUG_MAX_LENGTH // len("gencede-")))


@pytest.mark.django_db
def test_unique_slug_numbers_past_slugs_in_use(section):
    assert unique_slug("Şuşa") == "susa"
    first = ArticleFactory(section=section, slug="susa")
    assert unique_slug("Şuşa") == "susa-2"
    ArticleFactory(section=section, slug="susa-2")
    assert unique_slug("Şuşa") == "susa-3"
    # The article's own slug is no clash when it is made again.
    assert unique_slug("Şuşa", exclude_pk=first.pk) == "susa"


@pytest.mark.django_db
def test_unique_slug_avoids_former_slugs_of_other_articles(section):
    other = ArticleFactory(section=section, slug="moskva-today")
    SlugRedirect.objects.create(old_slug="moskva", article=other)
    assert unique_slug("Москва") == "moskva-2"
    # A former slug of the same article may come back.
    assert unique_slug("Москва", exclude_pk=other.pk) == "moskva"


@pytest.mark.django_db
def test_a_numbered_slug_still_fits_the_field(section):
    headline = " ".join(["Переговоры"] * 30)
    ArticleFactory(section=section, slug=slugify_headline(headline))
    slug = unique_slug(headline)
    assert slug.endswith("-2")
    assert len(slug) <= SLUG_MAX_LENGTH
    assert unique_slug("🙂") == "article"


@pytest.mark.parametrize(
    ("headline", "slug"),
    [
        ("Şuşada bərpa işləri", "susada-berpa-isleri"),
        ("Переговоры в Москве", "peregovory-v-moskve"),
    ],
)
def test_a_blank_slug_is_made_from_the_headline_on_save(users, section, headline, slug):
    ArticleFactory(section=section, slug=slug)  # taken: the new story is numbered
    reporter = login(users["owner"])
    data = form_fields(reporter.get(ADD_URL))
    data.update(headline=headline, slug="", section=section.pk)
    assert reporter.post(ADD_URL, data).status_code == 302
    assert Article.objects.get(headline=headline).slug == f"{slug}-2"


def test_a_slug_cleared_on_the_change_form_is_made_again(users, section):
    article = ArticleFactory(section=section, headline="Gəncə marafonu", slug="old-slug")
    assert save(login(users["editor"]), article, slug="").status_code == 302
    article.refresh_from_db()
    assert article.slug == "gence-marafonu"
    # Its old address keeps working.
    assert SlugRedirect.objects.get(old_slug="old-slug").article == article


def test_a_typed_slug_with_other_letters_is_an_error_offering_an_ascii_one(users, section):
    reporter = login(users["owner"])
    data = form_fields(reporter.get(ADD_URL))
    data.update(headline="Şuşa", slug="Şuşa-bərpa", section=section.pk)
    response = reporter.post(ADD_URL, data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["slug"] == [
        "Use only Latin letters (a–z), digits and hyphens in the slug: “susa-berpa”, "
        "for example, or leave it blank to make it from the headline."
    ]
    assert form_fields(response)["slug"] == "Şuşa-bərpa"
    assert not Article.objects.filter(headline="Şuşa").exists()
    data.update(slug="🙂")
    response = reporter.post(ADD_URL, data)
    assert "or leave it blank to make it from the headline" in " ".join(
        response.context["adminform"].form.errors["slug"]
    )


def test_the_add_form_carries_the_letter_table_for_the_browser(users):
    page = text(login(users["owner"]).get(ADD_URL))
    table = re.search(
        r'<script id="slug-transliteration" type="application/json">(.*?)</script>', page
    )
    assert json.loads(table.group(1)) == TRANSLITERATION


@postgres_only
# serialized_rollback: the roles (groups) a data migration made are put back
# after another transactional test flushed the database.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_made_slug_taken_at_the_same_moment_is_numbered_on(users, section):
    """Another story with the same headline is written between this save's
    look-up of free slugs and its own write: the save waits on the slug's
    unique index, and is then numbered on instead of failing."""
    reporter = login(users["owner"])
    data = form_fields(reporter.get(ADD_URL))
    data.update(headline="Şuşa", slug="", section=section.pk)
    responses, errors = [], []

    def press_save():
        try:
            responses.append(reporter.post(ADD_URL, data))
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    def waiting_on_a_lock():
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
                if cursor.fetchone()[0]:
                    return True
            time.sleep(0.05)
        return False

    thread = threading.Thread(target=press_save)
    with transaction.atomic():
        other = ArticleFactory(section=section, headline="Şuşa today", slug="susa")
        thread.start()
        assert waiting_on_a_lock(), (responses, errors)
    thread.join()

    assert errors == []
    assert responses[0].status_code == 302
    made = Article.objects.exclude(pk=other.pk).get(headline="Şuşa")
    assert made.slug == "susa-2"
    # Saved once, as far as its version goes: the failed write did not count.
    assert made.version == Article._meta.get_field("version").default + 1
