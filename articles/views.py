import uuid

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from newsroom import page_cache
from newsroom.http import personal

from . import cache_tags, querysets, snippets
from .models import Article, Author, Byline, PreviewLink, Section, SlugRedirect
from .pagination import counted_page, requested_page, uncounted_page
from .querysets import NOT_ON_CARDS, normalise_query

HOME_FEATURED = 4
HOME_LATEST = 8
HOME_PER_SECTION = 3
RELATED_ARTICLES = 4


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        published = (
            Article.objects.published().in_language().select_related("section").defer(*NOT_ON_CARDS)
        )
        featured = list(
            published.filter(is_featured=True).order_by("-priority", "-published_at")[
                :HOME_FEATURED
            ]
        )
        shown = [article.pk for article in featured]
        latest = list(published.exclude(pk__in=shown)[:HOME_LATEST])
        by_section = list(published.exclude(pk__in=shown).latest_per_section(HOME_PER_SECTION))
        # One prefetch for the three lists: bylines are fetched once per page.
        prefetch_related_objects(
            featured + latest + by_section,
            Prefetch("bylines", queryset=Byline.objects.select_related("author")),
        )
        cache_tags.shows_archive(self.request, featured + latest + by_section)
        blocks: dict[Section, list[Article]] = {}
        for article in by_section:
            blocks.setdefault(article.section, []).append(article)
        return super().get_context_data(
            featured=featured,
            lead=featured[0] if featured else None,
            featured_rest=featured[1:],
            latest=latest,
            section_blocks=list(blocks.items()),
            **kwargs,
        )


class PaginatedByArticlesPerPage:
    """Read at each request, not at import, so the setting is honoured however set."""

    def get_paginate_by(self, queryset):
        return settings.ARTICLES_PER_PAGE


