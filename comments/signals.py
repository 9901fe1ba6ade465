"""Model signals of the comments app: the shared page cache (cache_tags.py)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from newsroom import page_cache

from .cache_tags import comments_changed
from .models import Comment, DiscussionSettings


@receiver(post_save, sender=Comment)
def comment_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    # An approved comment edited, or any status change (moderate() names the
    # field): an approval, or the removal of an approved one.
    if raw:
        return
    if instance.status == Comment.Status.APPROVED or (update_fields and "status" in update_fields):
        comments_changed([instance.article_id])


@receiver(post_delete, sender=Comment)
def comment_deleted(sender, instance, **kwargs):
    if instance.status == Comment.Status.APPROVED:
        comments_changed([instance.article_id])


@receiver(post_save, sender=DiscussionSettings)
def rules_saved(sender, instance, raw=False, **kwargs):
    """The rules shape every article page (the form, paging, closing)."""
    if not raw:
        page_cache.clear()
