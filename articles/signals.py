"""Model signals of the articles app."""

import hashlib
from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, pre_save
from django.dispatch import receiver
from taggit.models import Tag

from . import images, tasks
from .models import Article, Author, BodyImage


def fallback_slug(name: str) -> str:
    """A stable slug for a tag whose name has no letter or digit (migration
    0008 gives it to such tags saved before this rule)."""
    return "tag-" + hashlib.sha256(name.encode()).hexdigest()[:8]


@receiver(pre_save, sender=Tag)
def give_every_tag_a_slug(sender, instance, **kwargs):
    """django-taggit slugifies "!!!" or "—" to an empty slug, which no tag URL
    can carry."""
    if not instance.slug:
        instance.slug = fallback_slug(instance.name)


# Image work goes to the task worker once the save commits: before, the worker
# could not see the row (or would see it rolled back), and files are never
# deleted before the save that stops using them is durable.


@receiver(images.image_changed)
def hand_image_work_to_the_worker(sender, instance, incoming, obsolete, **kwargs):
    if incoming:
        transaction.on_commit(
            partial(
                tasks.publish_image.enqueue,
                sender._meta.label,
                instance.pk,
                sender.image_field,
                incoming,
            )
        )
    if obsolete:
        transaction.on_commit(partial(tasks.delete_image_files.enqueue, obsolete))


def delete_files_of_deleted_image(sender, instance, **kwargs):
    field = sender.image_field
    names = images.files_of(
        getattr(instance, field).name or "", getattr(instance, f"{field}_renditions") or {}
    )
    if names:
        transaction.on_commit(partial(tasks.delete_image_files.enqueue, names))


for model in (Article, Author, BodyImage):
    post_delete.connect(delete_files_of_deleted_image, sender=model, dispatch_uid=model.__name__)
