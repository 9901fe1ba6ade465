"""Lead images uploaded through the admin: renditions for good files, clear
form errors (never a 500) for bad ones, and no EXIF in anything served."""

import io
import struct
import zlib

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import Article
from tests.factories import ArticleFactory, image_bytes

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/article/add/"


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    gps = {1: "N", 2: (40.0, 22.0, 30.0), 3: "E", 4: (49.0, 50.0, 10.0)}
    exif[0x8825] = gps  # GPSInfo
    return image_bytes("JPEG", size=(1200, 800), exif=exif.tobytes())


def form_data(section, upload, **overrides):
    data = {
        "headline": "Harbour reopens after repairs",
        "slug": "harbour-reopens",
        "standfirst": "",
        "body": "<p>The harbour reopened.</p>",
        "section": section.pk,
        "tags": "Harbour",
        "priority": 0,
        "comments_enabled": "on",
        "lead_image": upload,
        "lead_image_alt": "Boats in the harbour",
        "lead_image_caption": "",
        "lead_image_credit": "",
        "seo_title": "",
        "seo_description": "",
    }
    for prefix in ("bylines", "body_images", "corrections", "notes"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": 0,
                f"{prefix}-INITIAL_FORMS": 0,
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
    data.update(overrides)
    return data


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("chief", "chief@example.org", "pw")
    client.force_login(user)
    return client


def test_valid_upload_makes_renditions_without_metadata(editor_client, section):
    upload = SimpleUploadedFile("harbour.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = editor_client.post(ADD_URL, form_data(section, upload))
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(slug="harbour-reopens")
    renditions = article.lead_image_renditions
    # The EXIF orientation was applied: the stored image is portrait.
    assert (renditions["width"], renditions["height"]) == (800, 1200)
    widths = [width for _, width in renditions["sources"]["webp"]]
    assert widths == [320, 640, 800]
    assert [w for _, w in renditions["sources"]["jpeg"]] == widths
    served = [article.lead_image.name] + [
        name for key in ("webp", "jpeg") for name, _ in renditions["sources"][key]
    ]
    for name in served:
        with default_storage.open(name) as stored:
            image = Image.open(io.BytesIO(stored.read()))
            assert not image.getexif(), name
            assert "exif" not in image.info and "xmp" not in image.info, name
    for name, width in renditions["sources"]["webp"]:
        with default_storage.open(name) as stored:
            image = Image.open(stored)
            assert image.format == "WEBP" and image.width == width


def test_article_page_serves_responsive_picture(client, section):
    article = ArticleFactory(section=section, with_image=True)
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<source type="image/webp" srcset="' in html
    assert " 320w, " in html and 'sizes="' in html
    assert 'width="1200" height="800"' in html
    assert 'alt="Fishing boats in the harbour at dawn"' in html
    assert 'fetchpriority="high"' in html
    assert "Staff photographer" in html


def test_images_below_the_fold_are_lazy(client, section):
    for n in range(6):
        ArticleFactory(section=section, with_image=True, is_featured=n == 0)
    html = client.get("/").content.decode()
    assert html.count('fetchpriority="high"') == 1
    assert 'loading="lazy"' in html


def truncated_jpeg() -> bytes:
    data = image_bytes("JPEG", size=(800, 600))
    return data[: len(data) // 2]


def bomb_png() -> bytes:
    """A tiny PNG whose header claims 100,000 x 100,000 pixels."""
    data = bytearray(image_bytes("PNG", size=(10, 10)))
    ihdr = data.index(b"IHDR")
    data[ihdr + 4 : ihdr + 12] = struct.pack(">II", 100_000, 100_000)
    data[ihdr + 17 : ihdr + 21] = struct.pack(">I", zlib.crc32(bytes(data[ihdr : ihdr + 17])))
    return bytes(data)


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("notes.jpg", b"This is a text file, not a photograph.", "This file is not an image"),
        ("cut.jpg", truncated_jpeg(), "damaged or incomplete"),
        ("bomb.png", bomb_png(), "too large to process"),
        ("empty.jpg", b"", "The submitted file is empty"),
        ("anim.bmp", image_bytes("BMP", size=(50, 50)), "BMP images are not accepted"),
    ],
)
def test_bad_uploads_get_a_clear_error_and_keep_the_text(
    editor_client, section, filename, content, message
):
    upload = SimpleUploadedFile(filename, content, content_type="image/jpeg")
    response = editor_client.post(ADD_URL, form_data(section, upload))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors["lead_image"])
    html = response.content.decode()
    assert 'value="Harbour reopens after repairs"' in html
    assert not Article.objects.exists()


def test_oversized_upload_is_refused_before_decoding(editor_client, section, settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 1000
    upload = SimpleUploadedFile("big.jpg", image_bytes(size=(800, 600)), content_type="image/jpeg")
    response = editor_client.post(ADD_URL, form_data(section, upload))
    assert response.status_code == 200
    assert "the largest image we accept is" in " ".join(
        response.context["adminform"].form.errors["lead_image"]
    )


def test_image_needs_alt_text(editor_client, section):
    upload = SimpleUploadedFile("ok.jpg", image_bytes(), content_type="image/jpeg")
    response = editor_client.post(ADD_URL, form_data(section, upload, lead_image_alt=""))
    assert response.status_code == 200
    assert "Describe the lead image in its alt text." in response.content.decode()
    assert not Article.objects.exists()


def test_a_wide_photo_gets_each_rendition_width_once(editor_client, section):
    """A srcset may not repeat a width; camera photos are wider than the largest rendition."""
    upload = SimpleUploadedFile("wide.jpg", image_bytes("JPEG", size=(4000, 2000)))
    response = editor_client.post(ADD_URL, form_data(section, upload))
    assert response.status_code == 302, response.context["adminform"].form.errors
    renditions = Article.objects.get(slug="harbour-reopens").lead_image_renditions
    for key in ("webp", "jpeg"):
        assert [w for _, w in renditions["sources"][key]] == [320, 640, 960, 1280, 1600]


def test_a_phone_jpeg_with_embedded_frames_is_accepted_as_a_jpeg(editor_client, section):
    """Phones write HDR and portrait photos as MPO (a JPEG with extra frames)."""
    buffer = io.BytesIO()
    first, second = Image.new("RGB", (900, 600), (200, 40, 40)), Image.new("RGB", (900, 600))
    first.save(buffer, "MPO", save_all=True, append_images=[second])
    assert Image.open(io.BytesIO(buffer.getvalue())).format == "MPO"
    upload = SimpleUploadedFile("portrait.jpg", buffer.getvalue(), content_type="image/jpeg")
    response = editor_client.post(ADD_URL, form_data(section, upload))
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(slug="harbour-reopens")
    with default_storage.open(article.lead_image.name) as stored:
        image = Image.open(io.BytesIO(stored.read()))
        assert image.format == "JPEG"
        assert image.getpixel((10, 10))[0] > 150, "the first frame is the one kept"
