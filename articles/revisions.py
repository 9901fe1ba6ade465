"""Revisions of an article: the snapshot taken on every save, putting an older
one back, and readable differences between two of them."""

import difflib
import re
from datetime import datetime
from html import unescape

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import DateTimeField
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Article, ArticleRevision, Author, Byline, Section
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
# Compared word by word, in this order; every other field that changed is listed
# with its value before and after.
COMPARED = ["headline", "standfirst", "body"]
# The order fields are named in a revision's summary and in the list of others.
FIELD_ORDER = list(
    dict.fromkeys([*COMPARED, *REVISION_FIELDS, "tags", "authors", *REVISION_TIMES, *RECORDED_ONLY])
)
# Stands for a paragraph break among the body's words; contains no space, so no
# word of the text can be equal to it.
PARAGRAPH = "\n"
# Unchanged paragraphs this far from a change stay in view; the rest fold away.
CONTEXT_PARAGRAPHS = 1


def field_label(key: str) -> str:
    """The field's name as the change form shows it ("First published", not
    "published_at"); the snapshot keeps a foreign key under its column name."""
    return str(capfirst(Article._meta.get_field(key.removesuffix("_id")).verbose_name))


def body_lines(html: str) -> list[str]:
    """One line per paragraph, heading or list item, as readers see the text."""
    lines = (" ".join(unescape(strip_tags(part)).split()) for part in BLOCK_END.split(html or ""))
    return [line for line in lines if line]


def _words(field: str, value) -> list[str]:
    """The text as readers see it, as words; the body's paragraphs are kept apart
    by PARAGRAPH so a diff can show them as paragraphs again."""
    if field != "body":
        return str(value or "").split()
    words = []
    for line in body_lines(value):
        if words:
            words.append(PARAGRAPH)
        words.extend(line.split())
    return words


def _opcodes(before: list[str], after: list[str]):
    # autojunk would treat common words ("the", "a") in a long body as noise and
    # mark whole sentences as changed around them.
    return difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()


def _segments(before: list[str], after: list[str]) -> list[tuple[bool, list[str], list[str]]]:
    """The diff as (changed, removed, added) runs. A word or two left standing
    between larger changes ("of", "the") is folded into them: "<del>old
    sentence</del> <ins>new one</ins>" reads better than a sentence chopped into
    alternating fragments."""
    runs = [
        (tag != "equal", before[i1:i2], after[j1:j2])
        for tag, i1, i2, j1, j2 in _opcodes(before, after)
    ]

    def size(run):
        changed, removed, added = run
        return max(len(removed), len(added)) if changed else 0

    merged: list[tuple[bool, list[str], list[str]]] = []
    for index, (changed, removed, added) in enumerate(runs):
        # The opcodes alternate, so an unchanged run inside the list has a change on either side.
        if (
            not changed
            and 0 < index < len(runs) - 1
            and PARAGRAPH not in removed
            and len(removed) * 2 <= max(size(merged[-1]), size(runs[index + 1]))
        ):
            changed = True
        if changed and merged and merged[-1][0]:
            _changed, previous_removed, previous_added = merged.pop()
            removed, added = previous_removed + removed, previous_added + added
        merged.append((changed, removed, added))
    return merged


def _paragraphs(before: list[str], after: list[str]) -> list[tuple[bool, list[tuple[str, str]]]]:
    """The merged text as paragraphs of (kind, word) runs, kind being "", "del"
    or "ins"; each paragraph says whether it holds a change."""
    paragraphs: list[list[tuple[str, str]]] = [[]]
    for changed, removed, added in _segments(before, after):
        runs = [("del", removed), ("ins", added)] if changed else [("", removed)]
        for kind, words in runs:
            for word in words:
                if word == PARAGRAPH:
                    paragraphs.append([])
                else:
                    paragraphs[-1].append((kind, word))
    return [(any(kind for kind, _word in p), p) for p in paragraphs if p]


def _render_paragraph(words: list[tuple[str, str]]) -> str:
    """Runs of the same kind in one element, words escaped: the text is the
    reader's text with the tags stripped, never markup of its own."""
    parts, run_kind, run = [], None, []

    def flush():
        if run:
            text = escape(" ".join(run))
            parts.append(f"<{run_kind}>{text}</{run_kind}>" if run_kind else text)

    for kind, word in words:
        if kind != run_kind:
            flush()
            run_kind, run = kind, []
        run.append(word)
    flush()
    return " ".join(parts)


