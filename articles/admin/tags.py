"""Tags: taggit's own admin (merging, the tagged items), with the description
editors write for the tag's page (issue 11)."""

from django.contrib import admin
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

from ..models import TagDescription


class TagDescriptionInline(admin.StackedInline):
    model = TagDescription
    can_delete = False
    min_num = 0
    max_num = 1


admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(TaggitTagAdmin):
    inlines = [TagDescriptionInline, *TaggitTagAdmin.inlines]
