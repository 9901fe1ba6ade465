"""A soft edit lock: who else has an article open in the admin. It warns; the
optimistic version check (services.check_version) is what refuses stale saves."""

from datetime import timedelta

from django.utils import timezone

from .models import Article

LOCK_TIME = timedelta(minutes=10)


def holder(*, article: Article, user):
    """The other editor holding the lock, if any (without taking it)."""
    if (
        article.locked_by_id
        and article.locked_by_id != user.pk
        and article.locked_until
        and article.locked_until > timezone.now()
    ):
        return article.locked_by
    return None


def acquire(*, article: Article, user):
    """Take (or refresh) the lock; return the other editor holding it, if any."""
    other = holder(article=article, user=user)
    if other is not None:
        return other
    Article.objects.filter(pk=article.pk).update(
        locked_by=user, locked_until=timezone.now() + LOCK_TIME
    )
    return None


def release(*, article: Article, user) -> None:
    Article.objects.filter(pk=article.pk, locked_by=user).update(locked_by=None, locked_until=None)
