from django import forms
from django.conf import settings
from django.contrib import admin
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .models import Article, Author, Byline, Section

admin.site.site_header = format_lazy("{} · {}", settings.SITE_NAME, _("Newsroom"))
admin.site.site_title = _("Newsroom")
admin.site.index_title = _("Newsroom")


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose what is shown
        widgets = {
            "headline": forms.TextInput(attrs={"size": 90}),
            "slug": forms.TextInput(attrs={"size": 90}),
            "dek": forms.Textarea(attrs={"rows": 3, "cols": 90}),
            "body": forms.Textarea(attrs={"rows": 24, "cols": 90}),
            "lead_image_alt": forms.TextInput(attrs={"size": 90}),
            "lead_image_caption": forms.TextInput(attrs={"size": 90}),
            "seo_title": forms.TextInput(attrs={"size": 70}),
            "seo_description": forms.Textarea(attrs={"rows": 2, "cols": 90}),
        }


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


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "thumbnail",
        "headline",
        "section",
        "status_badge",
        "published_at",
        "is_featured",
    ]
    list_display_links = ["thumbnail", "headline"]
    list_filter = ["status", "section", "is_featured", "bylines__author"]
    list_select_related = ["section"]
    search_fields = ["headline", "dek", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section"]
    inlines = [BylineInline]
    readonly_fields = ["created_at", "modified_at"]
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
                    "published_at",
                    "updated_at",
                    ("is_featured", "priority"),
                    "comments_enabled",
                    ("created_at", "modified_at"),
                ]
            },
        ),
        (
            _("Search engines"),
            {"classes": ["collapse"], "fields": ["seo_title", "seo_description"]},
        ),
    ]

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

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj):
        if obj.is_scheduled:
            label, colour = _("Scheduled"), "#8a5a00"
        elif obj.is_live:
            label, colour = _("Published"), "#1b6e3a"
        else:
            label, colour = obj.get_status_display(), "#555"
        return format_html(
            '<span style="color:#fff;background:{};padding:2px 8px;border-radius:9px">{}</span>',
            colour,
            label,
        )

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_live else None
