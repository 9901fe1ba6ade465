"""The article change list's filters: by where a story stands, "mine", and
by language (issue 12)."""

from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import Article


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        Status = Article.Status
        return [
            (Status.PLANNED, _("Planned")),
            (Status.TRANSLATION, _("Needs translation")),
            (Status.DRAFT, _("Draft")),
            (Status.REVIEW, _("Awaiting review")),
            ("scheduled", _("Scheduled")),
            ("live", _("Published")),
            ("withdrawn", _("Unpublished or expired")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        Status = Article.Status
        if value in (Status.PLANNED, Status.TRANSLATION, Status.DRAFT, Status.REVIEW):
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


class LanguageFilter(admin.SimpleListFilter):
    title = _("language")
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return settings.LANGUAGES

    def queryset(self, request, queryset):
        if self.value() in dict(settings.LANGUAGES):
            return queryset.filter(language=self.value())
        return queryset


class MissingLanguageFilter(admin.SimpleListFilter):
    """The stories still to translate into a language: no version of theirs is in it."""

    title = _("no version in")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return settings.LANGUAGES

    def queryset(self, request, queryset):
        language = self.value()
        if language not in dict(settings.LANGUAGES):
            return queryset
        translated = Article.objects.filter(language=language).values("translation_key")
        return queryset.exclude(language=language).exclude(translation_key__in=translated)
