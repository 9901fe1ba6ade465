"""The editorial workflow: who may do what to an article, and the transitions
(submit, send back, publish, schedule, unpublish) with their audit trail.

Every path that changes an article's state (the admin's buttons, its bulk
actions, a crafted POST) goes through these functions, so the rules hold
whatever the client sends.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from .models import Article, ArticleRevision, ArticleTransition, Author, Byline
from .sanitize import html_to_text

Status = Article.Status
PUBLISH_PERMISSION = "articles.publish_article"
EDIT_ANY_PERMISSION = "articles.edit_any_article"


class InvalidTransition(Exception):
    pass


def is_own(user, article: Article) -> bool:
    if article.created_by_id == user.pk:
        return True
    return any(author.user_id == user.pk for author in article.authors.all())


def can_publish(user) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


def can_edit(user, article: Article | None) -> bool:
    """Editors edit anything; reporters their own drafts (and planned stories)."""
    if not user.has_perm("articles.change_article"):
        return False
    if article is None or user.has_perm(EDIT_ANY_PERMISSION):
        return True
    return is_own(user, article) and article.status in (Status.DRAFT, Status.PLANNED)


def works_on_articles(user) -> bool:
    """Reporters, editors and chief editors: the people who may see unpublished
    work on the desk (the calendar). Viewing articles alone is not enough: the
    Newsletter manager may view articles to pick them for an issue."""
    return user.has_perm("articles.change_article")


def has_text(article: Article) -> bool:
    return bool(html_to_text(article.body).strip())


def initial_status(*, article: Article) -> str:
    """A new story with a planned time and no text yet is a planned story (shown
    on the calendar); anything else starts as a draft."""
    if article.planned_for is not None and not has_text(article):
        return Status.PLANNED
    return Status.DRAFT


def available_actions(user, article: Article) -> list[str]:
    """The buttons to show on an article's page."""
    actions = []
    if article.status in (Status.DRAFT, Status.PLANNED) and can_edit(user, article):
        actions.append("submit")
    if can_publish(user):
        if article.status == Status.REVIEW:
            actions.append("send_back")
        if not article.is_live:
            actions += ["publish", "schedule"]
        if article.status == Status.PUBLISHED:
            actions.append("unpublish")
    return actions


def _record(article, by, action, previous, note=""):
    ArticleTransition.objects.create(
        article=article,
        user=by,
        action=action,
        from_status=previous,
        to_status=article.status,
        note=note,
    )


def _save(article: Article, *fields: str) -> None:
    """Save a transition; bumping the version makes forms opened before it stale.

    The bump happens in the database (version = version + 1), so a form save
    landing at the same moment cannot make two changes share one version."""
    article.version = F("version") + 1
    article.save(update_fields=[*fields, "version", "modified_at"])
    article.refresh_from_db(fields=["version"])


