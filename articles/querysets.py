"""The one definition of "what readers may see", and the lists built on it."""

import unicodedata

from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection, models
from django.db.models import (
    Case,
    Count,
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat
from django.utils import timezone
from django.utils.translation import get_language, get_supported_language_variant

from .snippets import MARK_END, MARK_START, SNIPPET_WORDS, search_terms

# The text search configuration of each article language; must match the
# database's articles_search_config() that the search trigger uses (migration
# 0017). Azerbaijani has no stemmer: newsroom_az folds its letters (ş, ğ, ı, ...)
# with unaccent and keeps words whole. Any other language is searched word
# for word ("simple") until it gets its own.
SEARCH_CONFIGS = {"en": "english", "ru": "russian", "az": "newsroom_az"}
_SCHWA_TO_E = str.maketrans("əƏ", "eE")
# Search ranks the newest this many matches (a common word matches a good part
# of the archive, and ranking reads each match's whole search vector); the
# results page then says it shows the newest.
SEARCH_CANDIDATES = 1000
# Related stories are chosen among this many of the newest that share the
# article's section or a tag.
RELATED_CANDIDATES = 200
# Columns no article card prints, kilobytes a row: lists leave them in the table.
NOT_ON_CARDS = ("body", "search_vector")


class SectionQuerySet(models.QuerySet):
    def in_navigation(self):
        return self.only("name", "slug", "translations").order_by("order", "name")


def normalise_query(query: str) -> str:
    """A reader's search words: control characters dropped (PostgreSQL refuses
    NUL in text), white space folded, at most 200 characters."""
    printable = "".join(c for c in query if c.isspace() or unicodedata.category(c) != "Cc")
    return " ".join(printable.split())[:200]


def search_config(language: str) -> str:
    """The PostgreSQL text search configuration for articles in ``language``."""
    return SEARCH_CONFIGS.get(language, "simple")


def fold_search_text(language: str, text: str) -> str:
    """What the search trigger does to a text before parsing it (migration
    0017, articles_search_text()): PostgreSQL's unaccent has no rule for the
    Azerbaijani schwa, so ə is folded to e on both sides of the match."""
    if language == "az":
        return text.translate(_SCHWA_TO_E)
    return text


def page_language(language: str | None = None) -> str:
    """The language of a list or a search: the one asked for, else the language of the
    request (``en-gb`` reads as ``en``), else the site's."""
    if language:
        return language
    try:
        return get_supported_language_variant(get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


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

    def in_language(self, language: str | None = None):
        """The stories in one language: the page's (the active one) by default.
        Every public list is of one language."""
        return self.filter(language=page_language(language))

    def versions_of(self, article):
        """The article's published versions in every language, itself included."""
        return self.published().filter(translation_key=article.translation_key)

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

    def _with_bylines(self):
        byline = self.model._meta.get_field("bylines").related_model
        return self.select_related("section").prefetch_related(
            Prefetch("bylines", queryset=byline.objects.select_related("author"))
        )

    def for_cards(self):
        """Everything a list of article cards prints, in a fixed number of
        queries, and nothing it does not (``NOT_ON_CARDS``)."""
        return self._with_bylines().defer(*NOT_ON_CARDS)

    def for_page(self):
        return self._with_bylines().defer("search_vector").prefetch_related("tags")

    def latest_per_section(self, per_section: int):
        """The newest ``per_section`` articles of every section, in one query
        that reads a few index entries per section however big the archive:
        the n-th newest of each section is a scalar subquery (``OFFSET n
        LIMIT 1`` on the section's index), and the n-th picks of all sections
        are joined with UNION ALL. (A window function over the articles would
        number every article in the archive.)"""
        section = self.model._meta.get_field("section").related_model
        newest = self.filter(section=OuterRef("pk")).order_by("-published_at", "-pk").values("pk")
        picks = [
            section.objects.annotate(pick=Subquery(newest[n : n + 1])).values("pick")
            for n in range(per_section)
        ]
        return self.filter(pk__in=picks[0].union(*picks[1:], all=True)).order_by(
            "section__order", "section__name", "-published_at", "-pk"
        )

    def related_to(self, article, limit: int = 4):
        """Articles sharing the most tags with ``article``, then its section's
        newest, among the ``RELATED_CANDIDATES`` newest stories that share its
        section or a tag: counting shared tags over the whole archive would
        read every tagged story (issue 9)."""
        tag_ids = [tag.pk for tag in article.tags.all()]
        tagged = self.model.tags.through.objects.filter(
            tag_id__in=tag_ids,
            content_type__app_label=self.model._meta.app_label,
            content_type__model=self.model._meta.model_name,
        )
        candidates = (
            self.exclude(pk=article.pk)
            .filter(Q(section_id=article.section_id) | Q(pk__in=tagged.values("object_id")))
            .order_by("-published_at", "-pk")
            .values("pk")[:RELATED_CANDIDATES]
        )
        # Counted per candidate by key (taggit's index on the object), not by
        # joining every tagging in the archive.
        shared = tagged.filter(object_id=OuterRef("pk")).values("object_id")
        return (
            self.filter(pk__in=candidates)
            .annotate(shared_tags=Subquery(shared.annotate(n=Count("pk")).values("n")))
            .order_by(F("shared_tags").desc(nulls_last=True), "-published_at", "-pk")[:limit]
        )

    def search(self, query: str, language: str | None = None):
        """The articles in ``language`` (by default the reader's) that match
        ``query``, parsed with that language's rules (``search_config``), each
        with what its snippet is made from (articles/snippets.py): on
        PostgreSQL the snippet itself, ``ts_headline`` in the same rules."""
        query = normalise_query(query)
        if not query:
            return self.none()
        language = page_language(language)
        if connection.vendor == "postgresql":
            return self._search_postgres(query, language)
        return self._search_fallback(query, language)

    def _search_postgres(self, query: str, language: str):
        """Matches through the GIN index; of those, the ``SEARCH_CANDIDATES``
        newest are ranked: headline matches first, then by rank. A headline
        match is read from the stored vector (the headline's words carry
        weight A, migration 0002) rather than by parsing every headline again."""
        search_query = SearchQuery(
            fold_search_text(language, query),
            search_type="websearch",
            config=search_config(language),
        )
        # NULLS LAST (no published article lacks a time) so that no index
        # matches the order: PostgreSQL then finds the matches with the GIN
        # index and sorts them, instead of walking the archive newest first
        # and testing every article's vector until enough match.
        candidates = (
            self.filter(language=language, search_vector=search_query)
            .order_by(F("published_at").desc(nulls_last=True), "-pk")
            .values("pk")[:SEARCH_CANDIDATES]
        )
        headline_words = Func(
            F("search_vector"),
            template="ts_filter(%(expressions)s, '{a}')",
            output_field=SearchVectorField(),
        )
        return (
            self.filter(pk__in=candidates)
            .annotate(
                rank=SearchRank(F("search_vector"), search_query),
                headline_vector=headline_words,
            )
            .annotate(
                headline_hit=Case(
                    When(headline_vector=search_query, then=Value(1)),
                    default=Value(0),
                ),
                # The reader's words unfolded: the snippet's text keeps its ə
                # (fold_search_text), so an Azerbaijani word typed with it is
                # marked; ş, ğ, ı... are folded by the configuration itself.
                snippet_text=_headline(
                    SearchQuery(query, search_type="websearch", config=search_config(language)),
                    search_config(language),
                ),
            )
            .order_by("-headline_hit", "-rank", "-published_at", "-pk")
        )

    def _search_fallback(self, query: str, language: str):
        """SQLite: every term must appear somewhere; headline matches first."""
        terms = search_terms(query)
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
        candidates = (
            self.filter(anywhere, language=language).order_by("-published_at", "-pk").values("pk")
        )
        return (
            self.filter(pk__in=candidates[:SEARCH_CANDIDATES])
            .annotate(
                headline_hit=Case(When(in_headline, then=Value(1)), default=Value(0)),
                # Cards leave the body in the table; the snippet is cut from it.
                snippet_body=F("body"),
            )
            .order_by("-headline_hit", "-published_at", "-pk")
        )


def _headline(search_query, config: str):
    """``ts_headline`` over the standfirst and the body's text (markup stripped
    as the search trigger does, and our mark characters removed so that only
    PostgreSQL's marks are marks), in the text search ``config``. Costly (it
    parses the whole text), PostgreSQL computes it after the sort and the
    limit: for the page's rows only (test_search_postgres.py checks the plan)."""
    body_text = Func(
        Coalesce("body", Value("")),
        Value("<[^>]*>"),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )
    text = Func(
        Concat("standfirst", Value(" "), body_text, output_field=TextField()),
        Value(MARK_START + MARK_END),
        Value(""),
        function="translate",
        output_field=TextField(),
    )
    return SearchHeadline(
        text,
        search_query,
        config=config,
        start_sel=MARK_START,
        stop_sel=MARK_END,
        # Two passages of up to half the words each: about as long as SQLite's.
        max_words=SNIPPET_WORDS // 2,
        min_words=SNIPPET_WORDS // 4,
        short_word=2,
        max_fragments=2,
        fragment_delimiter=" … ",
    )
