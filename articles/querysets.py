"""The one definition of "what readers may see", and the lists built on it."""

import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, models
from django.db.models import Case, F, Prefetch, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

# Text search configuration; must match the trigger in migration 0002.
SEARCH_CONFIG = "english"
MAX_SEARCH_TERMS = 8


class SectionQuerySet(models.QuerySet):
    def in_navigation(self):
        return self.only("name", "slug").order_by("order", "name")


def normalise_query(query: str) -> str:
    """A reader's search words: control characters dropped (PostgreSQL refuses
    NUL in text), white space folded, at most 200 characters."""
    printable = "".join(c for c in query if c.isspace() or unicodedata.category(c) != "Cc")
    return " ".join(printable.split())[:200]


class ArticleQuerySet(models.QuerySet):
    # The states are the model's own choices (``Article.Status``), reached through
    # ``self.model`` so that this module needs no import of the models module.

    def published(self):
        """Published, due and not expired. A scheduled article needs no job to
        appear, nor an embargoed one to withdraw itself: the comparison with the
        current time is made on every query."""
        now = timezone.now()
        return self.filter(status=self.model.Status.PUBLISHED, published_at__lte=now).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )

    def scheduled(self):
        """Published with a time still to come: readers cannot see it yet."""
        return self.filter(status=self.model.Status.PUBLISHED, published_at__gt=timezone.now())

    def withdrawn(self):
        """Unpublished, or past its "unpublish at" time: its address answers 410 Gone."""
        Status = self.model.Status
        return self.filter(
            Q(status=Status.UNPUBLISHED)
            | Q(status=Status.PUBLISHED, expires_at__lte=timezone.now())
        )

    def owned_by(self, user):
        """The articles a person started or is named in the byline of."""
        return self.filter(Q(created_by=user) | Q(bylines__author__user=user)).distinct()

    def for_cards(self):
        """Everything a list of article cards prints, in a fixed number of queries."""
        byline = self.model._meta.get_field("bylines").related_model
        return self.select_related("section").prefetch_related(
            Prefetch("bylines", queryset=byline.objects.select_related("author"))
        )

    def for_page(self):
        return self.for_cards().prefetch_related("tags")

    def latest_per_section(self, per_section: int):
        """The newest articles of every section in one query (a window function)."""
        return (
            self.annotate(
                section_rank=Window(
                    RowNumber(),
                    partition_by=F("section_id"),
                    order_by=[F("published_at").desc(), F("pk").desc()],
                )
            )
            .filter(section_rank__lte=per_section)
            .order_by("section__order", "section__name", "section_rank")
        )

    def related_to(self, article, limit: int = 4):
        """Articles sharing the most tags with ``article``, then its section's newest."""
        tag_ids = [tag.pk for tag in article.tags.all()]
        shared = models.Count("tags", filter=Q(tags__id__in=tag_ids))
        return (
            self.exclude(pk=article.pk)
            .filter(Q(section_id=article.section_id) | Q(tags__id__in=tag_ids))
            .annotate(shared_tags=shared)
            .order_by("-shared_tags", "-published_at")[:limit]
        )

    def search(self, query: str):
        query = normalise_query(query)
        if not query:
            return self.none()
        if connection.vendor == "postgresql":
            return self._search_postgres(query)
        return self._search_fallback(query)

    def _search_postgres(self, query: str):
        search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        return (
            self.filter(search_vector=search_query)
            .annotate(
                rank=SearchRank(F("search_vector"), search_query),
                headline_vector=SearchVector("headline", config=SEARCH_CONFIG),
            )
            .annotate(
                headline_hit=Case(
                    When(headline_vector=search_query, then=Value(1)),
                    default=Value(0),
                )
            )
            .order_by("-headline_hit", "-rank", "-published_at")
        )

    def _search_fallback(self, query: str):
        """SQLite: every term must appear somewhere; headline matches first."""
        terms = [term.strip("\"'") for term in query.split()][:MAX_SEARCH_TERMS]
        terms = [term for term in terms if term]
        if not terms:
            return self.none()
        anywhere, in_headline = Q(), Q()
        for term in terms:
            anywhere &= (
                Q(headline__icontains=term)
                | Q(standfirst__icontains=term)
                | Q(body__icontains=term)
            )
            in_headline &= Q(headline__icontains=term)
        return (
            self.filter(anywhere)
            .annotate(headline_hit=Case(When(in_headline, then=Value(1)), default=Value(0)))
            .order_by("-headline_hit", "-published_at")
        )
