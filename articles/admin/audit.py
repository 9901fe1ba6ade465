"""The desk's audit trail: every workflow step, read-only."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..models import ArticleTransition


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
