"""Load the demo outlet: sections, authors, tags and articles with lead images.

Idempotent: rows are looked up by slug and only missing ones are created, so a
second run changes nothing (publication times stay those of the first load).
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from articles.demo.content import ARTICLES, AUTHORS, SECTIONS
from articles.demo.illustrations import illustration
from articles.models import Article, Author, Byline, Section


class Command(BaseCommand):
    help = "Load the demo sections, authors and articles (safe to run again)."

    @transaction.atomic
    def handle(self, *args, **options):
        now = timezone.now().replace(second=0, microsecond=0)
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
                dek=data["dek"],
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
            # An uncommitted file: save() strips its metadata and builds renditions.
            article.lead_image = ContentFile(
                illustration(data["slug"], colours[data["section"]]), name=f"{data['slug']}.jpg"
            )
            article.save()
            article.tags.set(data["tags"])
            Byline.objects.bulk_create(
                Byline(article=article, author=authors[slug], position=position)
                for position, slug in enumerate(data["authors"])
            )
            created += 1
        if options["verbosity"] >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo content: {created} article(s) created, "
                    f"{len(ARTICLES) - created} already present."
                )
            )
