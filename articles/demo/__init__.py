"""The demo outlet's articles: sections, authors, published stories with lead
images, and a desk of stories not yet public (one in each workflow state).

Stories in the other languages (issue 12) come from content_az.py and
content_ru.py: some are versions of an English story and share its
translation key, the others exist in that language only. Sections get their
names in those languages too.

Idempotent: rows are looked up by slug and only missing ones are created, so a
second run changes nothing (publication times stay those of the first load).
"""

from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile

from articles import renditions
from articles.models import Article, Author, Byline, EditorialNote, Section
from articles.slugs import slugify_headline

from . import content_az, content_ru
from .content import ARTICLES, AUTHORS, SECTIONS
from .desk import DESK
from .illustrations import illustration

# The demo's stories in languages other than the main one, by language code.
OTHER_LANGUAGES = {"az": content_az, "ru": content_ru}


def load(*, now) -> str:
    sections = {}
    for order, data in enumerate(SECTIONS, start=1):
        sections[data["slug"]], _ = Section.objects.get_or_create(
            slug=data["slug"],
            defaults={"name": data["name"], "description": data["description"], "order": order},
        )
    authors = {}
    for data in AUTHORS:
        authors[data["slug"]], _ = Author.objects.get_or_create(
            slug=data["slug"],
            defaults={"display_name": data["display_name"], "bio": data["bio"]},
        )
    translate_sections(sections)
    existing = set(Article.objects.values_list("slug", flat=True))
    created = 0
    for data in ARTICLES:
        if data["slug"] not in existing:
            create_article(data, now=now, section=sections[data["section"]], authors=authors)
            created += 1
    stories = [
        (code, data, slugify_headline(data["headline"]))
        for code, module in OTHER_LANGUAGES.items()
        # A site set up without the language (NEWSROOM_LANGUAGES) gets none of its stories.
        if code in dict(settings.LANGUAGES)
        for data in module.ARTICLES
    ]
    for code, data, slug in stories:
        if slug in existing:
            continue
        create_article(
            {**data, "slug": slug},
            now=now,
            section=sections[data["section"]],
            authors=authors,
            language=code,
            translation_key=story_key(data.get("translation_of"), code),
        )
        created += 1
    total = len(ARTICLES) + len(stories)
    desk_added = load_desk(now, sections, authors)
    return (
        f"{created} article(s) created, {total - created} already present, "
        f"{desk_added} story(ies) on the desk added"
    )


def translate_sections(sections) -> None:
    """Give the demo sections their names in the other languages, filling in
    only what is missing so that an editor's own wording is kept."""
    for code, module in OTHER_LANGUAGES.items():
        for slug, names in module.SECTIONS.items():
            section = sections[slug]
            current = section.translations.get(code, {})
            missing = {field: text for field, text in names.items() if not current.get(field)}
            if missing:
                section.translations = {**section.translations, code: {**current, **missing}}
                section.save(update_fields=["translations"])


def story_key(english_slug: str | None, language: str):
    """The translation key of the English story a translation is a version of,
    or None (a new key) for a story of its own, or when that story is gone or
    already has another version in ``language`` (the key is unique per language)."""
    if english_slug is None:
        return None
    original = Article.objects.filter(slug=english_slug).first()
    if original is None:
        return None
    versions = Article.objects.filter(translation_key=original.translation_key, language=language)
    return None if versions.exists() else original.translation_key


def create_article(data, *, now, section, authors, language=None, translation_key=None):
    """A published story with its generated lead image, tags and bylines."""
    published_at = now - timedelta(hours=data["hours_ago"])
    updated_after = data.get("updated_hours_after")
    article = Article(
        headline=data["headline"],
        slug=data["slug"],
        standfirst=data["standfirst"],
        body=data["body"],
        section=section,
        status=Article.Status.PUBLISHED,
        published_at=published_at,
        updated_at=published_at + timedelta(hours=updated_after) if updated_after else None,
        is_featured=data["featured"],
        priority=data["priority"],
        lead_image_alt=data["image_alt"],
        lead_image_caption=data["image_caption"],
        lead_image_credit=data["image_credit"],
    )
    if language:
        article.language = language
    if translation_key:
        article.translation_key = translation_key
    # An uncommitted file: save() stashes it for the task worker; a
    # command-line loader does the worker's part itself, so the demo has its
    # pictures without one (the worker's copy of the job then finds it done).
    article.lead_image = ContentFile(
        illustration(data["slug"], section_colour(section.slug)), name=f"{data['slug']}.jpg"
    )
    article.save()
    renditions.process_now(instance=article)
    article.tags.set(data["tags"])
    Byline.objects.bulk_create(
        Byline(article=article, author=authors[slug], position=position)
        for position, slug in enumerate(data["authors"])
    )
    return article


def section_colour(slug: str) -> str:
    return next(data["colour"] for data in SECTIONS if data["slug"] == slug)


def load_desk(now, sections, authors) -> int:
    """Stories not yet public (planned, draft, in review, scheduled) for the admin."""
    added = 0
    on_the_hour = now.replace(minute=0, second=0, microsecond=0)
    for data in DESK:
        if Article.objects.filter(slug=data["slug"]).exists():
            continue
        scheduled = data["status"] == "scheduled"
        article = Article.objects.create(
            headline=data["headline"],
            slug=data["slug"],
            standfirst=data["standfirst"],
            body=data["body"],
            section=sections[data["section"]],
            # A scheduled article is a published one whose time has not come.
            status=Article.Status.PUBLISHED if scheduled else data["status"],
            published_at=(
                on_the_hour + timedelta(hours=data["publish_in_hours"]) if scheduled else None
            ),
            planned_for=(
                None if scheduled else on_the_hour + timedelta(hours=data["planned_in_hours"])
            ),
        )
        Byline.objects.bulk_create(
            Byline(article=article, author=authors[slug], position=position)
            for position, slug in enumerate(data["authors"])
        )
        if data["note"]:
            EditorialNote.objects.create(article=article, text=data["note"])
        added += 1
    return added
