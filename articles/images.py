"""Uploaded images: cheap checks in the web request, the heavy work in the task worker.

Readers are only ever served files written by Pillow. An upload is checked in
the request from its header (format, pixel count, size; a JPEG is decoded at
1/8 scale and a PNG's checksums are read, so truncated files are refused), then
waits unserved in the ``image_uploads`` storage, its name in the image field
(``incoming/…``), while the page keeps showing the previous image. The task
worker (``articles/renditions.py``) re-encodes it without EXIF/XMP (GPS
positions above all) into public storage, where the page shows it at once at a
safe size, then builds the renditions one at a time. Decoding a 40-megapixel
image takes hundreds of megabytes: a web worker never does it (issue 9).

What the page shows is recorded on the owning row as JSON, so a page can print
``srcset`` without another query: ``{"original", "width", "height", "sources":
{"webp": [[name, width], ...], "jpeg": [...]}}``, the sources empty until the
renditions exist.
"""

import hashlib
import io
import re
import secrets
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.db import models, transaction
from django.dispatch import Signal
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from newsroom.links import absolute

RENDITION_WIDTHS = (320, 640, 960, 1280, 1600)
# MPO is what Pillow calls a JPEG with extra embedded frames (phones' HDR and
# portrait photos): it is stored as a plain JPEG of its first frame.
ALLOWED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF"}
# Modern format first; browsers without WebP take the JPEG fallback.
RENDITION_FORMATS = {
    "webp": ("WEBP", {"quality": 78, "method": 4}),
    "jpeg": ("JPEG", {"quality": 82, "optimize": True, "progressive": True}),
}
# An image field holding a name under this prefix names an upload that waits,
# unserved, in the ``image_uploads`` storage for the task worker.
INCOMING = "incoming/"
# thumbnail() first shrinks by a whole factor (JPEG: while decoding), then
# resamples the last step of at least this ratio: indistinguishable from a
# full LANCZOS resample (Pillow's documentation) at a fraction of the memory.
REDUCING_GAP = 3.0


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def incoming_storage():
    return storages["image_uploads"]


def is_incoming(name: str | None) -> bool:
    return bool(name) and name.startswith(INCOMING)


# Checking an upload in the web request -------------------------------------------


