from django import template

from articles.models import Article
from articles.permissions import works_on_articles

register = template.Library()
SHOW = 6


@register.inclusion_tag("admin/_dashboard.html", takes_context=True)
def newsroom_dashboard(context):
    """The desk at a glance, on the admin index, for the signed-in user."""
    user = context["request"].user
    # Drafts and plans are for the people who work on articles; a newsletter
    # manager may view articles (to pick them for an issue) but not the desk.
    if not works_on_articles(user):
        return {"show": False}
    articles = Article.objects.select_related("section")
    Status = Article.Status
    in_review = articles.filter(status=Status.REVIEW)
    to_translate = articles.filter(status=Status.TRANSLATION)
    return {
        "show": True,
        "may_add_people": user.has_perm("auth.add_user"),
        "my_drafts": articles.owned_by(user)
        .filter(status__in=[Status.DRAFT, Status.PLANNED, Status.TRANSLATION])
        .order_by("-modified_at")[:SHOW],
        "in_review": in_review.order_by("modified_at")[:SHOW],
        # Only the oldest few are listed: the count leads to the rest.
        "in_review_count": in_review.count(),
        "review_filter": Status.REVIEW,
        # Versions made from another language's and not yet translated (issue 12).
        "to_translate": to_translate.order_by("created_at")[:SHOW],
        "to_translate_count": to_translate.count(),
        "translation_filter": Status.TRANSLATION,
        "scheduled": articles.scheduled().order_by("published_at")[:SHOW],
        "recent": Article.objects.published().select_related("section")[:SHOW],
    }
