"""Model signals of the articles app."""

import hashlib

from django.db.models.signals import pre_save
from django.dispatch import receiver
from taggit.models import Tag


@receiver(pre_save, sender=Tag)
def give_every_tag_a_slug(sender, instance, **kwargs):
    """django-taggit slugifies "!!!" or "—" to an empty slug, which no tag URL
    can carry; such tags get a stable slug made from their name instead."""
    if not instance.slug:
        instance.slug = "tag-" + hashlib.sha256(instance.name.encode()).hexdigest()[:8]