def _too_large(limit: int) -> forms.ValidationError:
    return forms.ValidationError(
        _(
            "This image is too large to process (over %(limit)s megapixels). "
            "Resize it and upload it again."
        ),
        code="image_too_large",
        params={"limit": limit // 1_000_000},
    )


def _damaged() -> forms.ValidationError:
    return forms.ValidationError(
        _("This image file is damaged or incomplete. Export it again and re-upload it."),
        code="damaged_image",
    )


def open_checked_image(upload) -> Image.Image:
    """Open an image lazily, or raise ValidationError saying what is wrong.

    Only the header is read: the size in pixels is refused above
    ``MAX_IMAGE_PIXELS`` before any pixel is decoded (decompression bombs)."""
    if hasattr(upload, "seek"):
        upload.seek(0)
    limit = settings.MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_large(limit) from None
    except Image.UnidentifiedImageError:
        raise forms.ValidationError(
            _("This file is not an image. Upload a JPEG, PNG or WebP file."),
            code="invalid_image",
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise _damaged() from None
    width, height = image.size
    if width * height > limit:
        raise _too_large(limit)
    if image.format not in ALLOWED_FORMATS:
        raise forms.ValidationError(
            _("%(format)s images are not accepted. Upload a JPEG, PNG or WebP file."),
            code="invalid_image_format",
            params={"format": image.format or _("This kind of")},
        )
    return image


def check_upload(upload) -> str:
    """Check an upload cheaply enough for a web worker; return its format.

    Raises ValidationError saying what is wrong. A JPEG is decoded at 1/8 scale
    (libjpeg skips most of the work, yet reads every byte, so a truncated file
    is caught); a PNG's chunk checksums are read without inflating its pixels.
    Other damage (rare: a corrupt PNG stream, a broken WebP or GIF) is found by
    the task worker, which keeps the previous image and tells the editor."""
    size = getattr(upload, "size", None)
    if size is not None and size > settings.MAX_IMAGE_UPLOAD_BYTES:
        raise forms.ValidationError(
            _("This file is %(size)s; the largest image we accept is %(limit)s."),
            code="file_too_large",
            params={
                "size": _megabytes(size),
                "limit": _megabytes(settings.MAX_IMAGE_UPLOAD_BYTES),
            },
        )
    image = open_checked_image(upload)
    fmt = image.format
    try:
        if fmt in ("JPEG", "MPO"):
            image.draft(None, (max(1, image.width // 8), max(1, image.height // 8)))
            image.load()
        elif fmt == "PNG":
            image.verify()
    except (OSError, SyntaxError, ValueError):
        raise _damaged() from None
    finally:
        # Not image.close(): that would close the upload, which is saved next.
        if hasattr(upload, "seek"):
            upload.seek(0)
    return "JPEG" if fmt == "MPO" else fmt


class ImageUploadFormField(forms.ImageField):
    """An ImageField whose errors tell the editor what to do about them, and
    that never decodes a whole image in the web process."""

    def to_python(self, data):
        if data in self.empty_values:
            return None
        # FileField's checks (empty file, name length) first, then ours.
        upload = forms.FileField.to_python(self, data)
        upload.content_type = Image.MIME.get(check_upload(upload))
        return upload


class ImageInput(forms.ClearableFileInput):
    """No "Currently:" link to an upload that waits for the worker (it is
    not served): the article page's preview says it is being prepared."""

    def format_value(self, value):
        if is_incoming(getattr(value, "name", None)):
            return None
        return super().format_value(value)


class ResponsiveImageField(models.ImageField):
    def formfield(self, **kwargs):
        return super().formfield(
            **{"form_class": ImageUploadFormField, "widget": ImageInput, **kwargs}
        )


def stash_upload(upload) -> str:
    """Keep an upload unserved until the worker has re-encoded it; return the
    name to put in the image field. No pixel is decoded here."""
    original = PurePosixPath(upload.name or "image").name
    storage = incoming_storage()
    name = f"{INCOMING}{secrets.token_hex(8)}/{storage.get_valid_name(original)[-60:]}"
    if hasattr(upload, "seek"):
        upload.seek(0)
    return storage.save(name, upload)


# The task worker's encoding, in bounded memory ------------------------------------


@dataclass(frozen=True)
class Reencoded:
    file: File
    filename: str
    width: int
    height: int


def reencode(source, filename: str) -> Reencoded:
    """Decode an upload once and write it again without metadata, the EXIF
    orientation applied. The caller closes ``file`` (a temporary file).

    A full-size re-encode needs the whole image in memory once (Pillow keeps
    4 bytes a pixel for RGB: 160 MB at 40 megapixels): no copy is made beside
    it, and the JPEG encoder streams (``optimize`` would buffer every
    coefficient of the image). Raises ValidationError when the file turns out
    to be damaged."""
    with open_checked_image(source) as image:
        fmt = "JPEG" if image.format == "MPO" else image.format
        try:
            image.load()
        except (OSError, SyntaxError, ValueError):
            raise _damaged() from None
        ImageOps.exif_transpose(image, in_place=True)
        output = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
        if fmt == "JPEG":
            if image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            image.save(output, "JPEG", quality=92)
        elif fmt == "GIF":
            image.save(output, "PNG")
            filename = str(PurePosixPath(filename).with_suffix(".png"))
        else:
            image.save(output, fmt)
        width, height = image.size
        image.close()
    output.seek(0)
    return Reencoded(File(output, name=filename), filename, width, height)


def _flatten(image: Image.Image) -> Image.Image:
    if image.mode in ("RGBA", "LA", "P", "PA"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")


def rendition_widths(width: int) -> list[int]:
    # Every width once: a srcset may not repeat a width (images wider than the
    # largest rendition would otherwise get it twice).
    return sorted({w for w in RENDITION_WIDTHS if w < width} | {min(width, RENDITION_WIDTHS[-1])})


def rendition_folder(name: str) -> PurePosixPath:
    """One folder per stored original: its name and its bytes in the digest, so
    two originals never share renditions (deleting one's keeps the other's)."""
    digest = hashlib.sha256(name.encode())
    with default_storage.open(name) as stored:
        for chunk in iter(lambda: stored.read(1024 * 1024), b""):
            digest.update(chunk)
    stem = PurePosixPath(name).stem[:60]
    return PurePosixPath("renditions") / f"{stem}-{digest.hexdigest()[:12]}"


def build_renditions(name: str) -> dict:
    """Write the renditions of a stored original; return what pages need to
    show them (the renditions JSON).

    Memory stays near one decoded original (none for a JPEG, which decodes
    straight at 1/2, 1/4 or 1/8 scale) plus one 1600-px working copy: the
    largest size is made first with thumbnail()'s whole-factor reduce, every
    smaller one from it, one at a time."""
    folder = rendition_folder(name)
    with default_storage.open(name) as stored, Image.open(stored) as image:
        width, height = image.size
        widths = rendition_widths(width)
        largest = widths[-1]
        image.thumbnail((largest, height), Image.Resampling.LANCZOS, reducing_gap=REDUCING_GAP)
        working = _flatten(image)
    sources: dict[str, list[list]] = {key: [] for key in RENDITION_FORMATS}
    for target in widths:
        size = (target, max(1, round(height * target / width)))
        resized = working
        if working.size != size:
            resized = working.resize(size, Image.Resampling.LANCZOS)
        for key, (fmt, options) in RENDITION_FORMATS.items():
            buffer = io.BytesIO()
            resized.save(buffer, fmt, **options)
            path = str(folder / f"{target}.{key}")
            if default_storage.exists(path):
                default_storage.delete(path)
            saved = default_storage.save(path, ContentFile(buffer.getvalue()))
            sources[key].append([saved, target])
        if resized is not working:
            resized.close()
    working.close()
    return {"original": name, "width": width, "height": height, "sources": sources}


def files_of(name: str, renditions: dict) -> list[str]:
    """Every stored file an image field and its renditions JSON name."""
    names = [name] if name else []
    if renditions.get("original") and renditions["original"] not in names:
        names.append(renditions["original"])
    for entries in (renditions.get("sources") or {}).values():
        names.extend(entry[0] for entry in entries)
    return names


# What pages print --------------------------------------------------------------


@dataclass(frozen=True)
class Picture:
    """What the ``_picture.html`` partial prints for one image."""

    src: str
    width: int
    height: int
    webp_srcset: str
    jpeg_srcset: str
    largest: str
    largest_width: int
    largest_height: int

    @property
    def absolute_largest(self) -> str:
        """For OpenGraph and JSON-LD, which need absolute image URLs."""
        if self.largest.startswith("/"):
            return absolute(self.largest)
        return self.largest


def picture(renditions: dict | None) -> Picture | None:
    if not renditions or not renditions.get("width"):
        return None
    url = default_storage.url
    width, height = renditions["width"], renditions["height"]
    jpeg = (renditions.get("sources") or {}).get("jpeg")
    if not jpeg:
        # The worker has stored the original but not yet its renditions: the
        # original, with no srcset, its intrinsic size capped at the largest
        # rendition's (the stylesheet's max-width fits it to the column).
        if not renditions.get("original"):
            return None
        original = url(renditions["original"])
        shown = min(width, RENDITION_WIDTHS[-1])
        return Picture(
            src=original,
            width=shown,
            height=max(1, round(height * shown / width)),
            webp_srcset="",
            jpeg_srcset="",
            largest=original,
            largest_width=width,
            largest_height=height,
        )
    sources = renditions["sources"]
    # The middle rendition is a sensible src for browsers that ignore srcset.
    fallback = jpeg[min(len(jpeg) - 1, 2)][0]
    largest_name, largest_width = jpeg[-1]
    return Picture(
        src=url(fallback),
        width=width,
        height=height,
        webp_srcset=", ".join(f"{url(n)} {w}w" for n, w in sources["webp"]),
        jpeg_srcset=", ".join(f"{url(n)} {w}w" for n, w in jpeg),
        largest=url(largest_name),
        largest_width=largest_width,
        largest_height=round(height * largest_width / width),
    )


# As for the lead image (templates/articles/article_detail.html).
ARTICLE_IMAGE_SIZES = "(min-width: 800px) 760px, 100vw"


def _body_rendition_pattern() -> re.Pattern:
    media = re.escape(settings.MEDIA_URL)
    site = re.escape(settings.SITE_URL)
    return re.compile(
        rf'<img loading="lazy" src="(?P<base>(?:{site})?{media}renditions/[^"/]+/)'
        rf'(?P<largest>\d+)\.jpeg"(?P<rest>[^>]*)>'
    )


def responsive_body(html: str) -> str:
    """Body images that are our renditions become <picture>s with srcset, like
    the lead image: a phone takes the 640 px WebP, not the 1600 px JPEG the
    editor linked. The widths follow from the largest one's name (build_renditions
    made every smaller standard width), so no query is needed."""

    def picture_for(match: re.Match) -> str:
        base, largest = match["base"], int(match["largest"])
        widths = [w for w in RENDITION_WIDTHS if w < largest] + [largest]
        webp = ", ".join(f"{base}{w}.webp {w}w" for w in widths)
        jpeg = ", ".join(f"{base}{w}.jpeg {w}w" for w in widths)
        fallback = widths[min(len(widths) - 1, 2)]
        return (
            f'<picture><source type="image/webp" srcset="{webp}" sizes="{ARTICLE_IMAGE_SIZES}">'
            f'<img loading="lazy" decoding="async" src="{base}{fallback}.jpeg" srcset="{jpeg}" '
            f'sizes="{ARTICLE_IMAGE_SIZES}"{match["rest"]}></picture>'
        )

    return _body_rendition_pattern().sub(picture_for, html)


# The owning rows ------------------------------------------------------------------

# Sent after a save that stashed an upload (``incoming``: the name the worker
# is to publish) or left files unused (``obsolete``); articles/signals.py hands
# both to the task worker once the transaction commits.
image_changed = Signal()


class ImageRenditionsMixin:
    """A model with one uploaded image (``image_field``) and what pages show of
    it in ``<image_field>_renditions``; ``picture`` is what templates print.

    A new upload is stashed (see the module's docstring) and the worker is
    asked to publish it. Otherwise a save leaves both columns alone: the worker
    writes them, and a form opened before it did must not write an older copy
    back (it would point the page at files the worker has since deleted)."""

    image_field: str

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._remember_image()
        return instance

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        self._remember_image()
        self.__dict__.pop("picture", None)

    def _remember_image(self):
        # Raw from __dict__: this runs for every row a page loads, and a
        # deferred field is simply absent.
        if self.image_field in self.__dict__:
            value = self.__dict__[self.image_field]
            self._loaded_image = getattr(value, "name", value) or ""

    def save(self, *args, **kwargs):
        field = self.image_field
        update_fields = kwargs.get("update_fields")
        if field not in self.__dict__ or (update_fields is not None and field not in update_fields):
            return super().save(*args, **kwargs)
        field_file = getattr(self, field)
        loaded = getattr(self, "_loaded_image", None)
        new_upload = bool(field_file) and not field_file._committed
        # With update_fields naming the image, the caller (the worker) writes
        # exactly what it set; an upload is still never stored unprocessed.
        if new_upload or (loaded and not field_file and update_fields is None):
            return self._save_image_change(new_upload, *args, **kwargs)
        if loaded is not None and field_file.name == loaded and not self._state.adding:
            if update_fields is None:
                kwargs["update_fields"] = [
                    f.name
                    for f in self._meta.concrete_fields
                    if not f.primary_key and f.name not in (field, f"{field}_renditions")
                ]
            else:
                kwargs["update_fields"] = [
                    name for name in update_fields if name not in (field, f"{field}_renditions")
                ]
        result = super().save(*args, **kwargs)
        self._remember_image()
        return result

    def _save_image_change(self, new_upload: bool, *args, **kwargs):
        field, renditions = self.image_field, f"{self.image_field}_renditions"
        incoming = stash_upload(getattr(self, field)) if new_upload else ""
        with transaction.atomic():
            current = None
            if not self._state.adding:
                # Read under the row's lock: the worker may have changed both
                # columns since this instance was loaded.
                current = (
                    type(self)
                    ._default_manager.select_for_update()
                    .filter(pk=self.pk)
                    .values_list(field, renditions)
                    .first()
                )
            stored_name, stored = current or ("", {})
            if new_upload:
                # The page keeps the current picture until the new one is ready;
                # only an upload still waiting for the worker is superseded.
                obsolete = [stored_name] if is_incoming(stored_name) else []
                setattr(self, field, incoming)
                setattr(self, renditions, stored)
            else:
                obsolete = files_of(stored_name, stored)
                setattr(self, renditions, {})
            result = super().save(*args, **kwargs)
            self._remember_image()
            image_changed.send(
                sender=type(self), instance=self, incoming=incoming, obsolete=obsolete
            )
        return result

    @cached_property
    def picture(self):
        return picture(getattr(self, f"{self.image_field}_renditions"))

    @property
    def image_state(self) -> str:
        """What the admin tells the editor about the image: empty when it is
        ready (or there is none), otherwise what is happening to it."""
        name = getattr(self, self.image_field).name
        renditions = getattr(self, f"{self.image_field}_renditions") or {}
        if is_incoming(name):
            return _(
                "Being prepared: the page shows it in a few seconds (until then, "
                "the previous image, if there was one)."
            )
        if renditions.get("error"):
            return _("The last upload could not be used: %(error)s") % {
                "error": renditions["error"]
            }
        if name and not (renditions.get("sources") or {}).get("jpeg"):
            return _("Shown at its original size until its smaller versions are ready.")
        return ""
