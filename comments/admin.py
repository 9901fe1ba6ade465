from django.contrib import admin, messages
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsroom import privacy
from newsroom.admin_pages import AdminPagesMixin

from . import services
from .forms import ReplyForm
from .models import Comment, DiscussionSettings


@admin.register(DiscussionSettings)
class DiscussionSettingsAdmin(admin.ModelAdmin):
    """One row of settings: the list page goes straight to it."""

    fieldsets = [
        (
            _("Moderation"),
            {"fields": ["mode", "max_links", "moderation_words", "disallowed_words"]},
        ),
        (
            _("Spam defence"),
            {"fields": ["spam_threshold", "min_seconds", "comments_per_ip_per_hour"]},
        ),
        (
            _("Discussion"),
            {
                "fields": [
                    "max_length",
                    "thread_depth",
                    "close_after_days",
                    "threads_per_page",
                    "page_order",
                ]
            },
        ),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        rules = DiscussionSettings.load()
        return redirect("admin:comments_discussionsettings_change", rules.pk)


class StatusFilter(admin.SimpleListFilter):
    """The queue opens on what needs a decision: comments awaiting moderation
    and published comments readers reported that no moderator has looked at."""

    title = _("status")
    parameter_name = "status"
    QUEUE = "queue"

    def lookups(self, request, model_admin):
        reported = Comment.objects.with_open_reports().count()
        return [
            (self.QUEUE, _("To moderate")),
            ("all", _("All")),
            *Comment.Status.choices,
            ("reported", _("Reported (%(count)d)") % {"count": reported}),
        ]

    def choices(self, changelist):
        value = self.value() or self.QUEUE
        for lookup, title in self.lookup_choices:
            yield {
                "selected": value == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value() or self.QUEUE
        if value == "all":
            return queryset
        if value == self.QUEUE:
            return queryset.filter(
                Q(status=Comment.Status.PENDING)
                | Q(pk__in=Comment.objects.with_open_reports().values("pk"))
            )
        if value == "reported":
            # What "Reported (N)" and the admin index count: reports nobody has dismissed.
            return queryset.filter(pk__in=Comment.objects.with_open_reports().values("pk"))
        return queryset.filter(status=value)


def _moderation_action(status, description, verb):
    """A bulk action of the moderation queue that moves comments to ``status``."""

    @admin.action(description=description, permissions=["change"])
    def action(modeladmin, request, queryset):
        count = services.moderate(comments=list(queryset), status=status, by=request.user)
        modeladmin.message_user(
            request,
            ngettext("%(count)d comment %(verb)s.", "%(count)d comments %(verb)s.", count)
            % {"count": count, "verb": verb},
            messages.SUCCESS,
        )

    return action


@admin.register(Comment)
class CommentAdmin(AdminPagesMixin, admin.ModelAdmin):
    admin_pages = [("<int:pk>/reply/", "reply_view", "reply")]
    # Few, dense columns, so the queue fits beside the admin's menu and the
    # filters at 1280 px and at 1024 px (issue 11): what made a comment wait
    # (held because, links, spam score, reports) sits under its status badge,
    # the article under the comment, the e-mail and IP under the name.
    list_display = ["status_badge", "excerpt", "author", "posted"]
    list_display_links = None
    list_filter = [StatusFilter, "is_newsroom", "created_at"]

    class Media:
        css = {"all": ["css/admin-comments.css"]}

    list_select_related = ["article"]
    search_fields = ["body", "name", "email", "ip", "article__headline"]
    date_hierarchy = "created_at"
    raw_id_fields = ["article", "parent"]
    readonly_fields = [
        "article",
        "parent",
        "ip",
        "user_agent",
        "created_at",
        "link_count",
        "spam_score",
        "held_because",
        "trained_as",
        "user",
        "report_list",
    ]
    fields = [
        "article",
        "parent",
        "status",
        "name",
        "email",
        "url",
        "body",
        "notify_replies",
        "is_newsroom",
        "held_because",
        "spam_score",
        "link_count",
        "ip",
        "user_agent",
        "created_at",
        "report_list",
    ]
    actions = [
        "approve",
        "mark_spam",
        "not_spam",
        "trash",
        "restore",
        "dismiss_reports",
        "export_data",
        "erase_data",
    ]
    list_per_page = 50

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                report_count=Count("reports"),
                open_report_count=Count("reports", filter=Q(reports__dismissed_at__isnull=True)),
                # Pending first, whatever the filter.
                queue_order=Case(
                    When(status=Comment.Status.PENDING, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                ),
            )
            .order_by("queue_order", "-created_at")
        )

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj):
        colours = {"pending": "#8a5a00", "approved": "#1b6e3a", "spam": "#b3261e", "trash": "#555"}
        badge = format_html(
            '<span style="color:#fff;background:{};padding:2px 8px;border-radius:9px">{}</span>',
            colours.get(obj.status, "#555"),
            obj.get_status_display(),
        )
        signs = []
        if obj.held_because and obj.status != Comment.Status.APPROVED:
            # Why it waits (or went to spam), without opening it.
            signs.append(format_html('<small class="held-because">{}</small>', obj.held_because))
        signs.append(self._signals(obj))
        return format_html_join("", "{}", ((part,) for part in [badge, *signs] if part))

    def _signals(self, obj):
        """The spam filter's and the readers' signs: links, spam score, reports."""
        facts = []
        if obj.link_count:
            facts.append(
                ngettext("%(count)d link", "%(count)d links", obj.link_count)
                % {"count": obj.link_count}
            )
        if obj.spam_score is not None:
            facts.append(_("spam %(score).2f") % {"score": obj.spam_score})
        reports = ""
        if obj.open_report_count:
            reports = format_html(
                ' <strong class="open-reports">⚑ {}</strong>',
                ngettext("%(count)d report", "%(count)d reports", obj.open_report_count)
                % {"count": obj.open_report_count},
            )
        elif obj.report_count:
            reports = format_html(
                ' · <span title="{}">{}</span>',
                _("dismissed by a moderator"),
                ngettext(
                    "%(count)d dismissed report", "%(count)d dismissed reports", obj.report_count
                )
                % {"count": obj.report_count},
            )
        if not facts and not reports:
            return ""
        return format_html('<small class="list-facts">{}{}</small>', " · ".join(facts), reports)

    @admin.display(description=_("comment"))
    def excerpt(self, obj):
        article = format_html(
            '<a href="{}">{}</a>',
            reverse("admin:articles_article_change", args=[obj.article_id]),
            Truncator(obj.article.headline).chars(60),
        )
        return format_html(
            '<a href="{}">{}</a><small class="list-facts">{}</small>',
            reverse("admin:comments_comment_change", args=[obj.pk]),
            Truncator(obj.body).chars(90),
            # The whole phrase is translated: word order differs between languages.
            format_html(str(_("on {article}")), article=article),
        )

    @admin.display(description=_("author"), ordering="name")
    def author(self, obj):
        return format_html(
            '{}<small class="list-facts">{}</small><small class="list-facts">{}</small>',
            obj.name,
            obj.email or "—",
            obj.ip or "—",
        )

    @admin.display(description=_("posted"), ordering="created_at")
    def posted(self, obj):
        when = timezone.localtime(obj.created_at)
        return format_html(
            '{}<small class="list-facts">{}</small>',
            date_format(when, "j M Y"),
            date_format(when, "H:i"),
        )

    @admin.display(description=_("reports"))
    def report_list(self, obj):
        reasons = [
            f"{report.reason} ({_('dismissed')})" if report.dismissed_at else report.reason
            for report in obj.reports.all()
        ]
        return " · ".join(reasons) if reasons else "—"

    def save_model(self, request, obj, form, change):
        if change and "status" in form.changed_data:
            new_status = obj.status
            obj.status = form.initial["status"]
            super().save_model(request, obj, form, change)
            services.moderate(comments=[obj], status=new_status, by=request.user)
        else:
            super().save_model(request, obj, form, change)

    approve = _moderation_action(Comment.Status.APPROVED, _("Approve"), _("approved"))
    mark_spam = _moderation_action(Comment.Status.SPAM, _("Mark as spam"), _("marked as spam"))
    # Approving a comment the filter held as spam is what teaches it (services.moderate).
    not_spam = _moderation_action(
        Comment.Status.APPROVED, _("Not spam: approve and teach the filter"), _("approved")
    )
    trash = _moderation_action(Comment.Status.TRASH, _("Move to trash"), _("moved to trash"))
    restore = _moderation_action(
        Comment.Status.PENDING, _("Restore to the moderation queue"), _("restored")
    )

    @admin.action(description=_("Dismiss reports: keep these comments"), permissions=["change"])
    def dismiss_reports(self, request, queryset):
        count = services.dismiss_reports(comments=queryset)
        self.message_user(
            request,
            ngettext("%(count)d report dismissed.", "%(count)d reports dismissed.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def delete_model(self, request, obj):
        services.delete_comments(comments=[obj], by=request.user)

    def delete_queryset(self, request, queryset):
        services.delete_comments(comments=queryset, by=request.user)

    # Personal data is for those who may also delete comments (chief editors),
    # not for everyone who may look at the queue.
    @admin.action(description=_("Export personal data of these commenters"), permissions=["delete"])
    def export_data(self, request, queryset):
        emails = sorted({c.email.lower() for c in queryset if c.email})
        return privacy.export_download(emails=emails, by=request.user)

    @admin.action(description=_("Erase personal data of these commenters"), permissions=["delete"])
    def erase_data(self, request, queryset):
        emails = sorted({c.email.lower() for c in queryset if c.email})
        privacy.erase_and_report(self, request, emails=emails)

    def changelist_view(self, request, extra_context=None):
        extra_context = {"title": _("Moderation queue"), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def reply_view(self, request, pk):
        parent = get_object_or_404(Comment.objects.select_related("article", "parent"), pk=pk)
        if not self.has_change_permission(request, parent):
            return redirect("admin:index")
        form = ReplyForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            reply = services.reply_as_newsroom(
                parent=parent, body=form.cleaned_data["body"], user=request.user
            )
            self.message_user(request, _("Your reply is published."), messages.SUCCESS)
            return redirect(reverse("admin:comments_comment_change", args=[reply.pk]))
        title = _("Reply as the newsroom")
        template = "admin/comments/comment/reply.html"
        return self.render_page(request, template, title=title, parent=parent, form=form)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "reply_url": reverse("admin:comments_comment_reply", args=[object_id]),
        }
        return super().change_view(request, object_id, form_url, extra_context)
