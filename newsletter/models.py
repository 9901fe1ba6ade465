import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def enabled_languages():
    """The languages a list may be written in (settings.LANGUAGES), read when a
    form asks, so that migrations do not depend on the setting."""
    return settings.LANGUAGES


def default_language():
    return settings.LANGUAGE_CODE


class NewsletterListQuerySet(models.QuerySet):
    def public(self):
        """The lists readers may choose, in every language (the preferences page)."""
        return self.filter(is_public=True).order_by("order", "name")

    def for_signup(self, language: str | None = None):
        """The lists a sign-up form offers: those written in the page's language
        (the active one unless given; issue 12)."""
        language = language or translation.get_language() or settings.LANGUAGE_CODE
        return self.public().filter(language=language)


class NewsletterList(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    # The language of its issues, its sign-up and confirmation e-mails and the
    # pages its links open; offered on the pages in that language only.
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=enabled_languages,
        default=default_language,
        help_text=_("Its issues are written in it, and it is offered on the pages in it."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_public = models.BooleanField(
        _("offered on the site"), default=True, help_text=_("Shown in the sign-up forms.")
    )
    is_default = models.BooleanField(
        _("ticked by default"), default=False, help_text=_("Pre-selected in the sign-up form.")
    )
    daily_digest = models.BooleanField(
        _("send a daily digest"),
        default=False,
        help_text=_(
            "Every day at the digest time, send the articles published since the last one."
        ),
    )
    digest_time = models.TimeField(
        _("digest time"), default="07:00", help_text=_("In the outlet's time zone.")
    )
    digest_articles = models.PositiveSmallIntegerField(_("articles per digest"), default=10)
    # When the next digest is due; the periodic digest task claims a due digest
    # by moving this on to the following one (issues.claim_digest).
    digest_next_at = models.DateTimeField(_("next digest"), null=True, blank=True, editable=False)

    objects = NewsletterListQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("newsletter list")
        verbose_name_plural = _("newsletter lists")
        constraints = [
            models.CheckConstraint(
                condition=Q(digest_articles__gte=1, digest_articles__lte=50),
                name="newsletterlist_digest_articles_range",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        with translation.override(self.language):
            return reverse("newsletter:index") + f"#list-{self.slug}"


class SubscriberQuerySet(models.QuerySet):
    def with_email(self, email: str):
        """The subscriber of this address, whatever the case of its letters.

        Compared as LOWER(email) = LOWER(%s), the expression of the unique
        index, which serves it: ``email__iexact`` compiles to UPPER(...) on
        PostgreSQL, which no index serves (issue 10). ``email`` is expected in
        its normal form (forms.clean_email_address)."""
        return self.alias(email_lower=Lower("email")).filter(
            email_lower=Lower(Value(email, output_field=models.CharField()))
        )


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
        BOUNCED = "bounced", _("Bounced")
        COMPLAINED = "complained", _("Complained")

    email = models.EmailField(_("email address"), max_length=254)
    # What the signed links in emails carry, so links never expose the address
    # or a guessable row id.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    lists = models.ManyToManyField(
        NewsletterList, verbose_name=_("lists"), related_name="subscribers", blank=True
    )
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(_("last confirmation email"), null=True, blank=True)
    # The consent record: when, from which form, from where, and the words shown.
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    consent_source = models.CharField(_("consent source"), max_length=100, blank=True)
    consent_ip = models.GenericIPAddressField(_("consent IP"), null=True, blank=True)
    consent_text = models.TextField(_("consent text shown"), blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        constraints = [
            # The index every lookup of an address uses (SubscriberQuerySet.with_email).
            models.UniqueConstraint(Lower("email"), name="subscriber_unique_email_ci"),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(confirmed_at__isnull=False),
                name="subscriber_confirmed_has_time",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="subscriber_status")]

    def __str__(self):
        return self.email

    @property
    def can_receive(self) -> bool:
        return self.status == self.Status.CONFIRMED


class Issue(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    newsletter_list = models.ForeignKey(
        NewsletterList, verbose_name=_("list"), on_delete=models.PROTECT, related_name="issues"
    )
    subject = models.CharField(_("subject"), max_length=150)
    preheader = models.CharField(
        _("preheader"),
        max_length=150,
        blank=True,
        help_text=_("The line mail apps show after the subject."),
    )
    intro = models.TextField(_("introduction"), blank=True)
    articles = models.ManyToManyField(
        "articles.Article",
        through="IssueArticle",
        verbose_name=_("articles"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty to include the latest articles since the last issue."),
    )
    auto_articles = models.PositiveSmallIntegerField(
        _("latest articles to include when none are chosen"), default=10
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    scheduled_at = models.DateTimeField(_("send at"), null=True, blank=True)
    digest_date = models.DateField(
        _("digest of"), null=True, blank=True, editable=False, help_text=_("Daily digests only.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    queued_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    # The send's last sign of life, written by its batches as they go (or the
    # time a waiting retry is due); cleared when a batch fails. A send silent
    # for too long lost its worker: see delivery.claim_stalled_sends().
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(_("sending finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        get_latest_by = "created_at"
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        # Mailing every subscriber is a right of its own, apart from editing an issue.
        permissions = [("send_issue", _("Can send newsletter issues (tests, now, scheduled)"))]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="scheduled") | Q(scheduled_at__isnull=False),
                name="issue_scheduled_has_time",
            ),
            models.CheckConstraint(
                condition=Q(auto_articles__gte=1, auto_articles__lte=50),
                name="issue_auto_articles_range",
            ),
            models.UniqueConstraint(
                fields=["newsletter_list", "digest_date"], name="issue_one_digest_a_day"
            ),
        ]

    def __str__(self):
        return self.subject

    def get_preview_url(self):
        """Its preview in the admin (an issue has no public page)."""
        return reverse("admin:newsletter_issue_preview", args=[self.pk])


class IssueArticle(models.Model):
    """An article an editor chose for an issue, at its place in the issue: the
    email and the issue page list them by ``position`` (issue 11: they came out
    newest first, whatever order the editor meant)."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="article_links")
    article = models.ForeignKey(
        "articles.Article", verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        # The table the plain many-to-many field had: the move to this model kept its rows.
        db_table = "newsletter_issue_articles"
        ordering = ["position", "pk"]
        verbose_name = _("article in the issue")
        verbose_name_plural = _("articles in the issue")
        constraints = [
            # Positions are not unique: two rows may share one for a moment, as
            # typed in the form (ties keep the order they were added in), and
            # issues.renumber_articles() gives each its own place after every save.
            models.UniqueConstraint(fields=["issue", "article"], name="issue_article_once"),
        ]

    def __str__(self):
        return f"{self.position}. {self.article}"


class Delivery(models.Model):
    """One email of one issue to one subscriber; the unique constraint is what
    makes a resumed or doubled send unable to mail anyone twice."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped")

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="delivery_once"),
        ]
        indexes = [
            # The sending loop claims the issue's next queued row in primary-key
            # order: with the key in the index that is one index probe, instead
            # of a walk past every row already sent (of this issue and of every
            # issue before it), which made each claim slower as a send went on.
            models.Index(fields=["issue", "status", "id"], name="delivery_queue"),
        ]

    def __str__(self):
        return f"{self.issue} → {self.subscriber}"
