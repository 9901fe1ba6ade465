"""Pictures inside an article's body: uploaded beside the article, cleaned like
the lead image, and the only images the body may show."""

import io
import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import BodyImage
from tests.articles.helpers import change_url, draft_by, login, make_staff, open_form, save, text
from tests.articles.test_images import jpeg_with_gps
from tests.conftest import committed
from tests.factories import ArticleFactory


@pytest.fixture
def users(db, django_user_model):
    return {"owner": make_staff(django_user_model, "rena", "Reporter", "Rena", "Aliyeva")}


def upload(client, article, name="quay.jpg", content=None, alt="Fishing boats at the quay"):
    data = open_form(client, article)
    data["body_images-0-alt"] = alt
    data["body_images-0-image"] = SimpleUploadedFile(
        name, jpeg_with_gps() if content is None else content, content_type="image/jpeg"
    )
    # The task worker takes the picture once the save commits (issue 9).
    with committed():
        return save(client, article, data=data)


def test_a_reporter_uploads_a_picture_and_puts_it_in_the_body(users, section, client):
    article = draft_by(users["owner"], section, headline="The quay at dawn")
    reporter = login(users["owner"])
    assert upload(reporter, article).status_code == 302
    image = BodyImage.objects.get(article=article)
    # Cleaned like a lead image: no EXIF (GPS) in anything stored, renditions made.
    names = [image.image.name] + [n for n, _ in image.image_renditions["sources"]["jpeg"]]
    for name in names:
        with default_storage.open(name) as stored:
            assert not Image.open(io.BytesIO(stored.read())).getexif(), name
    page = text(reporter.get(change_url(article)))
    address = re.search(r'readonly value="([^"]+)"', page).group(1)
    assert address == image.picture.largest and address.startswith("/media/")

    body = f'<p>Morning at the quay.</p><img src="{address}" alt="Fishing boats at the quay">'
    assert save(reporter, article, body=body).status_code == 302
    article.refresh_from_db()
    assert f'<img loading="lazy" src="{address}" alt="Fishing boats at the quay">' in article.body

    # Readers get it like the lead image: WebP and JPEG at every width made.
    preview = text(reporter.get(f"/admin/articles/article/{article.pk}/preview/"))
    base = address.rsplit("/", 1)[0]
    widths = [w for _, w in image.image_renditions["sources"]["jpeg"]]
    assert widths == [320, 640, 800]
    webp = ", ".join(f"{base}/{w}.webp {w}w" for w in widths)
    assert f'<picture><source type="image/webp" srcset="{webp}"' in preview
    assert f'srcset="{base}/320.jpeg 320w, {base}/640.jpeg 640w, {base}/800.jpeg 800w"' in preview
    assert 'alt="Fishing boats at the quay"></picture>' in preview
    for name, _ in image.image_renditions["sources"]["webp"]:
        assert default_storage.exists(name)


def test_an_image_without_alt_text_is_refused_next_to_the_body(users, section):
    article = draft_by(users["owner"], section)
    reporter = login(users["owner"])
    body = '<p>Words the reporter wrote.</p><img src="/media/body/2026/12/x.jpg">'
    response = save(reporter, article, body=body)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "Every image in the body needs alt text" in errors["body"][0]
    assert "Words the reporter wrote." in text(response)


def test_a_bad_file_or_missing_alt_is_a_form_error_not_a_500(users, section):
    article = draft_by(users["owner"], section)
    reporter = login(users["owner"])
    response = upload(reporter, article, name="notes.jpg", content=b"not a picture at all")
    assert response.status_code == 200
    assert "This file is not an image" in text(response)
    response = upload(reporter, article, alt="")
    assert response.status_code == 200
    assert "This field is required" in text(response)
    assert not BodyImage.objects.exists()


def test_a_reporter_cannot_add_pictures_to_a_published_article(users, section):
    article = ArticleFactory(section=section, created_by=users["owner"])
    reporter = login(users["owner"])
    assert upload(reporter, article).status_code == 403
    assert not BodyImage.objects.exists()
