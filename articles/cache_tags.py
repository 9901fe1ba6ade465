"""Which stored pages a change makes out of date (newsroom/page_cache.py).

Pages declare what they show as cache tags; changes invalidate the tags they
touch. The tags of the articles app:

* ``article:<id>``: the article's page and every card of it elsewhere (its
  headline, byline, picture and comment count), so that a comment approved on
  one story re-renders that story and the lists that show it, nothing else;
* ``section:<id>``, ``tag:<id>``, ``author:<id>``: the archive pages of each,
  and article pages whose "related" list is drawn from that section or tag;
* ``story:<key>``: the pages of every version of one story, which link each
  other, so that a translation's publication shows on the others;
* ``archive``: the lists of the whole archive, home, feeds, sitemaps, search.

A renamed section, author or tag shows on pages of every kind: it invalidates
everything ("site"), which is rare enough to be cheap.
"""

from functools import wraps

from django.utils import timezone

from newsroom import page_cache

from .models import Article

ARCHIVE = "archive"


def article(pk) -> str:
    return f"article:{pk}"


def section(pk) -> str:
    return f"section:{pk}"


def tag(pk) -> str:
    return f"tag:{pk}"


def author(pk) -> str:
    return f"author:{pk}"


def story(key) -> str:
    """All versions of one story: each page links the others (hreflang)."""
    return f"story:{key}"


def shows_cards(request, articles) -> None:
    page_cache.depends_on(request, *(article(item.pk) for item in articles))


def shows_archive(request, articles=()) -> None:
    page_cache.depends_on(request, ARCHIVE)
    shows_cards(request, articles)


def lists_archive(view):
    """Decorates a view whose response lists the archive (feeds, sitemaps)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        shows_archive(request)
        return view(request, *args, **kwargs)

    return wrapper


def shows_article(request, item, related) -> None:
    """The article page: the story, its corrections and comments, and the
    related stories drawn from its section and tags."""
    page_cache.depends_on(
        request,
        article(item.pk),
        story(item.translation_key),
        section(item.section_id),
        *(tag(each.pk) for each in item.tags.all()),
    )
    shows_cards(request, related)


def article_changed(item, *, sections=(), tag_ids=(), author_ids=()) -> None:
    """A published article (or one that was) changed: its page, every list
    that may hold it, and the related lists of its section's and tags' stories."""
    page_cache.invalidate(
        article(item.pk),
        story(item.translation_key),
        ARCHIVE,
        *(section(pk) for pk in {item.section_id, *sections} if pk),
        *(tag(pk) for pk in tag_ids),
        *(author(pk) for pk in author_ids),
    )


def next_scheduled_change(now=None):
    """The next scheduled publication or expiry: stored pages do not outlive it,
    so that a scheduled story appears (and an embargoed one goes) without a job.
    Two lookups of one index entry each, whatever the size of the archive."""
    now = now or timezone.now()
    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    publication = (
        published.filter(published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    expiry = (
        published.filter(expires_at__gt=now)
        .order_by("expires_at")
        .values_list("expires_at", flat=True)
        .first()
    )
    return page_cache.next_moment(publication, expiry)
