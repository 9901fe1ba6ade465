"""Images off the request path (issue 9): the admin's save only checks and
stashes an upload; the task worker publishes a metadata-free original (shown at
a safe size at once), then builds the renditions; files an image no longer uses
are deleted once that commits, except those a body (or a revision's) links."""

import re
import struct
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client, TestCase
from PIL import Image

from articles import images, tasks
from articles.models import Article, Author, BodyImage
from tests.articles.helpers import ADD_URL, ADMIN, change_url, open_form, save, text
from tests.articles.test_images import form_data
from tests.conftest import committed
from tests.factories import ArticleFactory, image_bytes

pytestmark = pytest.mark.django_db

RED, BLUE = (200, 30, 30), (30, 60, 200)


@pytest.fixture
def chief(django_user_model):
    return django_user_model.objects.create_superuser("chief", "chief@example.org", "pw")


def signed_in(user) -> Client:
    """A client whose on-commit work (the worker's tasks) runs only when a test
    says so, as a worker would pick it up later."""
    client = Client()
    client.force_login(user)
    return client


def preview(client, article) -> str:
    return text(client.get(f"{ADMIN}{article.pk}/preview/"))


def lead_figure(page: str) -> str:
    match = re.search(r'<figure class="article__lead-image">(.*?)</figure>', page, re.S)
    return match.group(1) if match else ""


def run(callbacks) -> list:
    """Run captured on-commit work (enqueuing a task runs it: the test backend
    is immediate) and return the work it queued in turn, not yet run."""
    with TestCase.captureOnCommitCallbacks() as queued:
        for callback in callbacks:
            callback()
    return queued


def run_all(callbacks) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        for callback in callbacks:
            callback()


def files_of(row) -> list[str]:
    field = row.image_field
    return images.files_of(getattr(row, field).name, getattr(row, f"{field}_renditions"))


def media_files() -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


def colour_of(name: str) -> tuple:
    with default_storage.open(name) as stored, Image.open(stored) as image:
        return image.convert("RGB").getpixel((5, 5))


def test_the_save_only_stashes_then_the_original_shows_then_the_renditions(chief, section):
    client = signed_in(chief)
    upload = SimpleUploadedFile("wall.png", image_bytes("PNG", size=(3200, 2000)))
    with TestCase.captureOnCommitCallbacks() as waiting:
        response = client.post(ADD_URL, form_data(section, upload))
    assert response.status_code == 302, response.context["adminform"].form.errors

    # The request stored the upload where nothing serves it, and no public file.
    article = Article.objects.get(slug="harbour-reopens")
    stash = article.lead_image.name
    assert stash.startswith("incoming/") and stash.endswith("/wall.png")
    assert images.incoming_storage().exists(stash)
    assert not default_storage.exists(stash)
    assert lead_figure(preview(client, article)) == ""
    assert "Being prepared" in text(client.get(change_url(article)))

    # The worker's first step: a re-encoded original, shown at once at a safe
    # size (no srcset naming files that do not exist yet).
    building = run(waiting)
    article.refresh_from_db()
    original = article.lead_image.name
    assert original.startswith("articles/") and original.endswith(".png")
    figure = lead_figure(preview(client, article))
    assert (
        f'<img src="/media/{original}" width="1600" height="1000" '
        'alt="Boats in the harbour" fetchpriority="high">'
    ) in figure
    assert "srcset" not in figure and "<source" not in figure
    assert "original size until" in text(client.get(change_url(article)))

    # Then the renditions, and the page's srcset.
    run_all(building)
    article.refresh_from_db()
    widths = [w for _, w in article.lead_image_renditions["sources"]["jpeg"]]
    assert widths == [320, 640, 960, 1280, 1600]
    figure = lead_figure(preview(client, article))
    assert '<source type="image/webp" srcset="' in figure
    assert 'width="3200" height="2000"' in figure
    for name in files_of(article):
        assert default_storage.exists(name), name
    assert not images.incoming_storage().exists(stash)
    assert not images.incoming_storage().exists(stash.rsplit("/", 1)[0]), "nor its folder"


