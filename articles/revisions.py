"""Revisions of an article: the snapshot taken on every save, putting an older
one back, and readable differences between two of them."""

import difflib
import re
from datetime import datetime
from html import unescape

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .models import Article, ArticleRevision, Author, Byline
from .permissions import can_edit
from .services import save_version

# Restored by restore_revision: the editorial content, and when the desk plans to run it.
REVISION_FIELDS = [
    "headline",
    "slug",
    "standfirst",
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
    if not can_edit(by, article):
        raise PermissionDenied(_("You do not have permission to do that to this article."))
    data = revision.data
    for field in REVISION_FIELDS:
        if field in data:
            setattr(article, field, data[field])
    for field in REVISION_TIMES:
        if field in data:
            setattr(article, field, parse_datetime(data[field]) if data[field] else None)
    # The same validation as the form: a database error would be a 500.
    article.full_clean(exclude=["search_vector"])
    save_version(article=article)
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


# Differences ---------------------------------------------------------------------

BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|figcaption|tr)>|<br\s*/?>", re.IGNORECASE)
# Shown side by side; every other field that changed is listed by name.
COMPARED = [("headline", "Headline"), ("standfirst", "Standfirst"), ("body", "Body")]


def body_lines(html: str) -> list[str]:
    """One line per paragraph, heading or list item, as readers see the text."""
    lines = (" ".join(unescape(strip_tags(part)).split()) for part in BLOCK_END.split(html or ""))
    return [line for line in lines if line]


def compare(older: ArticleRevision, newer: ArticleRevision) -> list[dict]:
    """A side-by-side diff for headline, standfirst and body, and a list of
    the other fields that changed."""
    differ = difflib.HtmlDiff()
    sections = []
    for field, label in COMPARED:
        to_lines = body_lines if field == "body" else (lambda value: [value or ""])
        before, after = to_lines(older.data.get(field)), to_lines(newer.data.get(field))
        sections.append(
            {
                "label": label,
                "changed": before != after,
                # HtmlDiff escapes the text it shows.
                "table": mark_safe(differ.make_table(before, after, context=True, numlines=2)),
            }
        )
    compared = {field for field, _label in COMPARED}
    others = sorted(
        key
        for key in set(older.data) | set(newer.data)
        if key not in compared and older.data.get(key) != newer.data.get(key)
    )
    return [*sections, {"label": "Other fields changed", "others": others}]
