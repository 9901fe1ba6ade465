"""Model signals of the articles app."""

import hashlib

from django.db.models.signals import pre_save
from django.dispatch import receiver
from taggit.models import Tag


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
