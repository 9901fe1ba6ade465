"""The inlines of the article page: byline, body images, corrections, notes,
preview links."""

from datetime import timedelta

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from newsroom.links import absolute_reverse

from ..models import BodyImage, Byline, Correction, EditorialNote, PreviewLink
from .forms import PreviewLinkForm


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["author"]
    verbose_name = _("author in byline")
    verbose_name_plural = _("byline (in order)")


class CorrectionInline(admin.TabularInline):
    model = Correction
    extra = 0
    fields = ["kind", "text", "substantive", "created_at"]
    verbose_name_plural = _("corrections and updates (shown at the end of the article)")


class EditorialNoteInline(admin.TabularInline):
    model = EditorialNote
    extra = 1
    fields = ["text", "author", "created_at"]
    readonly_fields = ["author", "created_at"]
    verbose_name_plural = _("internal notes (never shown to readers)")

    def has_change_permission(self, request, obj=None):
        return False  # notes are a record: add, don't rewrite


class BodyImageInline(admin.TabularInline):
    """Pictures for the body: upload here, then put the address shown in the
    editor's image dialog. (Only our own uploads survive the sanitiser.)"""

    model = BodyImage
    extra = 1
    fields = ["image", "alt", "preview", "address"]
    readonly_fields = ["preview", "address"]
    verbose_name_plural = _(
        "images for the body (upload, save, then use the address in the editor)"
    )

    def has_change_permission(self, request, obj=None):
        return False  # replace a picture by uploading another: the body links this one

    @admin.display(description=_("preview"))
    def preview(self, obj):
        picture = obj.picture if obj and obj.pk else None
        if picture is None:
            return "–"
        return format_html('<img src="{}" alt="" width="120" loading="lazy">', picture.src)

    @admin.display(description=_("address to use in the body"))
    def address(self, obj):
        if not (obj and obj.pk):
            return _("shown once saved")
        picture = obj.picture
        # The body links the largest rendition (the page makes a srcset from
        # its name), so the address waits for the renditions.
        if picture is None or not picture.jpeg_srcset:
            return obj.image_state or _("shown once saved")
        return format_html(
            '<input type="text" readonly value="{}" size="48" onfocus="this.select()" '
            'aria-label="{}">',
            picture.largest,
            _("Address of the image"),
        )


class PreviewLinkInline(admin.TabularInline):
    model = PreviewLink
    form = PreviewLinkForm
    extra = 0
    fields = ["link", "expires_at", "revoke", "status"]
    readonly_fields = ["link", "status"]
    verbose_name_plural = _("preview links for people without an account")

    @admin.display(description=_("link"))
    def link(self, obj):
        if not obj.pk:
            return _("Save to create the link")
        url = absolute_reverse("articles:preview", obj.token)
        return format_html('<input type="text" readonly size="70" value="{}">', url)

    @admin.display(description=_("status"))
    def status(self, obj):
        if not obj.pk:
            return "—"
        if obj.revoked_at:
            return _("revoked")
        return _("active") if obj.is_active else _("expired")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.base_fields["expires_at"].initial = lambda: timezone.now() + timedelta(days=2)
        return formset
