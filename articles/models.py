import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import Tag

from . import images
from .images import ImageRenditionsMixin
from .querysets import ArticleQuerySet, SectionQuerySet
from .sanitize import html_to_text, sanitize_html


class Section(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Position in the site navigation; lower comes first.")
    )
    # The name and description in the other languages: {"ru": {"name": ...,
    # "description": ...}}. ``name`` and ``description`` are in LANGUAGE_CODE.
    # In the row rather than in a table of their own, so that every page's
    # menu and every card's kicker need no further query.
    translations = models.JSONField(_("translations"), default=dict, blank=True)

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})

    def in_language(self, field: str, language: str | None = None) -> str:
        language = language or translation.get_language()
        if language != settings.LANGUAGE_CODE:
            value = (self.translations or {}).get(language, {}).get(field)
            if value:
                return value
        return getattr(self, field)

    @property
    def local_name(self) -> str:
        """The name in the page's language (the main language's if not given)."""
        return self.in_language("name")

    @property
    def local_description(self) -> str:
        return self.in_language("description")


class Author(ImageRenditionsMixin, models.Model):
    image_field = "photo"

    display_name = models.CharField(_("display name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    bio = models.TextField(_("biography"), blank=True)
    photo = images.ResponsiveImageField(_("photo"), upload_to="authors/", blank=True)
    photo_renditions = models.JSONField(default=dict, blank=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author_profile",
    )

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})

    @property
    def initials(self):
        return "".join(part[0] for part in self.display_name.split()[:2]).upper()


def enabled_languages():
    """The languages articles may be written in (settings.LANGUAGES), read when
    a form or check asks, so that migrations do not depend on the setting."""
    return settings.LANGUAGES


def default_language():
    return settings.LANGUAGE_CODE


