"""Comments and the shared page cache: what moderators do reaches readers at
once, and no reader ever gets a page made for another."""

import gzip

import pytest

from comments import services
from comments.models import Comment
from tests.conftest import CommittingClient
from tests.page_cache import GZIP, get, prime, text

from .conftest import post_comment
from .factories import CommentFactory


@pytest.fixture
def pages(story, section):
    return (story.get_absolute_url(), "/", section.get_absolute_url())


def test_approving_a_comment_reaches_the_story_and_its_cards(story, rules, pages):
    waiting = CommentFactory(article=story, pending=True, body="The ferry should run later.")
    prime(*pages)
    services.moderate(comments=[waiting], status=Comment.Status.APPROVED)
    assert "The ferry should run later." in text(story.get_absolute_url())
    for url in pages[1:]:
        assert "1 comment</a>" in text(url), url


def test_editing_and_deleting_an_approved_comment_reach_the_story(story, rules, pages):
    shown = CommentFactory(article=story, body="First version of my remark.")
    prime(*pages)
    shown.body = "Second version of my remark."
    shown.save()
    assert "Second version of my remark." in text(story.get_absolute_url())
    prime(*pages)
    services.delete_comments(comments=[shown])
    assert "Second version" not in text(story.get_absolute_url())
    assert "1 comment</a>" not in text("/")


def test_new_comments_awaiting_moderation_leave_the_stored_pages_alone(story, rules, pages):
    """A flood of posts re-renders nothing until a moderator approves one."""
    prime(*pages)
    for n in range(5):
        response = post_comment(
            CommittingClient(), story, body=f"Flood {n}", email=f"f{n}@example.org"
        )
        assert response.status_code == 302
    assert Comment.objects.filter(status=Comment.Status.PENDING).count() == 5
    for url in pages:
        assert get(url)["X-Page-Cache"] == "hit", url


def test_no_reader_ever_gets_the_bytes_of_another(story, rules):
    url = story.get_absolute_url()
    # Reader A comments, and their browser keeps their details and their comment.
    aysel = CommittingClient()
    posted = post_comment(
        aysel,
        story,
        name="Aysel Karimova",
        email="aysel.k@example.org",
        body="My comment waits for a moderator.",
        save_author="on",
    )
    own = aysel.get(posted["Location"], headers=GZIP)
    own_page = gzip.decompress(own.content).decode()
    assert "My comment waits for a moderator." in own_page and "Aysel Karimova" in own_page
    assert "no-store" in own["Cache-Control"] and own["X-Page-Cache"] == "bypass"
    # Reader B, at both addresses, with and without compression: the shared page.
    for address in (url, posted["Location"].partition("#")[0] + "?cpage=1"):
        for headers in ({}, GZIP, GZIP, {}):
            response = get(address, **headers)
            body = response.content
            if response.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            page = body.decode()
            assert "Aysel" not in page and "aysel.k@example.org" not in page, address
            assert "waits for a moderator" not in page, address
            assert "awaiting moderation" not in page, address
    assert get(url)["X-Page-Cache"] == "hit"
    # Reader A again, after B filled the cache: still their own page.
    again = aysel.get(url)
    assert again["X-Page-Cache"] == "bypass"
    assert "My comment waits for a moderator." in again.content.decode()
