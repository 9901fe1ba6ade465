"""Uploaded images: strict validation, metadata stripping and responsive renditions.

Readers are only ever served files written by Pillow here: the stored original
is re-encoded without EXIF/XMP (GPS positions above all), and every rendition
is made from it. Renditions are recorded on the owning row as JSON, so a page
can print ``srcset`` without another query.
"""

import hashlib
import io
import re
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
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


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def open_checked_image(upload) -> Image.Image:
    """Open an upload fully, or raise ValidationError saying what is wrong.

    Pillow's lazy ``open`` reads only the header; ``load`` decodes the pixels,
    which is what catches truncated files. Decompression bombs are refused
    from the header, before any pixel is decoded.
    """
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
    if hasattr(upload, "seek"):
        upload.seek(0)
    limit = settings.MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            width, height = image.size
            if width * height > limit:
                raise Image.DecompressionBombError
            if image.format not in ALLOWED_FORMATS:
                raise forms.ValidationError(
                    _("%(format)s images are not accepted. Upload a JPEG, PNG or WebP file."),
                    code="invalid_image_format",
                    params={"format": image.format or _("This kind of")},
                )
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise forms.ValidationError(
            _(
                "This image is too large to process (over %(limit)s megapixels). "
                "Resize it and upload it again."
            ),
            code="image_too_large",
            params={"limit": limit // 1_000_000},
        ) from None
    except Image.UnidentifiedImageError:
        raise forms.ValidationError(
            _("This file is not an image. Upload a JPEG, PNG or WebP file."),
            code="invalid_image",
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise forms.ValidationError(
            _("This image file is damaged or incomplete. Export it again and re-upload it."),
            code="damaged_image",
        ) from None
    finally:
        if hasattr(upload, "seek"):
            upload.seek(0)
    return image


class ImageUploadFormField(forms.ImageField):
    """An ImageField whose errors tell the editor what to do about them."""

    def to_python(self, data):
        if data in self.empty_values:
            return None
        # FileField's checks (empty file, name length) first, then ours.
        upload = forms.FileField.to_python(self, data)
        image = open_checked_image(upload)
        upload.image = image
        upload.content_type = Image.MIME.get("JPEG" if image.format == "MPO" else image.format)
        return upload


class ResponsiveImageField(models.ImageField):
    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadFormField, **kwargs})


def strip_metadata(image: Image.Image) -> bytes:
    """Re-encode an image without metadata, applying the EXIF orientation first."""
    fmt = image.format
    image = ImageOps.exif_transpose(image)
    buffer = io.BytesIO()
    if fmt in ("JPEG", "MPO"):
        image.convert("RGB").save(buffer, "JPEG", quality=92, optimize=True)
    elif fmt == "GIF":
        image.save(buffer, "PNG")
    else:
        image.save(buffer, fmt)
    return buffer.getvalue()


def _flatten(image: Image.Image) -> Image.Image:
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")


def build_renditions(name: str) -> dict:
    """Write renditions of a stored image; return what templates need to show them."""
    with default_storage.open(name) as stored:
        data = stored.read()
    image = _flatten(Image.open(io.BytesIO(data)))
    width, height = image.size
    digest = hashlib.sha256(data).hexdigest()[:12]
    folder = PurePosixPath("renditions") / f"{PurePosixPath(name).stem[:60]}-{digest}"
    # Every width once: a srcset may not repeat a width (images wider than the
    # largest rendition would otherwise get it twice).
    widths = sorted({w for w in RENDITION_WIDTHS if w < width} | {min(width, RENDITION_WIDTHS[-1])})
    sources: dict[str, list[list]] = {key: [] for key in RENDITION_FORMATS}
    for target in widths:
        target_height = round(height * target / width)
        resized = image.resize((target, target_height), Image.Resampling.LANCZOS)
        for key, (fmt, options) in RENDITION_FORMATS.items():
            buffer = io.BytesIO()
            resized.save(buffer, fmt, **options)
            path = str(folder / f"{target}.{key}")
            if default_storage.exists(path):
                default_storage.delete(path)
            saved = default_storage.save(path, ContentFile(buffer.getvalue()))
            sources[key].append([saved, target])
    return {"width": width, "height": height, "sources": sources}


def process_upload(field_file) -> dict:
    """Strip metadata from a new upload, store it, and build its renditions."""
    image = open_checked_image(field_file.file)
    cleaned = strip_metadata(image)
    name = PurePosixPath(field_file.name).name
    if image.format == "GIF":
        name = str(PurePosixPath(name).with_suffix(".png"))
    field_file.save(name, ContentFile(cleaned), save=False)
    return build_renditions(field_file.name)


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
    if not renditions or not renditions.get("sources"):
        return None
    url = default_storage.url
    sources = renditions["sources"]
    jpeg = sources["jpeg"]
    # The middle rendition is a sensible src for browsers that ignore srcset.
    fallback = jpeg[min(len(jpeg) - 1, 2)][0]
    largest_name, largest_width = jpeg[-1]
    return Picture(
        src=url(fallback),
        width=renditions["width"],
        height=renditions["height"],
        webp_srcset=", ".join(f"{url(n)} {w}w" for n, w in sources["webp"]),
        jpeg_srcset=", ".join(f"{url(n)} {w}w" for n, w in jpeg),
        largest=url(largest_name),
        largest_width=largest_width,
        largest_height=round(renditions["height"] * largest_width / renditions["width"]),
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


class ImageRenditionsMixin:
    """A model with one uploaded image (``image_field``) and its renditions in
    ``<image_field>_renditions``: a new upload is checked, stripped and resized
    before the row is saved, and ``picture`` is what templates print."""

    image_field: str

    def save(self, *args, **kwargs):
        field_file = getattr(self, self.image_field)
        renditions = f"{self.image_field}_renditions"
        if not field_file:
            setattr(self, renditions, {})
        elif not field_file._committed:
            setattr(self, renditions, process_upload(field_file))
        super().save(*args, **kwargs)

    @cached_property
    def picture(self):
        return picture(getattr(self, f"{self.image_field}_renditions"))
