"""Model signals of the articles app."""

import hashlib
from functools import partial

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from taggit.models import Tag

from newsroom import page_cache

from . import cache_tags, images, tasks
from .models import Article, Author, BodyImage, Byline, Correction, Section, TagDescription


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


# The shared page cache (articles/cache_tags.py) ---------------------------------
#
# Signals rather than calls in the services: the admin, the services, the demo
# and the shell all save through the ORM, and a forgotten call would serve a
# stale page for minutes. Bulk updates (QuerySet.update) send no signal: the
# code that runs one invalidates by itself.


@receiver(post_save, sender=Article)
def article_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    was_public = getattr(instance, "_loaded_public", False)
    old_section = getattr(instance, "_loaded_section_id", None)
    instance._loaded_public = instance.status == Article.Status.PUBLISHED
    instance._loaded_section_id = instance.section_id
    if not (was_public or instance._loaded_public):
        # A draft: no public page shows it (a preview is never stored).
        page_cache.invalidate(cache_tags.article(instance.pk))
        return
    cache_tags.article_changed(
        instance,
        sections=[old_section],
        tag_ids=instance.tags.values_list("pk", flat=True),
        author_ids=instance.bylines.values_list("author_id", flat=True),
    )


@receiver(pre_delete, sender=Article)
def article_deleted(sender, instance, **kwargs):
    cache_tags.article_changed(
        instance,
        tag_ids=list(instance.tags.values_list("pk", flat=True)),
        author_ids=list(instance.bylines.values_list("author_id", flat=True)),
    )


@receiver(m2m_changed, sender=Article.tags.through)
def article_tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if reverse or not isinstance(instance, Article):
        return
    if action == "pre_clear":
        pk_set = set(instance.tags.values_list("pk", flat=True))
    elif action not in ("post_add", "post_remove"):
        return
    page_cache.invalidate(cache_tags.article(instance.pk), *map(cache_tags.tag, pk_set or ()))


@receiver([post_save, post_delete], sender=Byline)
def byline_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    tags = [cache_tags.article(instance.article_id), cache_tags.author(instance.author_id)]
    if Article.objects.filter(pk=instance.article_id, status=Article.Status.PUBLISHED).exists():
        tags.append(cache_tags.ARCHIVE)  # Feeds name the authors.
    page_cache.invalidate(*tags)


@receiver([post_save, post_delete], sender=Correction)
def correction_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        page_cache.invalidate(cache_tags.article(instance.article_id), cache_tags.ARCHIVE)


@receiver(post_save, sender=TagDescription)
@receiver(post_delete, sender=TagDescription)
def tag_description_changed(sender, instance, raw=False, **kwargs):
    """Shown on the tag's own pages only."""
    if not raw:
        page_cache.invalidate(cache_tags.tag(instance.tag_id))


@receiver(post_save, sender=Section)
@receiver(post_save, sender=Author)
@receiver(post_save, sender=Tag)
def shown_everywhere_saved(sender, instance, created, raw=False, **kwargs):
    """A section is in every page's menu, and a renamed author or tag shows on
    cards of every list: all pages. A new author or tag is on no page yet."""
    if raw or (created and sender is not Section):
        return
    page_cache.clear()


@receiver(post_delete, sender=Section)
@receiver(post_delete, sender=Author)
@receiver(post_delete, sender=Tag)
def shown_everywhere_deleted(sender, instance, **kwargs):
    page_cache.clear()


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
