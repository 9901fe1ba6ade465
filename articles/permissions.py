"""Who may do what to an article. The admin builds each role's form and buttons
from these rules, and the services check them again, so they hold whatever the
client sends."""

from .models import Article

Status = Article.Status
PUBLISH_PERMISSION = "articles.publish_article"
EDIT_ANY_PERMISSION = "articles.edit_any_article"

# What only editors set: publication, and where a story sits on the home page.
PUBLISHER_ONLY_FIELDS = frozenset(
    {"status", "published_at", "expires_at", "updated_at", "is_featured", "priority"}
)
# Set by the workflow and the save itself, never typed in by anyone.
RECORD_FIELDS = ("status", "created_by", "created_at", "modified_at")


def is_own(user, article: Article) -> bool:
    if article.created_by_id == user.pk:
        return True
    return any(author.user_id == user.pk for author in article.authors.all())


def can_publish(user) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


def can_edit(user, article: Article | None) -> bool:
    """Editors edit anything; reporters their own drafts (and planned stories and
    translations still to do)."""
    if not user.has_perm("articles.change_article"):
        return False
    if article is None or user.has_perm(EDIT_ANY_PERMISSION):
        return True
    return is_own(user, article) and article.status in (
        Status.DRAFT,
        Status.PLANNED,
        Status.TRANSLATION,
    )


def works_on_articles(user) -> bool:
    """Reporters, editors and chief editors: the people who may see unpublished
    work on the desk (the calendar). Viewing articles alone is not enough: the
    Newsletter manager may view articles to pick them for an issue."""
    return user.has_perm("articles.change_article")


def can_keep_own_byline(user) -> bool:
    """Whoever writes on the desk may create and edit their own author profile
    (issue 11); changing anyone else's takes ``articles.change_author``."""
    return works_on_articles(user)


def may_read(user, article: Article) -> bool:
    """Unpublished work (a draft, a story in review, a scheduled or withdrawn
    one) is the desk's; anyone else who may view articles (the Newsletter
    manager, to pick them for an issue) reads what readers can read."""
    return works_on_articles(user) or article.is_live


def readable(user, queryset):
    """The articles of ``queryset`` that ``user`` may read (``may_read``)."""
    return queryset if works_on_articles(user) else queryset.published()


def guarded_fields(user) -> frozenset[str]:
    """Fields this person may not set, and whose value in a request is a crafted
    attempt (setting them is a workflow step), not a form to save."""
    return frozenset() if can_publish(user) else PUBLISHER_ONLY_FIELDS


def closed_fields(user) -> list[str]:
    """The fields of the article form this person sees read-only."""
    return [*RECORD_FIELDS, *sorted(guarded_fields(user) - set(RECORD_FIELDS))]
