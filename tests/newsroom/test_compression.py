"""What goes over the wire: compressed HTML, XML and JSON, and conditional GETs
answered with 304 (issue 9, "Compression" and "HTTP caching")."""

import gzip

import pytest

from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.fixture
def discussed(article):
    """The seed-size article with 20 approved comments of a real length."""
    words = "A considered reply about the bridge, the traffic and the river banks. " * 6
    CommentFactory.create_batch(20, article=article, body=words)
    return article


def test_the_article_with_20_comments_is_compressed_under_30_kb(client, discussed):
    plain = client.get(discussed.get_absolute_url())
    packed = client.get(discussed.get_absolute_url(), **GZIP)
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert len(packed.content) < 30 * 1024
    assert len(packed.content) < len(plain.content) / 3
    assert gzip.decompress(packed.content) == plain.content


@pytest.mark.parametrize("url", ["/feed/", "/sitemap-articles.xml"])
def test_feeds_and_sitemaps_are_compressed(client, section, url):
    ArticleFactory.create_batch(5, section=section)
    response = client.get(url, **GZIP)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"


def test_a_reader_asking_again_with_the_etag_gets_304_and_no_body(client, article):
    first = client.get(article.get_absolute_url())
    assert first.has_header("ETag")
    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_a_changed_page_gets_a_new_etag(client, article):
    first = client.get(article.get_absolute_url())
    article.headline = "Ganja's river bridge opens a week early"
    article.save()
    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
