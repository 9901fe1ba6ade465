"""Editors write a description for a tag, shown on its page (issue 11)."""

import pytest
from taggit.models import Tag

from articles.models import TagDescription
from tests.articles.helpers import login, text
from tests.forms import form_fields
from tests.page_cache import get, prime
from tests.page_cache import text as page_text

pytestmark = pytest.mark.django_db


def describe(name, description):
    return TagDescription.objects.update_or_create(
        tag=Tag.objects.get(name=name), defaults={"text": description}
    )[0]


def test_the_tag_page_shows_its_description_in_paragraphs(client, article):
    describe("Ganja", "Azerbaijan's second city.\n\nOur reporters there cover the west.")
    html = client.get("/tag/ganja/").content.decode()
    header = html.split('<header class="archive-header">')[1].split("</header>")[0]
    assert header.index("<h1>Ganja</h1>") < header.index("Azerbaijan&#x27;s second city.")
    assert "<p>Azerbaijan&#x27;s second city.</p>\n\n<p>Our reporters there" in header
    assert 'content="Azerbaijan&#x27;s second city.' in html  # the meta description


def test_a_tag_without_a_description_shows_none(client, article):
    html = client.get("/tag/ganja/").content.decode()
    assert "archive-header__intro" not in html


def test_the_description_is_shown_as_text(client, article):
    describe("Ganja", '<script>alert(1)</script> <a href="javascript:x">Ganja</a> & more')
    html = client.get("/tag/ganja/").content.decode()
    assert "<script>alert(1)" not in html and '<a href="javascript' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;a href=&quot;javascript:x&quot;&gt;" in html


def test_writing_a_description_reaches_the_stored_tag_page_only(article):
    """The tag page is stored under ``tag:<id>``; a description written (or
    changed, or removed) must replace it at once, and leave other tags' pages
    stored."""
    prime("/tag/ganja/", "/tag/transport/")
    description = describe("Ganja", "The second city.")
    assert "The second city." in page_text("/tag/ganja/")
    assert get("/tag/transport/")["X-Page-Cache"] == "hit"
    description.text = "The city of Nizami."
    description.save()
    assert "The city of Nizami." in page_text("/tag/ganja/")
    description.delete()
    assert "The city of Nizami." not in page_text("/tag/ganja/")


def test_an_editor_writes_the_description_on_the_tag_admin_page(users, article):
    tag = Tag.objects.get(name="Ganja")
    url = f"/admin/taggit/tag/{tag.pk}/change/"
    editor = login(users["editor"])
    data = form_fields(editor.get(url), form_id="tag_form")
    data["description-0-text"] = "The second city."
    response = editor.post(url, data)
    assert response.status_code == 302, text(response)
    assert TagDescription.objects.get(tag=tag).text == "The second city."
    assert "The second city." in page_text("/tag/ganja/")


def test_a_reporter_cannot_change_a_tag(users, article):
    tag = Tag.objects.get(name="Ganja")
    reporter = login(users["owner"])
    response = reporter.post(
        f"/admin/taggit/tag/{tag.pk}/change/",
        {"name": "Ganja", "slug": "ganja", "description-0-text": "Mine."},
    )
    assert response.status_code == 403
    assert not TagDescription.objects.exists()
