"""The demo outlet's articles: sections, authors, published stories with lead
images, and a desk of stories not yet public (one in each workflow state).

Idempotent: rows are looked up by slug and only missing ones are created, so a
second run changes nothing (publication times stay those of the first load).
"""

from datetime import timedelta

from django.core.files.base import ContentFile

from articles import renditions
from articles.models import Article, Author, Byline, EditorialNote, Section

from .content import ARTICLES, AUTHORS, SECTIONS
from .desk import DESK
from .illustrations import illustration


def load(*, now) -> str:
    sections = {}
    for order, data in enumerate(SECTIONS, start=1):
        sections[data["slug"]], _ = Section.objects.get_or_create(
            slug=data["slug"],
            defaults={"name": data["name"], "description": data["description"], "order": order},
        )
    colours = {data["slug"]: data["colour"] for data in SECTIONS}
    authors = {}
    for data in AUTHORS:
        authors[data["slug"]], _ = Author.objects.get_or_create(
            slug=data["slug"],
            defaults={"display_name": data["display_name"], "bio": data["bio"]},
        )
    existing = set(Article.objects.values_list("slug", flat=True))
    created = 0
    for data in ARTICLES:
        if data["slug"] in existing:
            continue
        published_at = now - timedelta(hours=data["hours_ago"])
        updated_after = data.get("updated_hours_after")
        article = Article(
            headline=data["headline"],
            slug=data["slug"],
            standfirst=data["standfirst"],
            body=data["body"],
            section=sections[data["section"]],
            status=Article.Status.PUBLISHED,
            published_at=published_at,
            updated_at=published_at + timedelta(hours=updated_after) if updated_after else None,
            is_featured=data["featured"],
            priority=data["priority"],
            lead_image_alt=data["image_alt"],
            lead_image_caption=data["image_caption"],
            lead_image_credit=data["image_credit"],
        )
        # An uncommitted file: save() stashes it for the task worker; a
        # command-line loader does the worker's part itself, so the demo has its
        # pictures without one (the worker's copy of the job then finds it done).
        article.lead_image = ContentFile(
            illustration(data["slug"], colours[data["section"]]), name=f"{data['slug']}.jpg"
        )
        article.save()
        renditions.process_now(instance=article)
        article.tags.set(data["tags"])
        Byline.objects.bulk_create(
            Byline(article=article, author=authors[slug], position=position)
            for position, slug in enumerate(data["authors"])
        )
        created += 1
    desk_added = load_desk(now, sections, authors)
    return (
        f"{created} article(s) created, {len(ARTICLES) - created} already present, "
        f"{desk_added} story(ies) on the desk added"
    )


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
