"""The demo content that `make run` loads."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from articles.demo import content_az, content_ru
from articles.models import Article, Author, Byline, Section
from articles.slugs import slugify_headline
from comments.models import Comment

OTHER_LANGUAGES = {"az": content_az, "ru": content_ru}


def snapshot():
    return (
        list(
            Article.objects.values_list(
                "slug", "published_at", "lead_image", "language", "translation_key"
            ).order_by("slug")
        ),
        list(Section.objects.values_list("slug", "translations").order_by("slug")),
        Author.objects.count(),
        Byline.objects.count(),
        list(Comment.objects.values_list("article__slug", "body", "status").order_by("pk")),
    )


def test_load_demo_is_idempotent_and_recent(demo, client):
    before = snapshot()
    call_command("load_demo", verbosity=0)
    assert snapshot() == before

    published = Article.objects.published()
    assert published.count() >= 12
    assert all(a.lead_image_renditions for a in published)
    assert published.filter(published_at__gte=timezone.now() - timedelta(hours=48)).exists()
    assert published.filter(is_featured=True).exists()
    assert published.filter(bylines__position=1).exists(), "some articles have two bylines"

    home = client.get("/").content.decode()
    # The home page lists its own language's stories (issue 12).
    for article in published.filter(language="en").order_by("-published_at")[:5]:
        assert article.headline in home or article.get_absolute_url() in home


def test_demo_desk_has_a_story_in_every_state_and_none_of_it_is_public(demo, client):
    """The admin's dashboard, calendar and queue have something to show on the first run."""
    desk = Article.objects.exclude(pk__in=Article.objects.published())
    states = {(a.status, a.published_at is not None) for a in desk}
    assert {
        ("planned", False),
        ("draft", False),
        ("review", False),
        ("published", True),  # scheduled: published with a time still to come
    } <= states
    scheduled = desk.get(status=Article.Status.PUBLISHED)
    assert scheduled.published_at > timezone.now()

    home = client.get("/").content.decode()
    for article in desk:
        assert article.headline not in home
        assert client.get(f"/2026/01/01/{article.slug}/").status_code == 404

    pending = Comment.objects.filter(status=Comment.Status.PENDING)
    assert pending.count() >= 2
    page = client.get(pending[0].article.get_absolute_url()).content.decode()
    assert pending[0].body not in page


def test_load_demo_runs_again_weeks_later(demo):
    """make run loads the demo at every start: also once comments have closed."""
    import time_machine

    before = snapshot()
    with time_machine.travel(timezone.now() + timedelta(days=30)):
        call_command("load_demo", verbosity=0)
    assert snapshot() == before


def test_each_language_has_a_full_home_page(demo, client):
    """English, Azerbaijani and Russian readers each find a lead story and a
    list of the latest on their own home page (issue 12)."""
    for language, home_url in [("en", "/"), ("az", "/az/"), ("ru", "/ru/")]:
        published = Article.objects.published().in_language(language)
        assert published.count() >= 5, language
        assert all(a.lead_image_renditions for a in published)
        assert published.filter(is_featured=True).count() >= 2, language
        assert published.filter(is_featured=False).count() >= 2, language
        assert not published.filter(bylines__isnull=True).exists(), language
        assert len({a.section_id for a in published}) >= 3, f"{language}: a spread of sections"
        home = client.get(home_url).content.decode()
        for article in published:
            assert article.get_absolute_url() in home, (language, article.slug)
        page = client.get(published.first().get_absolute_url())
        assert page.status_code == 200
        assert published.first().headline in page.content.decode()


def test_demo_translations_share_the_english_story_key(demo, client):
    """A translation is a version of its English story: one key, one version
    per language, and the English page points readers to it."""
    for language, module in OTHER_LANGUAGES.items():
        versions = [data for data in module.ARTICLES if data.get("translation_of")]
        assert len(versions) >= 3
        for data in versions:
            version = Article.objects.get(slug=slugify_headline(data["headline"]))
            original = Article.objects.get(slug=data["translation_of"])
            assert version.language == language
            assert original.language == "en"
            assert version.translation_key == original.translation_key
            page = client.get(original.get_absolute_url()).content.decode()
            assert version.get_absolute_url() in page
        own = [data for data in module.ARTICLES if not data.get("translation_of")]
        assert own, f"{language} has stories of its own"
        for data in own:
            article = Article.objects.get(slug=slugify_headline(data["headline"]))
            assert Article.objects.filter(translation_key=article.translation_key).count() == 1


def test_demo_stories_are_written_in_their_language(demo):
    """Slugs are made from the headlines; the words the search demos look for are there."""
    az = Article.objects.filter(language="az")
    ru = Article.objects.filter(language="ru")
    for article in [*az, *ru]:
        assert article.slug == slugify_headline(article.headline)
        assert article.slug.isascii()
        assert "<blockquote>" in article.body or "“" in article.body or "«" in article.body
        assert article.tags.exists()
    assert any("Şuşa" in a.headline or "Gəncə" in a.headline for a in az)
    assert any("ə" in a.body and "ğ" in a.body and "ı" in a.body for a in az)
    assert any("переговоров" in a.body for a in ru)


def test_demo_sections_have_azerbaijani_and_russian_names(demo, client):
    for section in Section.objects.all():
        for language in ("az", "ru"):
            assert section.translations[language]["name"], (section.slug, language)
            assert section.translations[language]["description"], (section.slug, language)
    assert "İqtisadiyyat" in client.get("/az/section/economy/").content.decode()
    assert "Экономика" in client.get("/ru/section/economy/").content.decode()


def test_load_demo_fills_in_missing_section_names_and_keeps_an_editors(demo):
    """Sections loaded before issue 12 get their names; an editor's own are kept."""
    Section.objects.filter(slug="sport").update(translations={"az": {"name": "İdman xəbərləri"}})
    Section.objects.filter(slug="culture").update(translations={})
    call_command("load_demo", verbosity=0)
    sport = Section.objects.get(slug="sport").translations
    assert sport["az"]["name"] == "İdman xəbərləri"
    assert sport["az"]["description"] == content_az.SECTIONS["sport"]["description"]
    assert sport["ru"] == content_ru.SECTIONS["sport"]
    culture = Section.objects.get(slug="culture").translations
    assert culture == {"az": content_az.SECTIONS["culture"], "ru": content_ru.SECTIONS["culture"]}