class ArchiveView(PaginatedByArticlesPerPage, ListView):
    """Base of the section, tag and author pages: a paginated list of cards."""

    template_name = "articles/archive.html"
    context_object_name = "articles"
    subject_model: type
    # The Article lookup that selects the subject's articles.
    subject_lookup: str
    # The cache tag of the subject's pages (articles/cache_tags.py).
    subject_tag = None

    def get(self, request, *args, **kwargs):
        self.subject = get_object_or_404(self.get_subjects(), slug=self.kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_subjects(self):
        return self.subject_model._default_manager.all()

    def get_queryset(self):
        return (
            Article.objects.published()
            .in_language()
            .for_cards()
            .filter(**{self.subject_lookup: self.subject})
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page_cache.depends_on(self.request, self.subject_tag(self.subject.pk))
        cache_tags.shows_cards(self.request, context["object_list"])
        return context

    def paginate_queryset(self, queryset, page_size):
        """Newer and older pages, never counted: a count of a section would
        read every entry of its index on every page (articles/pagination.py)."""
        page = uncounted_page(queryset, requested_page(self.request.GET.get("page")), page_size)
        if page.number > 1 and not page.object_list:
            raise Http404
        return (None, page, page.object_list, page.has_other_pages())


class SectionView(ArchiveView):
    subject_model = Section
    subject_lookup = "section"
    subject_tag = staticmethod(cache_tags.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            section=self.subject,
            current_section_slug=self.subject.slug,
            heading=self.subject.local_name,
            intro=self.subject.local_description,
            feed_url=reverse("section_feed", kwargs={"slug": self.subject.slug}),
            **kwargs,
        )


class TagView(ArchiveView):
    subject_model = Tag
    subject_lookup = "tags"
    subject_tag = staticmethod(cache_tags.tag)

    def get_subjects(self):
        # The editors' description comes with the tag, in the same query.
        return Tag.objects.select_related("description")

    def paginate_queryset(self, queryset, page_size):
        # A tag used only on unpublished stories must not reveal what they are
        # about.
        paginated = super().paginate_queryset(queryset, page_size)
        if not paginated[2]:
            raise Http404
        return paginated

    def get_context_data(self, **kwargs):
        description = getattr(self.subject, "description", None)
        return super().get_context_data(
            tag=self.subject,
            kicker=_("Tag"),
            heading=self.subject.name,
            # A tag is a word of one language: its page has no versions in others.
            page_versions={get_language(): self.request.path},
            intro=description.text if description else "",
            **kwargs,
        )


class AuthorView(ArchiveView):
    template_name = "articles/author.html"
    subject_model = Author
    subject_lookup = "bylines__author"
    subject_tag = staticmethod(cache_tags.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            author=self.subject,
            heading=self.subject.display_name,
            # Their stories in another language are another list, perhaps empty:
            # the switcher leads to that language's home page instead.
            page_versions={get_language(): self.request.path},
            **kwargs,
        )


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().for_page()

    def get(self, request, *args, **kwargs):
        slug = self.kwargs["slug"]
        self.object = self.get_queryset().filter(slug=slug).first()
        if self.object is None:
            return gone_or_moved(request, slug)
        if request.path != self.object.get_absolute_url():
            # A mistyped or outdated date, or the story asked for under another
            # language's prefix: send readers (and search engines) to the real
            # URL, which a stored copy of this redirect must follow.
            page_cache.depends_on(request, cache_tags.article(self.object.pk))
            return redirect(self.object, permanent=True)
        return render_article(request, self.object)


def gone_or_moved(request, slug):
    """A slug that is not live: 410 if the article was withdrawn, 301 if the
    slug changed, 404 otherwise (drafts and scheduled stories do not exist yet)."""
    article = Article.objects.filter(slug=slug).first()
    if article is not None:
        page_cache.depends_on(request, cache_tags.article(article.pk))
    if article is not None and article.is_withdrawn:
        return render(request, "articles/gone.html", gone(article), status=410)
    moved = SlugRedirect.objects.select_related("article").filter(old_slug=slug).first()
    if moved is not None:
        page_cache.depends_on(request, cache_tags.article(moved.article_id))
    if moved is not None and moved.article.is_live:
        return redirect(moved.article, permanent=True)
    if moved is not None and moved.article.is_withdrawn:
        return render(request, "articles/gone.html", gone(moved.article), status=410)
    raise Http404


def gone(article) -> dict:
    # A withdrawn story's address has no version in another language: the
    # switcher leads to each language's home page.
    return {"article": article, "page_versions": {}}


def preview(request, token):
    """A draft shown to someone without an account, through an expiring link."""
    link = (
        PreviewLink.objects.select_related("article")
        .filter(token=token if _is_uuid(token) else None)
        .first()
    )
    # A withdrawn article (perhaps for legal reasons) is not shown through old links either.
    if link is None or not link.is_active or link.article.is_withdrawn:
        response = render(
            request, "articles/preview_expired.html", {"page_versions": {}}, status=410
        )
    else:
        response = render_article(request, link.article, preview=True)
    return personal(response)


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def render_article(request, article, *, extra_context=None, status=200, preview=False):
    """The article page. Apps whose template tags add to it re-render it with
    ``extra_context`` (a form with errors, say)."""
    related = list(
        Article.objects.published()
        .in_language(article.language)
        .for_cards()
        .related_to(article, limit=RELATED_ARTICLES)
    )
    versions = {
        version.language: version.get_absolute_url()
        for version in Article.objects.versions_of(article).only(
            "language", "slug", "published_at", "created_at"
        )
    }
    cache_tags.shows_article(request, article, related)
    context = {
        "article": article,
        "related": related,
        # A preview is of an unpublished story: it is its only version.
        "page_versions": versions if not preview else {},
        "current_section_slug": article.section.slug,
        "corrections": list(article.corrections.all()),
        "is_preview": preview,
        **(extra_context or {}),
    }
    if preview:
        # In the story's language, whatever the address or the editor's: a
        # preview shows what its readers will get.
        with translation.override(article.language):
            return render(request, "articles/article_detail.html", context, status=status)
    return render(request, "articles/article_detail.html", context, status=status)


class SearchView(PaginatedByArticlesPerPage, ListView):
    template_name = "articles/search.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.query = normalise_query(self.request.GET.get("q", ""))
        if not self.query:
            return Article.objects.none()
        return Article.objects.published().for_cards().search(self.query)

    def paginate_queryset(self, queryset, page_size):
        if not self.query:
            return super().paginate_queryset(queryset, page_size)
        number = requested_page(self.request.GET.get("page"))
        paginator, page = counted_page(queryset, number, page_size)
        return (paginator, page, page.object_list, page.has_other_pages())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(query=self.query, **kwargs)
        cache_tags.shows_archive(self.request, context["object_list"])
        snippets.attach_snippets(context["object_list"], self.query)
        context["newest_only"] = bool(self.query) and context["paginator"].count >= (
            querysets.SEARCH_CANDIDATES
        )
        return context
