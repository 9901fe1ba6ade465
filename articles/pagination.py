"""Pages of long lists that stay fast however long the archive grows (issue 9).

Two costs grow with an archive paged by ``OFFSET``: counting it to print
"page N of M", and fetching the whole rows that a deep page skips. Archives
here are therefore not counted (a page knows only whether another follows),
and every page is fetched as a "deferred join": the page's keys are found in
an index alone (PostgreSQL walks the partial index of published articles
without touching the table), then only those rows are read.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window
from django.http import Http404

from newsroom.http import bounded_int

# Past this a page number is no page anyone linked to (and would not fit the
# database's integers).
MAX_PAGE_DIGITS = 7


def requested_page(value: str | None) -> int:
    """``?page=`` as a number from 1; anything else is a page that does not exist."""
    number = bounded_int(value or "1", high=10**MAX_PAGE_DIGITS - 1)
    if number is None:
        raise Http404
    return number


def page_of(queryset, offset: int, limit: int):
    """Rows ``offset`` to ``offset + limit`` of an ordered queryset, found by
    key first: skipped rows cost an index entry each, not a table row."""
    keys = queryset.values("pk")[offset : offset + limit]
    return queryset.filter(pk__in=keys)


class DeferredJoinPaginator(Paginator):
    """Django's paginator (it counts), reading each page by key (``page_of``).
    For lists that must print their size: search results and sitemaps."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(page_of(self.object_list, bottom, top - bottom), number, self)


class UncountedPage:
    """A page of an archive that is never counted: it knows its number and
    whether pages come before and after it (one more row is read to tell)."""

    paginator = None

    def __init__(self, object_list, number: int, has_next: bool):
        self.object_list = object_list
        self.number = number
        self._has_next = has_next

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_next(self):
        return self._has_next

    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.has_next() or self.has_previous()

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1


def uncounted_page(queryset, number: int, per_page: int) -> UncountedPage:
    """Page ``number`` (from 1) of an ordered queryset, without counting it."""
    rows = list(page_of(queryset, (number - 1) * per_page, per_page + 1))
    return UncountedPage(rows[:per_page], number, has_next=len(rows) > per_page)


def counted_page(queryset, number: int, per_page: int) -> tuple[Paginator, Page]:
    """Page ``number`` of a bounded list (search results) with the list's size,
    in one query: the size rides along on every row (``COUNT(*) OVER ()``), so
    the list's rows are found once, not once to count and again to page."""
    offset = (number - 1) * per_page
    rows = list(queryset.annotate(list_size=Window(Count("pk")))[offset : offset + per_page])
    if number > 1 and not rows:
        raise Http404
    paginator = Paginator(range(rows[0].list_size if rows else 0), per_page)
    return paginator, Page(rows, number, paginator)
