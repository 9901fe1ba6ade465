"""Readable differences between two revisions of an article."""

import difflib
import re
from html import unescape

from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from .models import ArticleRevision

BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|figcaption|tr)>|<br\s*/?>", re.IGNORECASE)


def body_lines(html: str) -> list[str]:
    """One line per paragraph, heading or list item, as readers see the text."""
    lines = (" ".join(unescape(strip_tags(part)).split()) for part in BLOCK_END.split(html or ""))
    return [line for line in lines if line]


def compare(older: ArticleRevision, newer: ArticleRevision) -> list[dict]:
    """A side-by-side diff for headline, standfirst and body, and a list of
    the other fields that changed."""
    differ = difflib.HtmlDiff()
    sections = []
    for field, label, to_lines in [
        ("headline", "Headline", lambda v: [v or ""]),
        ("dek", "Standfirst", lambda v: [v or ""]),
        ("body", "Body", body_lines),
    ]:
        before, after = to_lines(older.data.get(field)), to_lines(newer.data.get(field))
        sections.append(
            {
                "label": label,
                "changed": before != after,
                # HtmlDiff escapes the text it shows.
                "table": mark_safe(differ.make_table(before, after, context=True, numlines=2)),
            }
        )
    others = sorted(
        key
        for key in set(older.data) | set(newer.data)
        if key not in ("headline", "dek", "body") and older.data.get(key) != newer.data.get(key)
    )
    return [*sections, {"label": "Other fields changed", "others": others}]