def test_a_task_for_an_image_replaced_in_the_meantime_does_nothing(chief, section):
    client = signed_in(chief)
    first_upload = SimpleUploadedFile("first.png", image_bytes("PNG", size=(900, 600), colour=RED))
    with TestCase.captureOnCommitCallbacks() as first:
        client.post(ADD_URL, form_data(section, first_upload))
    article = Article.objects.get(slug="harbour-reopens")
    first_stash = article.lead_image.name

    data = open_form(client, article)
    data["lead_image"] = SimpleUploadedFile(
        "second.png", image_bytes("PNG", size=(900, 600), colour=BLUE)
    )
    with TestCase.captureOnCommitCallbacks() as second:
        assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    second_stash = article.lead_image.name
    assert second_stash != first_stash

    before = media_files()
    run_all(first)
    article.refresh_from_db()
    assert article.lead_image.name == second_stash
    assert media_files() == before

    run_all(second)
    article.refresh_from_db()
    published = article.lead_image.name
    assert colour_of(published) == BLUE
    assert not images.incoming_storage().exists(first_stash)
    assert not images.incoming_storage().exists(second_stash)

    # Run again (a retried or duplicated task), each step changes nothing.
    state, files = article.lead_image_renditions, media_files()
    row = ("articles.Article", article.pk, "lead_image")
    assert tasks.publish_image.enqueue(*row, second_stash).return_value == ""
    assert tasks.build_image_renditions.enqueue(*row, published).return_value is False
    article.refresh_from_db()
    assert (article.lead_image.name, article.lead_image_renditions) == (published, state)
    assert media_files() == files


def test_replacing_an_image_deletes_its_old_files_once_the_new_one_is_in(client, chief, section):
    article = ArticleFactory(section=section, with_image=True)
    old = files_of(article)
    assert len(old) == 1 + 2 * 4 and all(default_storage.exists(name) for name in old)
    client.force_login(chief)
    data = open_form(client, article)
    data["lead_image"] = SimpleUploadedFile("new.jpg", image_bytes(colour=RED))
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    new = files_of(article)
    assert colour_of(article.lead_image.name)[0] > 150
    assert all(default_storage.exists(name) for name in new)
    assert not any(default_storage.exists(name) for name in old)
    assert not set(old) & set(new)


def test_removing_an_image_deletes_its_files(client, chief, section):
    article = ArticleFactory(section=section, with_image=True)
    old = files_of(article)
    client.force_login(chief)
    assert save(client, article, **{"lead_image-clear": "on"}).status_code == 302
    article.refresh_from_db()
    assert not article.lead_image and article.lead_image_renditions == {}
    assert not any(default_storage.exists(name) for name in old)
    assert lead_figure(preview(client, article)) == ""


def test_deleting_rows_deletes_their_image_files(section):
    article = ArticleFactory(section=section, with_image=True)
    with committed():
        author = Author(display_name="Leyla Hasanova", slug="leyla")
        author.photo = ContentFile(image_bytes(size=(500, 500)), name="leyla.jpg")
        author.save()
    author.refresh_from_db()
    files = files_of(article) + files_of(author)
    assert all(default_storage.exists(name) for name in files)
    with committed():
        article.delete()
        author.delete()
    assert not any(default_storage.exists(name) for name in files)


def test_a_save_from_an_older_copy_of_the_row_keeps_the_workers_image(section):
    """A form opened before the worker finished must not write back the image
    columns it loaded: they would point the page at files since deleted."""
    article = ArticleFactory(section=section, lead_image_alt="Boats in the harbour")
    stale = Article.objects.get(pk=article.pk)
    with committed():
        fresh = Article.objects.get(pk=article.pk)
        fresh.lead_image = ContentFile(image_bytes(), name="harbour.jpg")
        fresh.save()
    stale.headline = "Edited meanwhile"
    stale.save()
    article.refresh_from_db()
    assert article.headline == "Edited meanwhile"
    assert article.lead_image.name.startswith("articles/")
    assert article.picture.jpeg_srcset
    assert all(default_storage.exists(name) for name in files_of(article))


def upload_body_image(client, article, colour) -> BodyImage:
    data = open_form(client, article)
    extra = data["body_images-INITIAL_FORMS"]  # the empty form after the saved ones
    data[f"body_images-{extra}-alt"] = "Fishing boats at the quay"
    data[f"body_images-{extra}-image"] = SimpleUploadedFile("quay.jpg", image_bytes(colour=colour))
    with committed():
        assert save(client, article, data=data).status_code == 302
    return BodyImage.objects.filter(article=article).latest("pk")


