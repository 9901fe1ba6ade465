"""The article admin's own pages beside the change form: the editorial calendar,
tag suggestions, the preview, the edit-lock heartbeat, the revisions with
their diff and restore, and making a translation. Mixed into ArticleAdmin."""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from newsroom.admin_pages import AdminPagesMixin
from newsroom.http import personal

from .. import calendar, edit_lock, revisions, services
from ..models import Article, ArticleRevision
from ..permissions import can_edit, works_on_articles
from ..views import render_article


class ArticlePagesMixin(AdminPagesMixin):
    admin_pages = [
        ("calendar/", "calendar_view", "calendar"),
        ("tags/", "tag_suggestions_view", "tags"),
        ("<int:pk>/preview/", "preview_view", "preview"),
        ("<int:pk>/lock/", "lock_view", "lock"),
        ("<int:pk>/revisions/", "revisions_view", "revisions"),
        ("<int:pk>/revisions/<int:revision_id>/restore/", "restore_view", "restore"),
        ("<int:pk>/translate/", "translate_view", "translate"),
    ]

    def translate_view(self, request, pk):
        """The change page's "Translate into…" buttons: a new version of the
        story in the language asked for (services.create_translation), then
        its own change page."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = get_object_or_404(Article, pk=pk)
        if not (self.has_view_permission(request, article) and self.has_add_permission(request)):
            raise PermissionDenied
        try:
            translation = services.create_translation(
                article=article, language=request.POST.get("language", ""), by=request.user
            )
        except services.TranslationRefused as error:
            self.message_user(request, str(error), messages.ERROR)
            return redirect(reverse("admin:articles_article_change", args=[pk]))
        note = _("Created as a translation of #%(pk)d") % {"pk": article.pk}
        revisions.save_revision(article=translation, by=request.user, note=str(note))
        self.message_user(
            request,
            _(
                "The %(language)s version of “%(headline)s” is ready to translate: "
                "its text is still the original's."
            )
            % {"language": translation.get_language_display(), "headline": article.headline},
            messages.SUCCESS,
        )
        return redirect(reverse("admin:articles_article_change", args=[translation.pk]))

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
        return personal(render_article(request, article, preview=True))

    def revisions_view(self, request, pk):
        article = get_object_or_404(Article, pk=pk)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        history = list(article.revisions.select_related("user"))
        first, second = request.GET.get("a", ""), request.GET.get("b", "")
        diff, choice_error, older, newer = None, None, None, None
        # The Compare button is named, so pressing it with nothing chosen is noticed too.
        if {"a", "b", "compare"} & request.GET.keys():
            by_pk = {str(revision.pk): revision for revision in history}
            older, newer = by_pk.get(first), by_pk.get(second)
            if older is None and newer is None:
                choice_error = _("Choose an older and a newer revision to compare.")
            elif older is None:
                choice_error = _("Choose the older revision to compare with.")
            elif newer is None:
                choice_error = _("Choose the newer revision to compare with.")
            elif older == newer:
                choice_error = _("Choose two different revisions: this one is the same as itself.")
            else:
                # Picked the other way round: the comparison still reads from old to new.
                if (older.created_at, older.pk) > (newer.created_at, newer.pk):
                    older, newer = newer, older
                diff = revisions.compare(older, newer)
        return self.render_page(
            request,
            "admin/articles/article/revisions.html",
            title=_("Revisions of “%(headline)s”") % {"headline": article.headline},
            original=article,
            revisions=list(zip(history, revisions.summaries(history), strict=True)),
            diff=diff,
            older=older,
            newer=newer,
            choice_error=choice_error,
            selected=(first, second),
            can_restore=can_edit(request.user, article),
        )

    def restore_view(self, request, pk, revision_id):
        if request.method != "POST":
            return redirect(reverse("admin:articles_article_revisions", args=[pk]))
        revision = get_object_or_404(ArticleRevision, pk=revision_id, article_id=pk)
        try:
            revisions.restore_revision(revision=revision, by=request.user)
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
        if not works_on_articles(request.user):
            raise PermissionDenied
        return self.render_page(
            request,
            "admin/articles/article/calendar.html",
            title=_("Editorial calendar"),
            **calendar.build(request.GET.get("view", "week"), request.GET.get("start")),
        )