def word_diff(field: str, before, after) -> str:
    """The newer text with removed words in <del> and added ones in <ins>, one
    <p> per paragraph; long unchanged stretches of the body fold into a note."""
    paragraphs = _paragraphs(_words(field, before), _words(field, after))
    changed = [index for index, (has_change, _p) in enumerate(paragraphs) if has_change]
    html, folded = [], 0

    def fold():
        if folded:
            note = ngettext(
                "%(count)d unchanged paragraph", "%(count)d unchanged paragraphs", folded
            ) % {"count": folded}
            html.append(f'<p class="diff-fold">… {escape(note)} …</p>')

    for index, (_has_change, words) in enumerate(paragraphs):
        if any(abs(index - near) <= CONTEXT_PARAGRAPHS for near in changed):
            fold()
            folded = 0
            html.append(f"<p>{_render_paragraph(words)}</p>")
        else:
            folded += 1
    fold()
    return mark_safe("".join(html))


def word_counts(field: str, before, after) -> tuple[int, int]:
    """How many words were added and removed."""
    old, new = _words(field, before), _words(field, after)
    added = removed = 0
    for tag, i1, i2, j1, j2 in _opcodes(old, new):
        if tag != "equal":
            removed += sum(word != PARAGRAPH for word in old[i1:i2])
            added += sum(word != PARAGRAPH for word in new[j1:j2])
    return added, removed


def _same(field: str, before, after) -> bool:
    # The body counts as unchanged when only its markup moved (a reader sees the same text).
    if field == "body":
        return body_lines(before) == body_lines(after)
    return before == after


def changed_fields(older: dict, newer: dict) -> list[str]:
    keys = set(older) | set(newer)
    ordered = [key for key in FIELD_ORDER if key in keys]
    ordered += sorted(keys - set(FIELD_ORDER))
    return [key for key in ordered if not _same(key, older.get(key), newer.get(key))]


class _Values:
    """Shows a recorded value as the change form would: the section's and
    authors' names, a status's label, a local time. Looks the names up once."""

    def __init__(self, *snapshots: dict):
        self.sections = dict(
            Section.objects.filter(pk__in={s.get("section_id") for s in snapshots}).values_list(
                "pk", "name"
            )
        )
        author_ids = {pk for s in snapshots for pk in s.get("authors", [])}
        self.authors = dict(
            Author.objects.filter(pk__in=author_ids).values_list("pk", "display_name")
        )

    def show(self, key: str, value) -> str:
        if value in (None, "", []):
            return "—"
        if key == "section_id":
            return self.sections.get(value, _("(deleted section)"))
        if key == "authors":
            return ", ".join(self.authors.get(pk, _("(deleted author)")) for pk in value)
        if key == "tags":
            return ", ".join(value)
        if key == "status":
            return dict(Article.Status.choices).get(value, value)
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if isinstance(Article._meta.get_field(key), DateTimeField):
            moment = parse_datetime(value)
            if moment is not None:
                return date_format(timezone.localtime(moment), "DATETIME_FORMAT")
        return str(value)


def compare(older: ArticleRevision, newer: ArticleRevision) -> dict:
    """What changed from ``older`` to ``newer``: headline, standfirst and body
    word by word, and every other changed field with its value before and after."""
    before, after = older.data, newer.data
    changed = changed_fields(before, after)
    texts = [
        {
            "field": field,
            "label": field_label(field),
            "changed": field in changed,
            "diff": word_diff(field, before.get(field), after.get(field))
            if field in changed
            else "",
        }
        for field in COMPARED
    ]
    values = _Values(before, after)
    others = [
        {
            "field": key,
            "label": field_label(key),
            "before": values.show(key, before.get(key)),
            "after": values.show(key, after.get(key)),
        }
        for key in changed
        if key not in COMPARED
    ]
    return {"texts": texts, "others": others}


def summary(older: dict | None, newer: dict) -> str:
    """One line on what a revision changed since the one before it, for the
    list: "Headline, Body (+42 −3 words)"."""
    if older is None:
        return _("Created")
    changed = changed_fields(older, newer)
    if not changed:
        return _("No changes")
    parts = []
    for key in changed:
        label = field_label(key)
        if key == "body":
            added, removed = word_counts(key, older.get(key), newer.get(key))
            counts = " ".join(
                part
                for part in (f"+{added}" if added else "", f"−{removed}" if removed else "")
                if part
            )
            if counts:
                label = _("%(field)s (%(counts)s)") % {
                    "field": label,
                    "counts": ngettext("%(counts)s word", "%(counts)s words", max(added, removed))
                    % {"counts": counts},
                }
        parts.append(label)
    return ", ".join(parts)


def summaries(history: list[ArticleRevision]) -> list[str]:
    """Each revision's summary, for a history listed newest first."""
    if not history:
        return []
    older = [revision.data for revision in history[1:]] + [None]
    return [summary(before, revision.data) for before, revision in zip(older, history, strict=True)]
