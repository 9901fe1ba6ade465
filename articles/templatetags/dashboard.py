from django import template
from django.db.models import Q
from django.utils import timezone

from articles import workflow
from articles.models import Article

register = template.Library()
SHOW = 6


@register.inclusion_tag("admin/_dashboard.html", takes_context=True)
def newsroom_dashboard(context):
    """The desk at a glance, on the admin index, for the signed-in user."""
    user = context["request"].user
    # Drafts and plans are for the people who work on articles; a newsletter
    # manager may view articles (to pick them for an issue) but not the desk.
    if not workflow.works_on_articles(user):
        return {"show": False}
    now = timezone.now()
    articles = Article.objects.select_related("section")
    mine = Q(created_by=user) | Q(bylines__author__user=user)
    return {
        "show": True,
        "my_drafts": articles.filter(mine, status__in=["draft", "planned"])
        .distinct()
        .order_by("-modified_at")[:SHOW],
        "in_review": articles.filter(status="review").order_by("modified_at")[:SHOW],
        "scheduled": articles.filter(status="published", published_at__gt=now).order_by(
            "published_at"
        )[:SHOW],
        "recent": Article.objects.published().select_related("section")[:SHOW],
    }