def delete_body_images(client, article) -> None:
    data = open_form(client, article)
    for key in list(data):
        if re.fullmatch(r"body_images-\d+-id", key):
            data[key.replace("-id", "-DELETE")] = "on"
    with committed():
        assert save(client, article, data=data).status_code == 302
    assert not BodyImage.objects.filter(article=article).exists()


def media_urls(page: str) -> set[str]:
    return set(re.findall(r"/media/([^\s\"',]+)", page))


def test_files_a_revision_links_survive_removal_so_restoring_it_is_safe(chief, section):
    article = ArticleFactory(section=section, draft=True, with_image=True)
    client = signed_in(chief)
    linked = upload_body_image(client, article, RED)
    unlinked = upload_body_image(client, article, BLUE)
    address = linked.picture.largest
    body = f'<p>At the quay.</p><img src="{address}" alt="Fishing boats at the quay">'
    with committed():
        assert save(client, article, body=body).status_code == 302
    with_picture = article.revisions.first()
    with committed():
        assert save(client, article, body="<p>No picture now.</p>").status_code == 302
    old_lead = files_of(Article.objects.get(pk=article.pk))

    # The lead image is replaced and both body images are removed.
    data = open_form(client, article)
    data["lead_image"] = SimpleUploadedFile("new.jpg", image_bytes(colour=BLUE))
    with committed():
        assert save(client, article, data=data).status_code == 302
    delete_body_images(client, article)

    # The body image only a revision links stays; the other goes, and so does
    # the old lead image (revisions record it but never restore it).
    assert all(default_storage.exists(name) for name in files_of(linked))
    assert not any(default_storage.exists(name) for name in files_of(unlinked))
    assert not any(default_storage.exists(name) for name in old_lead)

    with committed():
        response = client.post(
            f"{ADMIN}{article.pk}/revisions/{with_picture.pk}/restore/", follow=True
        )
    assert response.status_code == 200
    page = preview(client, article)
    assert f'src="{address.rsplit("/", 1)[0]}/' in page
    urls = media_urls(page)
    assert urls, "the restored page shows pictures"
    for name in urls:
        assert default_storage.exists(name), name


def broken_png() -> bytes:
    """A PNG whose chunks all check out but whose pixel data does not inflate:
    the web's cheap checks pass it, the worker's decoding does not."""
    data = bytearray(image_bytes("PNG", size=(400, 300)))
    start = data.index(b"IDAT")
    (length,) = struct.unpack(">I", data[start - 4 : start])
    data[start + 4 : start + 4 + length] = b"\x78\x9c" + b"\xff" * (length - 2)
    data[start + 4 + length : start + 8 + length] = struct.pack(
        ">I", zlib.crc32(bytes(data[start : start + 4 + length]))
    )
    return bytes(data)


def test_an_upload_the_worker_cannot_decode_keeps_the_previous_image(client, chief, section):
    article = ArticleFactory(section=section, with_image=True)
    before = (article.lead_image.name, files_of(article))
    client.force_login(chief)
    data = open_form(client, article)
    data["lead_image"] = SimpleUploadedFile("broken.png", broken_png())
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert (article.lead_image.name, files_of(article)) == before
    assert all(default_storage.exists(name) for name in before[1])
    assert "could not be used: This image file is damaged" in text(client.get(change_url(article)))
    assert 'srcset="' in lead_figure(preview(client, article))


def test_process_images_finishes_work_whose_task_was_lost(section):
    article = ArticleFactory(section=section)
    with TestCase.captureOnCommitCallbacks():  # enqueued into a queue nobody reads
        article.lead_image = ContentFile(image_bytes(), name="harbour.jpg")
        article.lead_image_alt = "Boats in the harbour"
        article.save()
    assert article.lead_image.name.startswith("incoming/")
    with committed():
        call_command("process_images", verbosity=0)
    article.refresh_from_db()
    assert article.lead_image.name.startswith("articles/")
    assert article.picture.jpeg_srcset