class Article(ImageRenditionsMixin, models.Model):
    image_field = "lead_image"

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        # A translation started from another version of the story: a draft
        # that the desk knows still has to be translated.
        TRANSLATION = "translation", _("Needs translation")
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")

    language = models.CharField(
        _("language"), max_length=8, choices=enabled_languages, default=default_language
    )
    # The versions of one story in several languages share this key.
    translation_key = models.UUIDField(_("story"), default=uuid.uuid4, editable=False)
    headline = models.CharField(_("headline"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("The last part of the article's address. Keep it short."),
    )
    standfirst = models.TextField(
        _("standfirst"),
        max_length=400,
        blank=True,
        help_text=_("One or two sentences under the headline."),
    )
    body = models.TextField(_("body"), blank=True)
    lead_image = images.ResponsiveImageField(
        _("lead image"), upload_to="articles/%Y/%m/", blank=True
    )
    lead_image_renditions = models.JSONField(default=dict, blank=True, editable=False)
    lead_image_alt = models.CharField(
        _("lead image alt text"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it. Required with an image."),
    )
    lead_image_caption = models.CharField(_("lead image caption"), max_length=300, blank=True)
    lead_image_credit = models.CharField(_("lead image credit"), max_length=120, blank=True)
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="articles"
    )
    authors = models.ManyToManyField(
        Author, verbose_name=_("authors"), through="Byline", related_name="articles", blank=True
    )
    tags = TaggableManager(_("tags"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("first published"),
        null=True,
        blank=True,
        help_text=_("A time in the future schedules the article; it appears by itself then."),
    )
    updated_at = models.DateTimeField(
        _("last updated"),
        null=True,
        blank=True,
        help_text=_("Shown to readers as “Updated”. Set it for substantive updates only."),
    )
    expires_at = models.DateTimeField(
        _("unpublish at"),
        null=True,
        blank=True,
        help_text=_("For embargoed or time-limited content: the article withdraws itself then."),
    )
    planned_for = models.DateTimeField(
        _("planned for"),
        null=True,
        blank=True,
        help_text=_("When the desk expects to run this story (shown on the calendar)."),
    )
    is_featured = models.BooleanField(_("featured on the home page"), default=False)
    priority = models.SmallIntegerField(
        _("priority"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Higher comes first among featured stories (0–100)."),
    )
    comments_enabled = models.BooleanField(_("comments enabled"), default=True)
    # Approved comments; kept current by comments.services so lists need no count query.
    comment_count = models.PositiveIntegerField(_("comments"), default=0, editable=False)
    seo_title = models.CharField(
        _("SEO title"), max_length=70, blank=True, help_text=_("Defaults to the headline.")
    )
    seo_description = models.CharField(
        _("SEO description"),
        max_length=160,
        blank=True,
        help_text=_("Defaults to the standfirst."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    modified_at = models.DateTimeField(_("modified"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Optimistic locking: a save must name the version it started from.
    version = models.PositiveIntegerField(default=1, editable=False)
    # A soft edit lock, so people see who else has the article open.
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    locked_until = models.DateTimeField(null=True, blank=True)
    # Filled by a database trigger on PostgreSQL, in the article's language (see
    # migrations 0002 and 0017); unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("publish_article", _("Can publish, schedule, unpublish and send back articles")),
            ("edit_any_article", _("Can edit anyone's article, in any state")),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_status_published"),
            # What readers see, newest first (the published() queryset): partial,
            # and carrying the expiry time, so that a page of keys, a deep page's
            # skipped rows and a sitemap's count are read from the index alone.
            # Every list is of one language (the page's): it leads.
            models.Index(
                fields=["language", "-published_at", "-id", "expires_at"],
                condition=Q(status="published"),
                name="article_published_newest",
            ),
            models.Index(
                fields=["language", "section", "-published_at", "-id", "expires_at"],
                condition=Q(status="published"),
                name="article_section_newest",
            ),
            models.Index(
                fields=["-priority", "-published_at"],
                condition=Q(is_featured=True),
                name="article_featured",
            ),
            # The next scheduled expiry, which the page cache must not outlive
            # (articles/cache_tags.py): few articles have one.
            models.Index(
                fields=["expires_at"],
                condition=Q(status="published", expires_at__isnull=False),
                name="article_scheduled_expiry",
            ),
        ]
        constraints = [
            # One version of a story per language; also the index that finds
            # an article's translations.
            models.UniqueConstraint(
                fields=["translation_key", "language"],
                name="article_one_version_per_language",
                violation_error_message=_("This story already has a version in that language."),
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_time",
                violation_error_message=_("A published article needs a publication time."),
            ),
            models.CheckConstraint(
                condition=Q(updated_at__isnull=True)
                | Q(published_at__isnull=False, updated_at__gte=models.F("published_at")),
                name="article_updated_after_published",
                violation_error_message=_("“Last updated” cannot be before “first published”."),
            ),
            models.CheckConstraint(
                condition=Q(lead_image="") | ~Q(lead_image_alt=""),
                name="article_lead_image_has_alt",
                violation_error_message=_("Describe the lead image in its alt text."),
            ),
            models.CheckConstraint(
                condition=Q(priority__gte=0, priority__lte=100),
                name="article_priority_range",
            ),
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True)
                | Q(published_at__isnull=True)
                | Q(expires_at__gt=models.F("published_at")),
                name="article_expires_after_publication",
                violation_error_message=_("“Unpublish at” must be after the publication time."),
            ),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        old_slug = getattr(self, "_loaded_slug", None)
        super().save(*args, **kwargs)
        if old_slug and old_slug != self.slug and self.published_at:
            # Readers and search engines keep finding the article at its old address.
            SlugRedirect.objects.update_or_create(old_slug=old_slug, defaults={"article": self})
            SlugRedirect.objects.filter(old_slug=self.slug).delete()
        self._loaded_slug = self.slug

    def get_absolute_url(self):
        published = timezone.localtime(self.published_at or self.created_at or timezone.now())
        # In the article's own language (/ru/... for a Russian story), whatever
        # the language of the page that links to it.
        with translation.override(self.language):
            return reverse(
                "articles:detail",
                kwargs={
                    "year": published.year,
                    "month": f"{published.month:02d}",
                    "day": f"{published.day:02d}",
                    "slug": self.slug,
                },
            )

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        # Remembered so that save() can keep the old address working after a slug change.
        instance._loaded_slug = instance.__dict__.get("slug")
        # And so that a change is known to touch public pages (articles/signals.py).
        instance._loaded_public = instance.__dict__.get("status") == cls.Status.PUBLISHED
        instance._loaded_section_id = instance.__dict__.get("section_id")
        return instance

    @property
    def is_live(self) -> bool:
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
            and (self.expires_at is None or self.expires_at > now)
        )

    @property
    def is_withdrawn(self) -> bool:
        """Unpublished, or past its "unpublish at" time: its address answers 410 Gone."""
        return self.status == self.Status.UNPUBLISHED or (
            self.status == self.Status.PUBLISHED
            and self.expires_at is not None
            and self.expires_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def title_for_seo(self) -> str:
        return self.seo_title or self.headline

    @property
    def description(self) -> str:
        if self.seo_description or self.standfirst:
            return self.seo_description or self.standfirst
        text = html_to_text(self.body)
        if len(text) <= 200:
            return text
        # Cut at the last whole word that fits, as a search result snippet does.
        return text[:200].rsplit(" ", 1)[0].rstrip(",.;:") + "…"

    @property
    def byline_authors(self) -> list[Author]:
        """Authors in byline order; uses the prefetch when the list was built with one."""
        return [byline.author for byline in self.bylines.all()]


class Byline(models.Model):
    """An author on an article, in the order the byline names them."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    # Indexed with the article (below): an author's page finds its keys there.
    author = models.ForeignKey(
        Author, on_delete=models.PROTECT, related_name="bylines", db_index=False
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")
        indexes = [models.Index(fields=["author", "article"], name="byline_author_article")]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="byline_unique_author"),
        ]

    def __str__(self):
        return f"{self.author} on {self.article}"


class ArticleTransition(models.Model):
    """The audit trail: every change of an article's workflow state."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="transitions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("action"), max_length=20)
    from_status = models.CharField(_("from"), max_length=20)
    to_status = models.CharField(_("to"), max_length=20)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("workflow step")
        verbose_name_plural = _("audit trail")

    def __str__(self):
        return f"{self.action}: {self.from_status} → {self.to_status}"


class ArticleRevision(models.Model):
    """A snapshot of every editorial field, taken on every save."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    data = models.JSONField()

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self):
        return f"{self.article} @ {self.created_at:%Y-%m-%d %H:%M}"


class PreviewLink(models.Model):
    """A signed, expiring link to a draft for someone without an account."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="preview_links")
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")

    def __str__(self):
        return f"Preview of {self.article}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class Correction(models.Model):
    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        UPDATE = "update", _("Update")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(_("text"))
    substantive = models.BooleanField(
        _("substantive"),
        default=False,
        help_text=_("Sets the article's visible “Updated” time."),
    )
    created_at = models.DateTimeField(_("dated"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("correction or update")
        verbose_name_plural = _("corrections and updates")

    def __str__(self):
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d}"


class TagDescription(models.Model):
    """What a tag's page says under its title (issue 11). Beside taggit's own
    tag rather than in a custom tag model: every tagging and the tag URLs stay
    as they are."""

    tag = models.OneToOneField(
        Tag,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="description",
        verbose_name=_("tag"),
    )
    text = models.TextField(
        _("description"),
        blank=True,
        max_length=2000,
        help_text=_("Plain text, shown on the tag's page. A blank line starts a new paragraph."),
    )

    class Meta:
        verbose_name = _("tag description")
        verbose_name_plural = _("tag descriptions")

    def __str__(self):
        return str(self.tag)

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.tag.slug})


class SlugRedirect(models.Model):
    """An article's former slug: its old address answers with a 301."""

    old_slug = models.SlugField(max_length=200, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="old_slugs")

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")

    def __str__(self):
        return self.old_slug


class BodyImage(ImageRenditionsMixin, models.Model):
    """A picture uploaded for use inside an article's body. Like the lead image it
    is checked, stripped of its metadata (GPS above all) and resized; the body
    links the largest rendition, and the sanitiser accepts no image from elsewhere."""

    image_field = "image"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="body_images")
    image = images.ResponsiveImageField(_("image"), upload_to="body/%Y/%m/")
    image_renditions = models.JSONField(default=dict, blank=True, editable=False)
    alt = models.CharField(
        _("alt text"),
        max_length=300,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("image for the body")
        verbose_name_plural = _("images for the body")
        constraints = [
            models.CheckConstraint(condition=~Q(alt=""), name="body_image_alt_required"),
        ]

    def __str__(self):
        return self.alt[:60]


class EditorialNote(models.Model):
    """Notes between reporters and editors on a story; never shown to readers."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")

    def __str__(self):
        return self.text[:60]
