import csv

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseNotAllowed, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsroom import audit, privacy
from newsroom.admin_pages import AdminPagesMixin

from . import delivery, issues, tasks
from .forms import ImportForm, IssueAdminForm, IssueArticleForm, IssueArticleFormSet, ScheduleForm
from .imports import import_subscribers
from .models import Delivery, Issue, IssueArticle, NewsletterList, Subscriber


@admin.register(NewsletterList)
class NewsletterListAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "language",
        "is_public",
        "is_default",
        "daily_digest",
        "digest_time",
        "subscribers",
    ]
    list_filter = ["language", "is_public", "daily_digest"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["digest_next_at"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(confirmed=Count("subscribers", filter=Q(subscribers__status="confirmed")))
        )

    @admin.display(description=_("confirmed subscribers"), ordering="confirmed")
    def subscribers(self, obj):
        return obj.confirmed

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        issues.list_saved(newsletter=obj, changed=set(form.changed_data))


class Echo:
    def write(self, value):
        return value


@admin.register(Subscriber)
class SubscriberAdmin(AdminPagesMixin, admin.ModelAdmin):
    admin_pages = [("import/", "import_view", "import")]
    list_display = ["email", "status", "list_names", "created_at", "confirmed_at", "consent_source"]
    list_filter = ["status", "lists", "consent_source", "created_at"]
    search_fields = ["email"]
    date_hierarchy = "created_at"
    filter_horizontal = ["lists"]
    readonly_fields = [
        "key",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
        "confirmation_sent_at",
        "consent_at",
        "consent_source",
        "consent_ip",
        "consent_text",
    ]
    actions = ["export_csv", "export_personal_data", "erase_personal_data"]
    change_list_template = "admin/newsletter/subscriber/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("lists")

    @admin.display(description=_("lists"))
    def list_names(self, obj):
        return ", ".join(newsletter.name for newsletter in obj.lists.all())

    @admin.action(description=_("Export selected subscribers as CSV"))
    def export_csv(self, request, queryset):
        audit.record(
            actor=request.user,
            action="newsletter.export_csv",
            details={"subscribers": queryset.count()},
        )
        writer = csv.writer(Echo())

        def rows():
            yield writer.writerow(
                ["email", "status", "lists", "signed_up", "confirmed", "consent_source"]
            )
            for subscriber in queryset.prefetch_related("lists").iterator(chunk_size=2000):
                yield writer.writerow(
                    [
                        _csv_safe(subscriber.email),
                        subscriber.status,
                        ";".join(newsletter.slug for newsletter in subscriber.lists.all()),
                        subscriber.created_at.isoformat(),
                        subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else "",
                        _csv_safe(subscriber.consent_source),
                    ]
                )

        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="subscribers-{stamp}.csv"'
        return response

    @admin.action(description=_("Export personal data (JSON) of selected addresses"))
    def export_personal_data(self, request, queryset):
        emails = [subscriber.email for subscriber in queryset]
        return privacy.export_download(emails=emails, by=request.user)

    @admin.action(
        description=_("Erase personal data of selected addresses"), permissions=["delete"]
    )
    def erase_personal_data(self, request, queryset):
        emails = sorted({subscriber.email for subscriber in queryset})
        privacy.erase_and_report(self, request, emails=emails)

    def import_view(self, request):
        if not self.has_add_permission(request):
            return redirect("admin:index")
        report = None
        if request.method == "POST":
            form = ImportForm(request.POST, request.FILES)
            if form.is_valid():
                report = import_subscribers(
                    form.cleaned_data["file"],
                    lists=list(form.cleaned_data["lists"]),
                    source=form.cleaned_data["source"],
                )
                if not report["fatal"]:
                    self.message_user(
                        request,
                        _("%(added)d added, %(duplicates)d already present, %(invalid)d invalid.")
                        % report,
                        messages.SUCCESS if not report["invalid"] else messages.WARNING,
                    )
        else:
            form = ImportForm()
        title = _("Import subscribers")
        template = "admin/newsletter/subscriber/import.html"
        return self.render_page(request, template, title=title, form=form, report=report)


def _csv_safe(value: str) -> str:
    """Stop spreadsheet formula injection in exported cells (OWASP CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


class DeliveryInline(admin.TabularInline):
    model = Delivery
    fields = ["subscriber", "status", "attempts", "last_error", "sent_at"]
    readonly_fields = fields
    can_delete = False
    extra = 0
    max_num = 0
    verbose_name_plural = _("failed deliveries")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(status=Delivery.Status.FAILED)
            .select_related("subscriber")
        )


def _is_history(issue: Issue | None) -> bool:
    """What readers received is history: an issue being sent or sent is read-only."""
    return issue is not None and issue.status in (Issue.Status.SENDING, Issue.Status.SENT)


class IssueArticleInline(admin.TabularInline):
    """The issue's articles in the order readers get them. The up and down
    buttons submit the issue's form (no JavaScript needed); the positions can
    also be typed, and are renumbered 1, 2, 3... on every save."""

    model = IssueArticle
    form = IssueArticleForm
    formset = IssueArticleFormSet
    fields = ["position", "article", "move"]
    readonly_fields = ["move"]
    autocomplete_fields = ["article"]
    extra = 2
    verbose_name = _("article")
    verbose_name_plural = _("articles, in the order readers get them")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("issue", "article")

    # Choosing an issue's articles is editing the issue: the issue's own
    # permissions apply, as for a plain many-to-many field, not the link model's.
    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("newsletter.view_issue") or self.may_edit(request, None)

    def has_add_permission(self, request, obj=None):
        return self.may_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return self.may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.may_edit(request, obj)

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return fields if self.may_edit(request, obj) else [f for f in fields if f != "move"]

    def may_edit(self, request, issue):
        return not _is_history(issue) and request.user.has_perm("newsletter.change_issue")

    @admin.display(description=_("move"))
    def move(self, link):
        if link.pk is None:
            return ""
        headline = str(link.article)
        return format_html(
            '<button type="submit" name="_move_article" value="{}:up" class="move-button"'
            ' aria-label="{}" title="{}">↑</button> '
            '<button type="submit" name="_move_article" value="{}:down" class="move-button"'
            ' aria-label="{}" title="{}">↓</button>',
            link.pk,
            _("Move “%(headline)s” up") % {"headline": headline},
            _("Move up"),
            link.pk,
            _("Move “%(headline)s” down") % {"headline": headline},
            _("Move down"),
        )


# What readers receive: read-only once the issue is being sent.
CONTENT_FIELDS = ["newsletter_list", "subject", "preheader", "intro", "auto_articles"]


@admin.register(Issue)
class IssueAdmin(AdminPagesMixin, admin.ModelAdmin):
    admin_pages = [
        ("<int:pk>/preview/", "preview_view", "preview"),
        ("<int:pk>/send-test/", "send_test_view", "send_test"),
        ("<int:pk>/send-now/", "send_now_view", "send_now"),
        ("<int:pk>/schedule/", "schedule_view", "schedule"),
    ]
    form = IssueAdminForm
    # Three columns, so the list fits beside the admin's menu and the filters
    # at 1024 pixels and the subject wraps as a line of text (issue 11).
    list_display = ["subject_and_list", "state", "send_time"]
    list_display_links = ["subject_and_list"]
    change_list_template = "admin/newsletter/issue/change_list.html"
    list_filter = ["status", "newsletter_list__language", "newsletter_list"]
    list_select_related = ["newsletter_list"]
    search_fields = ["subject"]
    # The first submit button of the form answers the Enter key: with the save
    # row on top, that is "Save", not an article's "move up" button.
    save_on_top = True
    readonly_fields = ["status", "queued_at", "sent_at", "created_by", "delivery_progress"]
    fields = [
        *CONTENT_FIELDS,
        "scheduled_at",
        "status",
        "delivery_progress",
        "queued_at",
        "sent_at",
        "created_by",
    ]
    inlines = [IssueArticleInline, DeliveryInline]
    actions = ["send_test_to_me", "send_now", "schedule", "unschedule"]

    def has_send_permission(self, request):
        """Mailing subscribers (or a test to oneself) needs newsletter.send_issue."""
        return request.user.has_perm(f"{self.opts.app_label}.send_issue")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_queued=Count("deliveries", filter=Q(deliveries__status="queued")),
                n_sent=Count("deliveries", filter=Q(deliveries__status="sent")),
                n_failed=Count("deliveries", filter=Q(deliveries__status="failed")),
            )
        )

    @admin.display(description=_("subject"), ordering="subject")
    def subject_and_list(self, obj):
        return format_html(
            '{}<span class="issue-list">{}</span>', obj.subject, obj.newsletter_list.name
        )

    @admin.display(description=_("status"), ordering="status")
    def state(self, obj):
        if obj.status in (Issue.Status.DRAFT, Issue.Status.SCHEDULED):
            return obj.get_status_display()
        return format_html(
            '{}<span class="issue-progress">{} <small>{}</small></span>',
            obj.get_status_display(),
            self.progress(obj),
            _("queued / sent / failed"),
        )

    @admin.display(description=_("send at"), ordering="scheduled_at")
    def send_time(self, obj):
        """When it went out (sending started), or when it is to go."""
        when = obj.queued_at or obj.scheduled_at
        return date_format(timezone.localtime(when), "SHORT_DATETIME_FORMAT") if when else "—"

    def progress(self, obj):
        return format_html(
            "{} / {} / <span{}>{}</span>",
            obj.n_queued,
            obj.n_sent,
            format_html(' style="color:#b3261e;font-weight:bold"') if obj.n_failed else "",
            obj.n_failed,
        )

    @admin.display(description=_("delivery"))
    def delivery_progress(self, obj):
        if not obj.pk:
            return "—"
        counts = delivery.progress(obj)
        return _("%(queued)d queued, %(sent)d sent, %(failed)d failed, %(skipped)d skipped") % (
            counts
        )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if _is_history(obj):
            # What readers received is history.
            fields += CONTENT_FIELDS
        if obj and obj.status != Issue.Status.DRAFT and not self.has_send_permission(request):
            # Moving a scheduled send is sending.
            fields.append("scheduled_at")
        return fields

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        if tasks.issue_saved(issue=obj, changed=set(form.changed_data), by=request.user):
            moved = _("“%(subject)s” will now be sent at %(when)s.")
            when = timezone.localtime(obj.scheduled_at)
            self.message_about(request, obj, moved, messages.SUCCESS, when=when)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        issues.renumber_articles(issue=form.instance)

    def response_change(self, request, obj):
        move = request.POST.get("_move_article", "")
        link_id, _colon, direction = move.partition(":")
        if move:
            offset = {"up": -1, "down": 1}.get(direction)
            if offset is not None and link_id.isdigit():
                issues.move_article(issue=obj, link_id=int(link_id), offset=offset)
            return redirect(
                reverse("admin:newsletter_issue_change", args=[obj.pk]) + "#article_links-group"
            )
        return super().response_change(request, obj)

    def may_send(self, request, issue) -> bool:
        """Who may use the issue page's "Send now" and "Schedule": whoever may
        use the list's actions for it (see the list and hold send_issue)."""
        return self.has_view_or_change_permission(request, issue) and self.has_send_permission(
            request
        )

    def issue_to_send(self, request, pk):
        issue = get_object_or_404(Issue, pk=pk)
        if not self.may_send(request, issue):
            raise PermissionDenied
        return issue

    def send_now_view(self, request, pk):
        """The issue page's "Send now", confirmed: the list's action, for one issue."""
        issue = self.issue_to_send(request, pk)
        if request.method == "POST":
            self.send_now(request, Issue.objects.filter(pk=issue.pk))
            return redirect("admin:newsletter_issue_change", issue.pk)
        if _is_history(issue):
            return self.already_sent(request, issue)
        return self.render_page(
            request,
            "admin/newsletter/issue/send_now.html",
            title=_("Send “%(subject)s” now?") % {"subject": issue.subject},
            issue=issue,
            recipients=issues.recipients(issue).count(),
            articles=issues.issue_articles(issue),
        )

    def schedule_view(self, request, pk):
        """The issue page's "Schedule": a time to send it at, then the list's
        action's service (a time in the past or not a time is refused by the field)."""
        issue = self.issue_to_send(request, pk)
        if request.method != "POST" and _is_history(issue):
            return self.already_sent(request, issue)
        form = ScheduleForm(request.POST or None, issue=issue)
        if request.method == "POST" and form.is_valid():
            when = form.cleaned_data["when"]
            try:
                tasks.schedule_sending(issue=issue, when=when, by=request.user)
            except issues.CannotSchedule as refusal:
                form.add_error("when", str(refusal))
            else:
                done = _("“%(subject)s” will be sent at %(when)s.")
                self.message_about(
                    request, issue, done, messages.SUCCESS, when=timezone.localtime(when)
                )
                return redirect("admin:newsletter_issue_change", issue.pk)
        return self.render_page(
            request,
            "admin/newsletter/issue/schedule.html",
            title=_("Schedule “%(subject)s”") % {"subject": issue.subject},
            issue=issue,
            form=form,
            time_zone=timezone.get_current_timezone_name(),
        )

    def already_sent(self, request, issue):
        sent = _("“%(subject)s” has already been sent.")
        self.message_about(request, issue, sent, messages.WARNING)
        return redirect("admin:newsletter_issue_change", issue.pk)

    def send_test_view(self, request, pk):
        """The issue page's "Send a test to me" button: the list action, for one issue."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_send_permission(request):
            raise PermissionDenied
        self.send_test_to_me(request, Issue.objects.filter(pk=pk))
        return redirect("admin:newsletter_issue_change", pk)

    def preview_view(self, request, pk):
        issue = get_object_or_404(Issue, pk=pk)
        if not self.has_view_permission(request, issue):
            raise PermissionDenied
        _text, html = issues.render_issue(issue, None)
        response = HttpResponse(html)
        # The preview is our own HTML, but keep it from running scripts anyway.
        response["Content-Security-Policy"] = "script-src 'none'"
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        issue = Issue.objects.filter(pk=object_id).first()
        extra_context = extra_context or {}
        if issue is not None:
            _text, html = issues.render_issue(issue, None)
            warning = issues.html_size_warning(html)
            if warning and request.method == "GET":
                self.message_user(request, warning, messages.WARNING)
            extra_context["preview_url"] = issue.get_preview_url()
            extra_context["html_kb"] = round(len(html.encode()) / 1024, 1)
            if self.has_send_permission(request):
                extra_context["send_test_url"] = reverse(
                    "admin:newsletter_issue_send_test", args=[issue.pk]
                )
            if self.may_send(request, issue) and not _is_history(issue):
                extra_context["send_now_url"] = reverse(
                    "admin:newsletter_issue_send_now", args=[issue.pk]
                )
                extra_context["schedule_url"] = reverse(
                    "admin:newsletter_issue_schedule", args=[issue.pk]
                )
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description=_("Send a test to me"), permissions=["send"])
    def send_test_to_me(self, request, queryset):
        if not request.user.email:
            self.message_user(
                request, _("Add an email address to your account first."), messages.ERROR
            )
            return
        for issue in queryset:
            issues.send_test(issue=issue, to=request.user.email, by=request.user)
        self.message_user(
            request,
            _("Test sent to %(email)s.") % {"email": request.user.email},
            messages.SUCCESS,
        )

    @admin.action(description=_("Send now to all confirmed subscribers"), permissions=["send"])
    def send_now(self, request, queryset):
        for issue in queryset:
            count = tasks.start_sending(issue=issue, by=request.user)
            if count is None:
                sent = _("“%(subject)s” has already been sent.")
                self.message_about(request, issue, sent, messages.WARNING)
                continue
            # The warning the change page shows, for an issue sent from the list unseen.
            warning = issues.html_size_warning(issues.render_issue(issue, None)[1])
            if warning:
                self.message_user(request, f"“{issue.subject}”: {warning}", messages.WARNING)
            sending = ngettext(
                "“%(subject)s” is being sent to %(count)d subscriber.",
                "“%(subject)s” is being sent to %(count)d subscribers.",
                count,
            )
            self.message_about(request, issue, sending, messages.SUCCESS, count=count)

    def message_about(self, request, issue, message, level, **values):
        """A message about one issue, named by its subject."""
        self.message_user(request, message % {"subject": issue.subject, **values}, level)

    @admin.action(description=_("Schedule for its “send at” time"), permissions=["send"])
    def schedule(self, request, queryset):
        for issue in queryset:
            try:
                tasks.schedule_sending(issue=issue, when=issue.scheduled_at, by=request.user)
            except issues.CannotSchedule as refusal:
                self.message_user(request, str(refusal), messages.ERROR)
                continue
            when = timezone.localtime(issue.scheduled_at)
            done = _("“%(subject)s” will be sent at %(when)s.")
            self.message_about(request, issue, done, messages.SUCCESS, when=when)

    @admin.action(description=_("Unschedule (back to draft)"), permissions=["send"])
    def unschedule(self, request, queryset):
        for issue in queryset:
            if issues.unschedule_issue(issue=issue, by=request.user):
                done = _("“%(subject)s” is a draft again and will not be sent.")
                self.message_about(request, issue, done, messages.SUCCESS)
            else:
                not_scheduled = _("“%(subject)s” was not scheduled.")
                self.message_about(request, issue, not_scheduled, messages.WARNING)
