import re
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.main import ERROR_FLAG
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget
from taggit.models import Tag

from . import calendar, edit_lock, workflow
from . import revisions as revisions_module
from .images import responsive_body
from .models import (
    Article,
    ArticleRevision,
    ArticleTransition,
    Author,
    BodyImage,
    Byline,
    Correction,
    EditorialNote,
    PreviewLink,
    Section,
)
from .sanitize import images_without_alt, sanitize_html
from .views import render_article

admin.site.site_header = format_lazy("{} · {}", settings.SITE_NAME, _("Newsroom"))
admin.site.site_title = _("Newsroom")
admin.site.index_title = _("Newsroom")


# What the body editor offers; nh3 (articles/sanitize.py) still decides on save.
BODY_EDITOR = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "Strike": True,
        "Subscript": True,
        "Superscript": True,
        "HardBreak": True,
        "Heading": {"levels": [2, 3, 4]},
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "HorizontalRule": True,
        "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
        "Image": True,
        "Figure": True,
        "Caption": True,
        "Table": True,
        "TableRow": True,
        "TableHeader": True,
        "TableCell": True,
        "History": True,
        "SpecialCharacters": True,
    }
}


TAG_MAX_LENGTH = Tag._meta.get_field("name").max_length


class ArticleAdminForm(forms.ModelForm):
    body = ProseEditorFormField(
        label=_("Body"),
        required=False,
        config=BODY_EDITOR,
        sanitize=sanitize_html,
        widget=AdminProseEditorWidget,
    )
    # The version the editor started from: a save from an older one is refused.
    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    transition_note = forms.CharField(
        label=_("Note for the workflow step"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 90}),
        help_text=_("Required when sending an article back; shown in the audit trail."),
    )

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose what is shown
        widgets = {
            "headline": forms.TextInput(attrs={"size": 90}),
            "slug": forms.TextInput(attrs={"size": 90}),
            "dek": forms.Textarea(attrs={"rows": 3, "cols": 90}),
            "lead_image_alt": forms.TextInput(attrs={"size": 90}),
            "lead_image_caption": forms.TextInput(attrs={"size": 90}),
            "seo_title": forms.TextInput(attrs={"size": 70}),
            "seo_description": forms.Textarea(attrs={"rows": 2, "cols": 90}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["edit_version"] = self.instance.version

    def clean_body(self):
        body = self.cleaned_data.get("body") or ""
        # Judged on what will be saved: images the sanitiser drops need no alt text.
        if images_without_alt(sanitize_html(body)):
            raise forms.ValidationError(
                _(
                    "Every image in the body needs alt text: describe what it shows "
                    "for readers who cannot see it."
                ),
                code="image_without_alt",
            )
        return body

    def clean_tags(self):
        tags = self.cleaned_data.get("tags") or []
        too_long = [tag for tag in tags if len(tag) > TAG_MAX_LENGTH]
        if too_long:
            # taggit's column holds 100 characters: PostgreSQL would refuse the row.
            raise forms.ValidationError(
                _("A tag can be at most %(max)d characters long: “%(tag)s…” is longer."),
                code="tag_too_long",
                params={"max": TAG_MAX_LENGTH, "tag": too_long[0][:40]},
            )
        return tags

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("lead_image") and not cleaned.get("lead_image_alt", "").strip():
            # Next to the field it is about (the model's constraint would say it above the form).
            self.add_error("lead_image_alt", _("Describe the lead image in its alt text."))
        self._refuse_state_changes(cleaned)
        if self.instance.pk:
            self._refuse_stale_save(cleaned)
        return cleaned

    def _refuse_state_changes(self, cleaned):
        """A plain edit of a time must not publish, hide or withdraw an article:
        those are workflow steps with an entry in the audit trail."""
        now = timezone.now()
        changed = set(self.changed_data)
        article = self.instance
        new_time = cleaned.get("published_at")
        if (
            article.pk
            and article.is_live
            and "published_at" in changed
            and new_time
            and new_time > now
        ):
            self.add_error(
                "published_at",
                _("This article is live. To take it down, use “Unpublish”; then schedule it."),
            )
        if (
            article.pk
            and article.is_scheduled
            and "published_at" in changed
            and new_time
            and new_time <= now
        ):
            self.add_error(
                "published_at",
                _(
                    "This article is scheduled: a time in the past would publish it now without "
                    "a record. To publish it now, use “Publish now”."
                ),
            )
        if "_schedule" in self.data and new_time and new_time <= now:
            self.add_error(
                "published_at", _("Choose a publication time in the future to schedule.")
            )
        expires = cleaned.get("expires_at")
        if "expires_at" in changed and expires and expires <= now:
            self.add_error(
                "expires_at",
                _(
                    "“Unpublish at” must be in the future. To take the article down now, "
                    "use “Unpublish”."
                ),
            )

    def _refuse_stale_save(self, cleaned):
        started = cleaned.get("edit_version")
        if started is None:
            raise forms.ValidationError(
                _(
                    "This form does not say which version of the article it was opened from, "
                    "so it cannot be saved safely. Copy your changes, open the article again "
                    "and apply them there."
                ),
                code="version_missing",
            )
        # Locking the row keeps it as read here until the admin's transaction (which
        # wraps validation and save) commits, so no other save can land in between.
        # SQLite has no row locks, but its transactions start IMMEDIATE (see the
        # settings), which serialises whole saves.
        current = (
            Article.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if current is not None and started != current:
            last = self.instance.revisions.select_related("user").first()
            who = (
                (last.user.get_full_name() or last.user.get_username())
                if last and last.user
                else _("someone")
            )
            raise forms.ValidationError(
                _(
                    "%(who)s saved this article while you were editing it, so your changes "
                    "were not saved. They are still in the form below: copy what you need, "
                    "open the article again in a new tab, and apply them there."
                ),
                code="stale",
                params={"who": who},
            )


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["display_name", "slug", "user"]
    prepopulated_fields = {"slug": ["display_name"]}
    search_fields = ["display_name", "user__username", "user__email"]
    autocomplete_fields = ["user"]
    list_select_related = ["user"]


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["author"]
    verbose_name = _("author in byline")
    verbose_name_plural = _("byline (in order)")


class CorrectionInline(admin.TabularInline):
    model = Correction
    extra = 0
    fields = ["kind", "text", "substantive", "created_at"]
    verbose_name_plural = _("corrections and updates (shown at the end of the article)")


class EditorialNoteInline(admin.TabularInline):
    model = EditorialNote
    extra = 1
    fields = ["text", "author", "created_at"]
    readonly_fields = ["author", "created_at"]
    verbose_name_plural = _("internal notes (never shown to readers)")

    def has_change_permission(self, request, obj=None):
        return False  # notes are a record: add, don't rewrite


class BodyImageInline(admin.TabularInline):
    """Pictures for the body: upload here, then put the address shown in the
    editor's image dialog. (Only our own uploads survive the sanitiser.)"""

    model = BodyImage
    extra = 1
    fields = ["image", "alt", "preview", "address"]
    readonly_fields = ["preview", "address"]
    verbose_name_plural = _(
        "images for the body (upload, save, then use the address in the editor)"
    )

    def has_change_permission(self, request, obj=None):
        return False  # replace a picture by uploading another: the body links this one

    @admin.display(description=_("preview"))
    def preview(self, obj):
        picture = obj.picture if obj and obj.pk else None
        if picture is None:
            return "–"
        return format_html('<img src="{}" alt="" width="120" loading="lazy">', picture.src)

    @admin.display(description=_("address to use in the body"))
    def address(self, obj):
        picture = obj.picture if obj and obj.pk else None
        if picture is None:
            return _("shown once saved")
        return format_html(
            '<input type="text" readonly value="{}" size="48" onfocus="this.select()" '
            'aria-label="{}">',
            picture.largest,
            _("Address of the image"),
        )


PREVIEW_LINK_MAX_DAYS = 30


class PreviewLinkForm(forms.ModelForm):
    revoke = forms.BooleanField(label=_("revoke"), required=False)

    class Meta:
        model = PreviewLink
        fields = ["expires_at"]

    def clean_expires_at(self):
        expires = self.cleaned_data["expires_at"]
        if "expires_at" not in self.changed_data:
            return expires
        now = timezone.now()
        if expires <= now:
            raise forms.ValidationError(_("Choose a time in the future."), code="past")
        if expires > now + timedelta(days=PREVIEW_LINK_MAX_DAYS):
            # A link outside the newsroom should not outlive the review it was made for.
            raise forms.ValidationError(
                _("A preview link can work for at most %(days)d days."),
                code="too_long",
                params={"days": PREVIEW_LINK_MAX_DAYS},
            )
        return expires

    def save(self, commit=True):
        if self.cleaned_data.get("revoke") and not self.instance.revoked_at:
            self.instance.revoked_at = timezone.now()
        return super().save(commit)


class PreviewLinkInline(admin.TabularInline):
    model = PreviewLink
    form = PreviewLinkForm
    extra = 0
    fields = ["link", "expires_at", "revoke", "status"]
    readonly_fields = ["link", "status"]
    verbose_name_plural = _("preview links for people without an account")

    @admin.display(description=_("link"))
    def link(self, obj):
        if not obj.pk:
            return _("Save to create the link")
        url = settings.SITE_URL + reverse("articles:preview", args=[obj.token])
        return format_html('<input type="text" readonly size="70" value="{}">', url)

    @admin.display(description=_("status"))
    def status(self, obj):
        if not obj.pk:
            return "—"
        if obj.revoked_at:
            return _("revoked")
        return _("active") if obj.is_active else _("expired")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.base_fields["expires_at"].initial = lambda: timezone.now() + timedelta(days=2)
        return formset


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        Status = Article.Status
        return [
            (Status.PLANNED, _("Planned")),
            (Status.DRAFT, _("Draft")),
            (Status.REVIEW, _("Awaiting review")),
            ("scheduled", _("Scheduled")),
            ("live", _("Published")),
            ("withdrawn", _("Unpublished or expired")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        Status = Article.Status
        if value in (Status.PLANNED, Status.DRAFT, Status.REVIEW):
            return queryset.filter(status=value)
        if value == "scheduled":
            # Soonest first: ArticleAdmin.get_ordering, as the change list's ordering wins.
            return queryset.scheduled()
        if value == "live":
            return queryset.published()
        if value == "withdrawn":
            return queryset.withdrawn()
        return queryset


class MineFilter(admin.SimpleListFilter):
    title = _("whose")
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("1", _("My articles"))]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.owned_by(request.user)
        return queryset


WORKFLOW_BUTTONS = {
    "_submit": "submit",
    "_publish": "publish",
    "_schedule": "schedule",
    "_unpublish": "unpublish",
    "_send_back": "send_back",
}
# What only editors set: publication, and where a story sits on the home page.
PUBLISHER_ONLY_FIELDS = {
    "status",
    "published_at",
    "expires_at",
    "updated_at",
    "is_featured",
    "priority",
}


@admin.register(ArticleTransition)
class AuditTrailAdmin(admin.ModelAdmin):
    """Every workflow step across the desk, for editors; a record, so read-only."""

    list_display = [
        "created_at",
        "article_link",
        "action",
        "from_status",
        "to_status",
        "user",
        "note",
    ]
    list_filter = ["action", "to_status", "created_at"]
    list_select_related = ["article", "user"]
    search_fields = ["article__headline", "note", "user__username", "user__last_name"]
    date_hierarchy = "created_at"

    @admin.display(description=_("article"), ordering="article__headline")
    def article_link(self, obj):
        url = reverse("admin:articles_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, obj.article.headline)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm

    class Media:
        css = {"all": ["css/admin-article.css"]}
        js = ["js/admin-article.js"]

    change_form_template = "admin/articles/article/change_form.html"
    list_display = [
        "thumbnail",
        "headline",
        "section",
        "status_badge",
        "published_at",
        "byline",
        "is_featured",
    ]
    list_display_links = ["thumbnail", "headline"]
    list_filter = [StatusFilter, MineFilter, "section", "bylines__author", "is_featured"]
    list_select_related = ["section"]
    search_fields = ["headline", "dek", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section"]
    inlines = [
        BylineInline,
        BodyImageInline,
        CorrectionInline,
        EditorialNoteInline,
        PreviewLinkInline,
    ]
    actions = ["submit_selected", "publish_selected", "unpublish_selected"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "body", "section", "tags"]}),
        (
            _("Lead image"),
            {
                "fields": [
                    "lead_image",
                    "lead_image_alt",
                    "lead_image_caption",
                    "lead_image_credit",
                ]
            },
        ),
        (
            _("Publication"),
            {
                "fields": [
                    "status",
                    "planned_for",
                    "published_at",
                    "expires_at",
                    "updated_at",
                    ("is_featured", "priority"),
                    "comments_enabled",
                    ("created_by", "created_at", "modified_at"),
                    "edit_version",
                    "transition_note",
                ]
            },
        ),
        (
            _("Search engines"),
            {"classes": ["collapse"], "fields": ["seo_title", "seo_description"]},
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("author")))
        )

    def changelist_view(self, request, extra_context=None):
        year = request.GET.get(f"{self.date_hierarchy}__year", "")
        if year and not (year.isascii() and year.isdecimal() and 1000 <= int(year) <= 9998):
            # Django computes the year after the one asked for: 9999 would be a 500.
            # Answer as Django does for other invalid lookups.
            return redirect(f"{request.path}?{ERROR_FLAG}=1")
        extra_context = {
            **(extra_context or {}),
            "can_see_calendar": workflow.works_on_articles(request.user),
        }
        return super().changelist_view(request, extra_context)

    def get_ordering(self, request):
        if request.GET.get(StatusFilter.parameter_name) == "scheduled":
            return ["published_at", "pk"]
        return super().get_ordering(request)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Read-only (a reporter's submitted story): the body as readers will see
        # it, not its HTML source.
        return [
            (
                name,
                {
                    **options,
                    "fields": [
                        "body_as_read" if field == "body" else field for field in options["fields"]
                    ],
                },
            )
            for name, options in fieldsets
        ]

    @admin.display(description=_("Body"))
    def body_as_read(self, obj):
        # Sanitised on save (articles/sanitize.py), as on the public page.
        return mark_safe(f'<div class="body-as-read">{responsive_body(obj.body)}</div>')

    def get_readonly_fields(self, request, obj=None):
        fields = ["status", "created_by", "created_at", "modified_at"]
        if not workflow.can_publish(request.user):
            fields += sorted(PUBLISHER_ONLY_FIELDS - set(fields))
        return fields

    def get_inlines(self, request, obj):
        inlines = [BylineInline, BodyImageInline, EditorialNoteInline]
        if request.user.has_perm("articles.view_correction"):
            inlines.insert(1, CorrectionInline)
        if obj is not None and request.user.has_perm("articles.add_previewlink"):
            inlines.append(PreviewLinkInline)
        return inlines

    def has_change_permission(self, request, obj=None):
        return workflow.can_edit(request.user, obj)

    @admin.display(description=_("image"))
    def thumbnail(self, obj):
        picture = obj.picture
        if not picture:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="64" height="{}" style="object-fit:cover">',
            picture.src,
            round(64 * picture.height / picture.width),
        )

    @admin.display(description=_("byline"))
    def byline(self, obj):
        return ", ".join(author.display_name for author in obj.byline_authors)

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj):
        if obj.is_scheduled:
            label, colour = _("Scheduled"), "#8a5a00"
        elif obj.is_live:
            label, colour = _("Published"), "#1b6e3a"
        elif obj.is_withdrawn:
            label, colour = _("Unpublished"), "#6b1f1a"
        elif obj.status == Article.Status.REVIEW:
            label, colour = obj.get_status_display(), "#0b4f82"
        else:
            label, colour = obj.get_status_display(), "#555"
        return format_html(
            '<span style="color:#fff;background:{};padding:2px 8px;border-radius:9px">{}</span>',
            colour,
            label,
        )

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_live else None

    # The single gate for every path that changes an article's state ----------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and not workflow.can_publish(request.user):
            # Date-time fields post as name_0 and name_1.
            posted = {re.sub(r"_\d+$", "", key) for key in request.POST}
            crafted = PUBLISHER_ONLY_FIELDS & posted
            buttons = {"_publish", "_schedule", "_unpublish", "_send_back"} & set(request.POST)
            if crafted or buttons:
                raise PermissionDenied(
                    _("Only editors may publish, schedule, unpublish or feature articles.")
                )
        extra_context = extra_context or {}
        if object_id:
            article = self.get_object(request, object_id)
            if article is not None:
                extra_context.update(self._workflow_context(request, article))
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _workflow_context(self, request, article):
        holder = None
        if self.has_change_permission(request, article):
            holder = edit_lock.acquire(article=article, user=request.user)
        if holder is not None and request.method == "GET":
            opened = timezone.localtime(article.locked_until - edit_lock.LOCK_TIME)
            since = opened.strftime("%H:%M")
            self.message_user(
                request,
                _(
                    "%(name)s is editing this article too (since %(time)s). Talk before "
                    "saving: the later of two saves will be refused."
                )
                % {"name": holder.get_full_name() or holder.get_username(), "time": since},
                messages.WARNING,
            )
        last_step = article.transitions.first()
        if (
            request.method == "GET"
            and article.status == Article.Status.DRAFT
            and last_step is not None
            and last_step.action == "send_back"
        ):
            # The reporter needs the editor's note; the full audit trail is for editors.
            self.message_user(
                request,
                _("Sent back by %(name)s: %(note)s")
                % {"name": last_step.user or _("an editor"), "note": last_step.note},
                messages.WARNING,
            )
        return {
            "workflow_actions": workflow.available_actions(request.user, article),
            "transitions": article.transitions.select_related("user")[:20]
            if request.user.has_perm("articles.view_articletransition")
            else None,
            "preview_url": reverse("admin:articles_article_preview", args=[article.pk]),
            "revisions_url": reverse("admin:articles_article_revisions", args=[article.pk]),
            "lock_url": reverse("admin:articles_article_lock", args=[article.pk])
            if self.has_change_permission(request, article)
            else None,
            # Renewed well before it runs out (edit_lock.LOCK_TIME).
            "lock_heartbeat_seconds": int(edit_lock.LOCK_TIME.total_seconds() / 3),
        }

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        profile = getattr(request.user, "author_profile", None)
        new = obj is None or obj.pk is None
        if isinstance(inline, BylineInline) and new and profile and request.method == "GET":
            # A new story starts under its writer's byline.
            kwargs["initial"] = [{"author": profile.pk, "position": 0}]
        return kwargs

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            obj.status = workflow.initial_status(article=obj)
        obj.version = (obj.version or 0) + 1
        super().save_model(request, obj, form, change)
        edit_lock.release(article=obj, user=request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        substantive = article.corrections.filter(substantive=True).order_by("-created_at").first()
        if (
            substantive
            and article.published_at
            and substantive.created_at >= article.published_at
            and (not article.updated_at or substantive.created_at > article.updated_at)
        ):
            # A substantive update moves the "Updated" time readers see.
            Article.objects.filter(pk=article.pk).update(updated_at=substantive.created_at)
        for note_form in (f for formset in formsets for f in formset.forms):
            instance = note_form.instance
            if isinstance(instance, EditorialNote) and instance.pk and instance.author_id is None:
                EditorialNote.objects.filter(pk=instance.pk).update(author=request.user)
            if isinstance(instance, PreviewLink) and instance.pk and not instance.created_by_id:
                PreviewLink.objects.filter(pk=instance.pk).update(created_by=request.user)
        workflow.save_revision(article=article, by=request.user)

    def _apply_button(self, request, obj, form):
        action = next((WORKFLOW_BUTTONS[b] for b in WORKFLOW_BUTTONS if b in request.POST), None)
        if action is None:
            return
        note = form.cleaned_data.get("transition_note", "") if form else ""
        try:
            if action == "schedule":
                workflow.schedule(article=obj, by=request.user, when=obj.published_at, note=note)
            else:
                workflow.ACTIONS[action](article=obj, by=request.user, note=note)
        except workflow.InvalidTransition as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, f"“{obj.headline}” {ACTION_DONE[action]}", messages.SUCCESS)

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        self._apply_button(request, obj, getattr(request, "_article_form", None))
        return response

    def response_change(self, request, obj):
        self._apply_button(request, obj, getattr(request, "_article_form", None))
        if any(button in request.POST for button in WORKFLOW_BUTTONS):
            return redirect(reverse("admin:articles_article_change", args=[obj.pk]))
        return super().response_change(request, obj)

    def save_form(self, request, form, change):
        # On the request, not on the shared ModelAdmin: other requests run in parallel.
        request._article_form = form
        return super().save_form(request, form, change)

    def _bulk(self, request, queryset, action):
        done, refused = 0, []
        for article in queryset:
            try:
                workflow.ACTIONS[action](article=article, by=request.user)
                done += 1
            except (PermissionDenied, workflow.InvalidTransition) as error:
                refused.append(f"“{article.headline}”: {error}")
        if done:
            self.message_user(
                request,
                _("%(count)d article(s): %(done)s") % {"count": done, "done": ACTION_DONE[action]},
                messages.SUCCESS,
            )
        for message in refused:
            self.message_user(request, message, messages.ERROR)

    @admin.action(description=_("Submit selected for review"))
    def submit_selected(self, request, queryset):
        self._bulk(request, queryset, "submit")

    @admin.action(description=_("Publish selected now"))
    def publish_selected(self, request, queryset):
        self._bulk(request, queryset, "publish")

    @admin.action(description=_("Unpublish selected"))
    def unpublish_selected(self, request, queryset):
        self._bulk(request, queryset, "unpublish")

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        if not workflow.can_publish(request.user):
            actions.pop("publish_selected", None)
            actions.pop("unpublish_selected", None)
        return actions

    # Preview, revisions and the calendar ---------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("calendar/", view(self.calendar_view), name="articles_article_calendar"),
            path("tags/", view(self.tag_suggestions_view), name="articles_article_tags"),
            path("<int:pk>/preview/", view(self.preview_view), name="articles_article_preview"),
            path("<int:pk>/lock/", view(self.lock_view), name="articles_article_lock"),
            path(
                "<int:pk>/revisions/", view(self.revisions_view), name="articles_article_revisions"
            ),
            path(
                "<int:pk>/revisions/<int:revision_id>/restore/",
                view(self.restore_view),
                name="articles_article_restore",
            ),
            *super().get_urls(),
        ]

    def tag_suggestions_view(self, request):
        """Existing tags starting with what is typed, for the tags field's suggestions."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        term = request.GET.get("q", "").strip()[:100]
        names = (
            list(
                Tag.objects.filter(name__istartswith=term)
                .order_by("name")
                .values_list("name", flat=True)[:15]
            )
            if term
            else []
        )
        return JsonResponse({"tags": names})

    def lock_view(self, request, pk):
        """The change form's heartbeat: keeps the edit lock while the form is open."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = get_object_or_404(Article, pk=pk)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        holder = edit_lock.acquire(article=article, user=request.user)
        return JsonResponse(
            {"other_editor": (holder.get_full_name() or holder.get_username()) if holder else None}
        )

    def preview_view(self, request, pk):
        article = get_object_or_404(Article.objects.for_page(), pk=pk)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        response = render_article(request, article, preview=True)
        response["X-Robots-Tag"] = "noindex"
        return response

    def revisions_view(self, request, pk):
        article = get_object_or_404(Article, pk=pk)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        revisions = list(article.revisions.select_related("user"))
        diff = None
        first, second = request.GET.get("a", ""), request.GET.get("b", "")
        if first.isdecimal() and second.isdecimal():
            older = get_object_or_404(ArticleRevision, pk=first, article=article)
            newer = get_object_or_404(ArticleRevision, pk=second, article=article)
            diff = revisions_module.compare(older, newer)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": article,
            "title": _("History of “%(headline)s”") % {"headline": article.headline},
            "revisions": revisions,
            "diff": diff,
            "selected": (first, second),
            "can_restore": workflow.can_edit(request.user, article),
        }
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    def restore_view(self, request, pk, revision_id):
        if request.method != "POST":
            return redirect(reverse("admin:articles_article_revisions", args=[pk]))
        revision = get_object_or_404(ArticleRevision, pk=revision_id, article_id=pk)
        try:
            workflow.restore_revision(revision=revision, by=request.user)
        except ValidationError as error:
            problems = "; ".join(
                f"{field}: {' '.join(texts)}" if field != NON_FIELD_ERRORS else " ".join(texts)
                for field, texts in error.message_dict.items()
            )
            self.message_user(
                request,
                _("This revision cannot be restored as it stands (%(problems)s). Nothing changed.")
                % {"problems": problems},
                messages.ERROR,
            )
            return redirect(reverse("admin:articles_article_revisions", args=[pk]))
        self.message_user(
            request,
            _("The older version is back; it is also the newest revision."),
            messages.SUCCESS,
        )
        return redirect(reverse("admin:articles_article_change", args=[pk]))

    def calendar_view(self, request):
        # The calendar shows unpublished work: not for everyone who may view articles.
        if not workflow.works_on_articles(request.user):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Editorial calendar"),
            **calendar.build(request.GET.get("view", "week"), request.GET.get("start")),
        }
        return TemplateResponse(request, "admin/articles/article/calendar.html", context)


ACTION_DONE = {
    "submit": _("submitted for review."),
    "send_back": _("sent back to the reporter."),
    "publish": _("published."),
    "schedule": _("scheduled."),
    "unpublish": _("unpublished: its address now answers “410 Gone”."),
}