def _check(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You do not have permission to do that to this article."))


@transaction.atomic
def submit_for_review(*, article: Article, by, note: str = "") -> None:
    _check(can_edit(by, article))
    if article.status not in (Status.DRAFT, Status.PLANNED):
        raise InvalidTransition(_("Only a draft can be submitted for review."))
    if not has_text(article):
        raise InvalidTransition(
            _("Write the story first: an article without a body cannot be submitted for review.")
        )
    previous, article.status = article.status, Status.REVIEW
    _save(article, "status")
    _record(article, by, "submit", previous, note)


@transaction.atomic
def send_back(*, article: Article, by, note: str) -> None:
    _check(can_publish(by))
    if article.status != Status.REVIEW:
        raise InvalidTransition(_("Only an article in review can be sent back."))
    if not note.strip():
        raise InvalidTransition(
            _("Say what needs doing: a note is required to send an article back.")
        )
    previous, article.status = article.status, Status.DRAFT
    _save(article, "status")
    _record(article, by, "send_back", previous, note)


@transaction.atomic
def publish(*, article: Article, by, note: str = "") -> None:
    _check(can_publish(by))
    now = timezone.now()
    previous = article.status
    if previous == Status.PUBLISHED and article.is_live:
        raise InvalidTransition(_("This article is already published."))
    article.status = Status.PUBLISHED
    if article.published_at is None or article.published_at > now:
        article.published_at = now
    if article.updated_at and article.updated_at < article.published_at:
        article.updated_at = None
    if article.expires_at and article.expires_at <= now:
        article.expires_at = None  # publishing again lifts a past expiry
    _save(article, "status", "published_at", "updated_at", "expires_at")
    _record(article, by, "publish", previous, note)


@transaction.atomic
def schedule(*, article: Article, by, when: datetime | None, note: str = "") -> None:
    _check(can_publish(by))
    if when is None or when <= timezone.now():
        raise InvalidTransition(_("Choose a publication time in the future to schedule."))
    if article.is_live:
        raise InvalidTransition(_("This article is already published."))
    previous = article.status
    article.status, article.published_at = Status.PUBLISHED, when
    _save(article, "status", "published_at")
    _record(article, by, "schedule", previous, note or when.isoformat())


@transaction.atomic
def unpublish(*, article: Article, by, note: str = "") -> None:
    _check(can_publish(by))
    if article.status != Status.PUBLISHED:
        raise InvalidTransition(_("Only a published or scheduled article can be unpublished."))
    previous, article.status = article.status, Status.UNPUBLISHED
    _save(article, "status")
    _record(article, by, "unpublish", previous, note)


ACTIONS = {
    "submit": submit_for_review,
    "send_back": send_back,
    "publish": publish,
    "unpublish": unpublish,
}


# Revisions ---------------------------------------------------------------------

# Restored by restore_revision: the editorial content, and when the desk plans to run it.
REVISION_FIELDS = [
    "headline",
    "slug",
    "dek",
    "body",
    "section_id",
    "lead_image_alt",
    "lead_image_caption",
    "lead_image_credit",
    "seo_title",
    "seo_description",
    "comments_enabled",
    "is_featured",
    "priority",
]
REVISION_TIMES = ["planned_for"]
# Kept in every revision so the history says what the article was, but never
# restored: status and the publication times are the workflow's (publishing,
# scheduling, unpublishing are transitions with an audit entry, and restoring an
# old text must not take a live article down or bring a withdrawn one back), and
# the lead image file may no longer exist.
RECORDED_ONLY = ["status", "published_at", "expires_at", "updated_at", "lead_image"]


def _json(value):
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def snapshot(article: Article) -> dict:
    data = {
        field: _json(getattr(article, field))
        for field in [*REVISION_FIELDS, *REVISION_TIMES, *RECORDED_ONLY]
    }
    data["tags"] = sorted(tag.name for tag in article.tags.all())
    data["authors"] = [byline.author_id for byline in article.bylines.order_by("position")]
    return data


def save_revision(*, article: Article, by, note: str = "") -> ArticleRevision:
    return ArticleRevision.objects.create(
        article=article, user=by, data=snapshot(article), note=note[:200]
    )


@transaction.atomic
def restore_revision(*, revision: ArticleRevision, by) -> ArticleRevision:
    """Put an older version back. Restoring is itself a new revision: nothing is lost.

    Raises ValidationError (and changes nothing) when the old version is no
    longer valid as it stands, e.g. its slug now belongs to another article or
    it has no alt text for the image the article now has."""
    article = Article.objects.select_for_update().get(pk=revision.article_id)
    _check(can_edit(by, article))
    data = revision.data
    for field in REVISION_FIELDS:
        if field in data:
            setattr(article, field, data[field])
    for field in REVISION_TIMES:
        if field in data:
            setattr(article, field, parse_datetime(data[field]) if data[field] else None)
    # The same validation as the form: a database error would be a 500.
    article.full_clean(exclude=["search_vector"])
    article.version += 1
    article.save()
    article.tags.set(data.get("tags", []))
    article.bylines.all().delete()
    # An author deleted since then drops out of the byline.
    existing = set(
        Author.objects.filter(pk__in=data.get("authors", [])).values_list("pk", flat=True)
    )
    Byline.objects.bulk_create(
        Byline(article=article, author_id=author_id, position=position)
        for position, author_id in enumerate(a for a in data.get("authors", []) if a in existing)
    )
    stamp = timezone.localtime(revision.created_at).strftime("%Y-%m-%d %H:%M")
    return save_revision(article=article, by=by, note=f"Restored the revision of {stamp}")
