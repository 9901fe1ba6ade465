"""The discussion's part in the shared page cache (newsroom/page_cache.py).

An approved comment shows on its article's page and in the comment count of
the article's cards: it changes what ``article:<id>`` names. A pending comment
shows on no shared page (only on its author's own, which is never stored), so
a flood of new comments re-renders nothing until a moderator approves them.
"""

from datetime import timedelta

from django.utils import timezone

from articles import cache_tags
from articles.models import Article
from newsroom import page_cache

from .models import DiscussionSettings

# More articles than this changed at once (a bulk load): every page instead.
_MANY = 100


def comments_changed(article_ids) -> None:
    ids = list(article_ids[: _MANY + 1] if hasattr(article_ids, "query") else article_ids)
    if len(ids) > _MANY:
        page_cache.clear()
    else:
        page_cache.invalidate(*map(cache_tags.article, ids))


def next_closing(now=None):
    """When the comment form of the oldest still-open article goes: its page
    must not be served with the form after that (see DiscussionSettings)."""
    days = (
        DiscussionSettings.objects.filter(pk=1).values_list("close_after_days", flat=True).first()
    )
    if days is None:
        days = DiscussionSettings._meta.get_field("close_after_days").default
    if not days:
        return None
    now = now or timezone.now()
    oldest_open = (
        Article.objects.published()
        .filter(comments_enabled=True, published_at__gt=now - timedelta(days=days))
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return oldest_open + timedelta(days=days) if oldest_open else None
