"""Load the demo outlet: sections, authors, tags and articles with lead images.

Idempotent: rows are looked up by slug and only missing ones are created, so a
second run changes nothing (publication times stay those of the first load).
"""

from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from articles.demo.comments import COMMENTS as DEMO_COMMENTS
from articles.demo.comments import NEWSROOM
from articles.demo.content import ARTICLES, AUTHORS, SECTIONS
from articles.demo.desk import DESK, PENDING_COMMENTS
from articles.demo.illustrations import illustration
from articles.models import Article, Author, Byline, EditorialNote, Section
from comments.models import Comment
from comments.services import refresh_comment_count


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
        desk_added = self.load_desk(now, sections, authors)
        comments_added = self.load_comments(now) + self.load_pending_comments()
        if options["verbosity"] >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo content: {created} article(s) created, "
                    f"{len(ARTICLES) - created} already present, "
                    f"{desk_added} story(ies) on the desk added, "
                    f"{comments_added} comment(s) added."
                )
            )

    def load_desk(self, now, sections, authors) -> int:
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

    def load_pending_comments(self) -> int:
        """Readers' comments waiting for a moderator. Made directly rather than
        through post_comment(): that one applies today's rules, which refuse an
        article whose comments have closed and may send a comment to spam."""
        added = 0
        for slug, name, body in PENDING_COMMENTS:
            article = Article.objects.published().filter(slug=slug).first()
            if article is None:
                continue
            email = f"{slugify(name) or 'reader'}.pending@example.org"
            _, created = Comment.objects.get_or_create(
                article=article,
                fingerprint=Comment.make_fingerprint(email=email, body=body),
                defaults={
                    "name": name,
                    "email": email,
                    "body": body,
                    "status": Comment.Status.PENDING,
                    "held_because": "first comment",
                },
            )
            added += created
        return added

    def load_comments(self, now) -> int:
        """Approved demo comments, once per article (skipped if it has any)."""
        added = 0
        for slug, threads in DEMO_COMMENTS.items():
            article = Article.objects.filter(slug=slug).first()
            if article is None or article.comments.exists():
                continue
            posted = max(article.published_at, now - timedelta(hours=6))
            for name, body, replies in threads:
                added += self.add_comment(article, None, name, body, replies, posted)
            refresh_comment_count(article.pk)
        return added

    def add_comment(self, article, parent, name, body, replies, posted) -> int:
        newsroom = name == NEWSROOM
        comment = Comment.objects.create(
            article=article,
            parent=parent,
            depth=parent.depth + 1 if parent else 0,
            name=settings.SITE_NAME if newsroom else name,
            email="" if newsroom else f"{slugify(name) or 'reader'}@example.org",
            body=body,
            status=Comment.Status.APPROVED,
            is_newsroom=newsroom,
            fingerprint=Comment.make_fingerprint(email=name, body=body),
        )
        # Spread the conversation over the hours after publication, in order.
        self.comment_order = getattr(self, "comment_order", 0) + 1
        Comment.objects.filter(pk=comment.pk).update(
            created_at=posted + timedelta(minutes=23 * self.comment_order)
        )
        return 1 + sum(self.add_comment(article, comment, *reply, posted) for reply in replies)
