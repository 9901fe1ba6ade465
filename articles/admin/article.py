"""The article admin: the change list, and the change form built for each role
from the rules in articles/permissions.py and articles/services.py."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.main import ERROR_FLAG
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, StringAgg, Subquery, Value
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .. import edit_lock, revisions, services
from ..images import responsive_body
from ..models import Article, EditorialNote, PreviewLink
from ..permissions import (
    can_edit,
    can_publish,
    closed_fields,
    guarded_fields,
    may_read,
    readable,
    works_on_articles,
)
from ..slugs import TRANSLITERATION
from .filters import LanguageFilter, MineFilter, MissingLanguageFilter, StatusFilter
from .forms import ArticleAdminForm
from .inlines import (
    BodyImageInline,
    BylineInline,
    CorrectionInline,
    EditorialNoteInline,
    PreviewLinkInline,
)
from .pages import ArticlePagesMixin

# The session key marking the article whose change page follows a workflow move.
AFTER_MOVE = "articles_after_move"

# Who is recorded as having made a row added through an inline of the article page.
STAMPED = {EditorialNote: "author", PreviewLink: "created_by"}


@admin.register(Article)
class ArticleAdmin(ArticlePagesMixin, admin.ModelAdmin):
    form = ArticleAdminForm

    class Media:
        css = {"all": ["css/admin-article.css"]}
        # admin-slug.js replaces Django's URLify, so it comes after it.
        js = ["js/admin-article.js", "admin/js/urlify.js", "js/admin-slug.js"]

    change_form_template = "admin/articles/article/change_form.html"
    # Few, dense columns, so the list fits beside the admin's menu and the
    # filters at 1280 px and at 1024 px (issue 11): the section, the byline and
    # the home-page star are the headline's secondary line.
    list_display = ["thumbnail", "story", "status_badge", "first_published"]
    list_display_links = ["thumbnail"]
    list_filter = [
        StatusFilter,
        MineFilter,
        LanguageFilter,
        MissingLanguageFilter,
        "section",
        "bylines__author",
        "is_featured",
    ]
    list_select_related = ["section"]
    search_fields = ["headline", "standfirst", "slug"]
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
        (
            None,
            {"fields": ["headline", "language", "slug", "standfirst", "body", "section", "tags"]},
        ),
        (
            _("Lead image"),
            {
                "fields": [
                    "lead_image",
                    "lead_image_state",
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
                    # Where the story stands as the list says it (a scheduled story's
                    # status column reads "published"): status_badge's one rule.
                    "status_now",
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
        # The change list prints the bylines (and the section) of every row; the
        # change form edits the body, which public card lists leave out. The
        # languages of each row's story come in the same query (issue 12).
        story_languages = (
            Article.objects.filter(translation_key=OuterRef("translation_key"))
            .order_by()
            .values("translation_key")
            .annotate(codes=StringAgg("language", Value(",")))
            .values("codes")
        )
        return (
            super()
            .get_queryset(request)
            .for_cards()
            .defer(None)
            .annotate(story_languages=Subquery(story_languages))
        )

    def changelist_view(self, request, extra_context=None):
        year = request.GET.get(f"{self.date_hierarchy}__year", "")
        if year and not (year.isascii() and year.isdecimal() and 1000 <= int(year) <= 9998):
            # Django computes the year after the one asked for: 9999 would be a 500.
            # Answer as Django does for other invalid lookups.
            return redirect(f"{request.path}?{ERROR_FLAG}=1")
        extra_context = {
            **(extra_context or {}),
            "can_see_calendar": works_on_articles(request.user),
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
        return [*closed_fields(request.user), "lead_image_state", "status_now"]

    @admin.display(description=_("lead image status"))
    def lead_image_state(self, obj):
        return (obj.image_state if obj else "") or "—"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # A class made for this request: the move its button asks for.
        form.action = self._pressed(request)
        return form

    def get_inlines(self, request, obj):
        inlines = [BylineInline, BodyImageInline, EditorialNoteInline]
        if request.user.has_perm("articles.view_correction"):
            inlines.insert(1, CorrectionInline)
        if obj is not None and request.user.has_perm("articles.add_previewlink"):
            inlines.append(PreviewLinkInline)
        return inlines

    def has_change_permission(self, request, obj=None):
        return can_edit(request.user, obj)

    def has_view_permission(self, request, obj=None):
        # Every page about one article (its form, history, revisions, preview)
        # asks this: a 403 for unpublished work to those off the desk.
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or may_read(request.user, obj))

    def get_search_results(self, request, queryset, search_term):
        # The change list and the issue form's article search both come here:
        # off the desk, only published articles are listed or found.
        return super().get_search_results(request, readable(request.user, queryset), search_term)

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

    @admin.display(description=_("headline"), ordering="headline")
    def story(self, obj):
        facts = [obj.section.name]
        if obj.is_featured:
            facts.insert(0, str(_("★ Featured")))
        byline = ", ".join(author.display_name for author in obj.byline_authors)
        if byline:
            facts.append(byline)
        return format_html(
            '<a href="{}">{}</a><small class="list-facts">{}</small>',
            reverse("admin:articles_article_change", args=[obj.pk]),
            obj.headline,
            " · ".join(facts),
        )

    @admin.display(description=_("first published"), ordering="published_at")
    def first_published(self, obj):
        if obj.published_at is None:
            return "—"
        when = timezone.localtime(obj.published_at)
        return format_html(
            '{}<small class="list-facts">{}</small>',
            date_format(when, "j M Y"),
            date_format(when, "H:i"),
        )

    @staticmethod
    def _standing(obj) -> tuple[str, str]:
        """Where the story stands for readers, and its colour: the change list's
        badge and the change form's status say the same."""
        if obj.is_scheduled:
            return _("Scheduled"), "#8a5a00"
        if obj.is_live:
            return _("Published"), "#1b6e3a"
        if obj.is_withdrawn:
            return _("Unpublished"), "#6b1f1a"
        if obj.status == Article.Status.REVIEW:
            return obj.get_status_display(), "#0b4f82"
        return obj.get_status_display(), "#555"

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj):
        label, colour = self._standing(obj)
        return format_html(
            '<span style="color:#fff;background:{};padding:2px 8px;border-radius:9px">{}</span>{}',
            colour,
            label,
            self._languages(obj),
        )

    @staticmethod
    def _languages(obj):
        """The story's versions as language codes under the status, this one's
        first and bold ("EN · ru · az"): which stories lack a language shows at
        a glance without a column of its own."""
        codes = set((getattr(obj, "story_languages", None) or obj.language).split(","))
        names = dict(settings.LANGUAGES)
        others = [code for code in names if code in codes and code != obj.language]
        title = ", ".join(str(names.get(code, code)) for code in [obj.language, *others])
        return format_html(
            '<small class="list-facts story-languages" title="{}"><b>{}</b>{}</small>',
            _("Versions: %(languages)s") % {"languages": title},
            obj.language.upper(),
            "".join(f" · {code}" for code in others),
        )

    @admin.display(description=_("status"))
    def status_now(self, obj):
        label, _colour = self._standing(obj)
        if obj.is_scheduled:
            when = date_format(timezone.localtime(obj.published_at), "D j M Y, H:i")
            return _("%(label)s for %(when)s") % {"label": label, "when": when}
        return label

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_live else None

    # What the role's form offers, and what a crafted request adds to it ------
    # Whether a move is allowed is decided by services.transition (the table of
    # moves); here a request is only checked against the form this person was
    # shown, so a crafted one is refused whole instead of half applied.

    @staticmethod
    def _pressed_buttons(request) -> list[str]:
        """The workflow moves whose buttons the POST names (as Django's admin names
        its own buttons, ``_save``, ``_continue``: a button ``_<move>``)."""
        if request.method != "POST":
            return []
        return [action for action in services.TRANSITIONS if f"_{action}" in request.POST]

    def _pressed(self, request) -> str | None:
        """The one workflow move asked for, if any."""
        pressed = self._pressed_buttons(request)
        return pressed[0] if pressed else None

    def _posted_names(self, request, field_name: str) -> set[str]:
        """The names a field's value can arrive under: its own, and those of the
        parts of its admin widget (a date-time posts as name_0 and name_1)."""
        formfield = self.formfield_for_dbfield(Article._meta.get_field(field_name), request)
        parts = getattr(formfield.widget, "widgets_names", []) if formfield else []
        return {field_name, *(field_name + part for part in parts)}

    def _refuse_what_the_role_may_not_do(self, request, article):
        """A move or a field the person's form does not offer, sent anyway, is a
        crafted request: refused outright rather than silently ignored."""
        pressed = self._pressed_buttons(request)
        # A browser sends one button; two at once is a crafted request.
        crafted_button = len(pressed) > 1 or any(
            not services.may(action, request.user, article) for action in pressed
        )
        crafted_field = any(
            name in request.POST
            for field in guarded_fields(request.user)
            for name in self._posted_names(request, field)
        )
        if crafted_button or crafted_field:
            raise PermissionDenied(
                _("Only editors may publish, schedule, unpublish or feature articles.")
            )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        article = self.get_object(request, object_id) if object_id else None
        if request.method == "POST":
            self._refuse_what_the_role_may_not_do(request, article)
        # The browser makes the slug from the headline as articles/slugs.py does
        # (newsroom/static/js/admin-slug.js), with the same letters.
        extra_context = {**(extra_context or {}), "slug_transliteration": TRANSLITERATION}
        if article is not None:
            extra_context.update(self._workflow_context(request, article))
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _workflow_context(self, request, article):
        holder = None
        # The page shown after a workflow move is not someone starting to edit:
        # taking the lock there would tell the reporter a story just sent back
        # is still being edited (issue 11).
        after_move = request.method == "GET" and request.session.pop(AFTER_MOVE, None) == article.pk
        may_edit = self.has_change_permission(request, article) and not after_move
        if may_edit:
            holder = edit_lock.acquire(article=article, user=request.user)
        elif after_move:
            holder = edit_lock.holder(article=article, user=request.user)
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
            "versions": self._versions(article),
            "translate_into": services.missing_languages(article)
            if self.has_add_permission(request)
            else [],
            "translate_url": reverse("admin:articles_article_translate", args=[article.pk]),
            "workflow_actions": services.available_actions(request.user, article),
            "transitions": article.transitions.select_related("user")[:20]
            if request.user.has_perm("articles.view_articletransition")
            else None,
            "preview_url": reverse("admin:articles_article_preview", args=[article.pk]),
            "revisions_url": reverse("admin:articles_article_revisions", args=[article.pk]),
            "lock_url": reverse("admin:articles_article_lock", args=[article.pk])
            if may_edit
            else None,
            # Renewed well before it runs out (edit_lock.LOCK_TIME).
            "lock_heartbeat_seconds": int(edit_lock.LOCK_TIME.total_seconds() / 3),
        }

    def _versions(self, article):
        """The story's other versions, in the order of settings.LANGUAGES, with
        where each stands."""
        order = [code for code, _name in settings.LANGUAGES]
        others = Article.objects.filter(translation_key=article.translation_key).exclude(
            pk=article.pk
        )
        others = sorted(
            others.only("pk", "language", "headline", "status", "published_at", "expires_at"),
            key=lambda other: order.index(other.language) if other.language in order else 99,
        )
        return [(other, self._standing(other)[0]) for other in others]

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        profile = getattr(request.user, "author_profile", None)
        new = obj is None or obj.pk is None
        if isinstance(inline, BylineInline) and new and profile and request.method == "GET":
            # A new story starts under its writer's byline.
            kwargs["initial"] = [{"author": profile.pk, "position": 0}]
        return kwargs

    def save_model(self, request, obj, form, change):
        services.save_article(article=obj, by=request.user)

    def save_formset(self, request, form, formset, change):
        field = STAMPED.get(formset.model)
        if field:
            # A note or a link records who made it, from the moment it exists.
            for inline_form in formset.forms:
                if inline_form.instance.pk is None:
                    setattr(inline_form.instance, field, request.user)
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.note_corrections(article=form.instance)
        revisions.save_revision(article=form.instance, by=request.user)

    def _apply_button(self, request, obj, form):
        action = self._pressed(request)
        if action is None:
            return
        note = form.cleaned_data.get("transition_note", "") if form else ""
        when = obj.published_at if action == "schedule" else None
        try:
            services.transition(article=obj, action=action, by=request.user, note=note, when=when)
        except services.InvalidTransition as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, f"“{obj.headline}” {ACTION_DONE[action]}", messages.SUCCESS)
            # The move ends this editing session: the lock goes, and the page
            # shown next does not take it again.
            edit_lock.release(article=obj, user=request.user)
            request.session[AFTER_MOVE] = obj.pk

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        self._apply_button(request, obj, getattr(request, "_article_form", None))
        return response

    def response_change(self, request, obj):
        self._apply_button(request, obj, getattr(request, "_article_form", None))
        if self._pressed(request):
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
                services.transition(article=article, action=action, by=request.user)
                done += 1
            except (PermissionDenied, services.InvalidTransition) as error:
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
        if not can_publish(request.user):
            actions.pop("publish_selected", None)
            actions.pop("unpublish_selected", None)
        return actions


ACTION_DONE = {
    "submit": _("submitted for review."),
    "send_back": _("sent back to the reporter."),
    "publish": _("published."),
    "schedule": _("scheduled."),
    "unpublish": _("unpublished: its address now answers “410 Gone”."),
}
