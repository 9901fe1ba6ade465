"""Issue 10: what a probe sent the comment form, and what it must get back."""

import base64

import pytest
from django.test import Client

from comments import services, spam
from comments.cookies import AUTHOR_COOKIE
from comments.models import Comment, DiscussionSettings
from comments.templatetags.comment_text import comment_text

from .conftest import post_comment

HUGE = "9" * 5000


@pytest.mark.parametrize("field", ["article", "parent"])
def test_numbers_of_thousands_of_digits_are_no_500(client, story, rules, field):
    data = {"article": story.pk, "body": "Hello there.", "name": "A", "email": "a@example.org"}
    response = client.post(
        "/comments/post/", {**data, field: HUGE}, headers={"Sec-Fetch-Site": "same-origin"}
    )
    assert response.status_code in (302, 400, 404)


@pytest.mark.parametrize("query", [f"replyto={HUGE}", f"cpage={HUGE}", "cpage=-1", "replyto=١٢"])
def test_huge_or_odd_numbers_in_the_article_query_are_no_500(client, story, rules, query):
    assert client.get(story.get_absolute_url() + "?" + query).status_code == 200


@pytest.mark.parametrize("query", [f"page={HUGE}", "page=0", "page=-1", "page=1e3"])
def test_huge_page_numbers_are_404(client, story, query):
    assert client.get(f"/section/{story.section.slug}/?" + query).status_code == 404


def approve_known(rules):
    rules.mode = DiscussionSettings.Mode.APPROVE_KNOWN
    rules.save()


def test_typing_a_regulars_name_and_email_is_no_pass(client, story, rules):
    approve_known(rules)
    post_comment(client, story, body="My first remark, approved later.")
    services.moderate(comments=[Comment.objects.get()], status=Comment.Status.APPROVED)
    impostor = post_comment(Client(), story, body="Posing as Aysel, unmoderated?")
    assert Comment.objects.get(body__startswith="Posing").status == "pending"
    regular = post_comment(client, story, body="The real Aysel again.")
    assert Comment.objects.get(body__startswith="The real").status == "approved"
    # The impostor's notice is the one any first-timer gets.
    stranger = post_comment(Client(), story, body="A stranger's remark.", email="s@example.org")
    assert (
        impostor.cookies["comment_notice"].value.split(":")[0]
        == (stranger.cookies["comment_notice"].value.split(":")[0])
    )
    assert regular.status_code == 302


def test_the_proof_must_name_an_approved_comment_of_that_address(client, story, rules):
    approve_known(rules)
    post_comment(client, story, body="Still waiting for a moderator.")
    assert Comment.objects.get().status == "pending"
    post_comment(client, story, body="Second try before approval.")
    assert Comment.objects.get(body__startswith="Second").status == "pending"


def test_the_author_cookie_and_stop_link_do_not_carry_the_address(
    client, story, rules, mailoutbox, django_capture_on_commit_callbacks
):
    response = post_comment(client, story, save_author="on", notify="on")
    raw = response.cookies[AUTHOR_COOKIE].value
    decoded = base64.urlsafe_b64decode(raw.split(":")[0] + "==").decode("latin-1")
    assert "aysel@example.org" not in raw + decoded
    # The form is still filled in from it.
    page = client.get(story.get_absolute_url()).content.decode()
    assert 'value="aysel@example.org"' in page
    parent = Comment.objects.get()
    services.moderate(comments=[parent], status=Comment.Status.APPROVED)
    post_comment(Client(), story, body="A reply.", email="o@example.org", parent=parent.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.moderate(
            comments=[Comment.objects.get(body="A reply.")], status=Comment.Status.APPROVED
        )
    link = next(
        word for word in mailoutbox[-1].body.split() if "/comments/notifications/stop/" in word
    )
    token = link.rstrip("/").rsplit("/", 1)[1]
    payload = base64.urlsafe_b64decode(token.split(":")[0] + "==")
    assert b"aysel" not in payload and "aysel" not in token
    stop = link.split("8000", 1)[1]
    assert client.post(stop).status_code == 200
    parent.refresh_from_db()
    assert parent.notify_replies is False


def test_the_link_maker_leaves_a_closing_quote_out():
    html = comment_text('see "https://example.com/page" and <https://example.com/x?a=1&b=2>')
    assert '<a href="https://example.com/page" rel="nofollow ugc">' in html
    assert 'href="https://example.com/x?a=1&amp;b=2"' in html
    assert "&quot" not in html.split("href=")[1].split(" ")[0]


@pytest.mark.parametrize("name", ["\u200b", "\u2060\u00ad", "\u202e\u200b "])
def test_a_name_of_invisible_characters_is_refused(client, story, rules, name):
    response = post_comment(client, story, name=name)
    assert response.status_code == 400
    assert "Please enter your name." in response.content.decode()
    assert not Comment.objects.exists()


def test_bidi_overrides_and_zero_width_spaces_are_dropped_and_names_isolated(client, story, rules):
    post_comment(client, story, name="Ay\u202esel\u200b", body="Hi\u202e there\u200b, \u200dok")
    comment = Comment.objects.get()
    assert (comment.name, comment.body) == ("Aysel", "Hi there, \u200dok")
    services.moderate(comments=[comment], status=Comment.Status.APPROVED)
    page = Client().get(story.get_absolute_url()).content.decode()
    assert '-author"><bdi>Aysel</bdi></span>' in page


def test_a_missing_time_to_write_is_weighed_by_the_spam_score(client, story, rules):
    for n in range(6):
        spam.learn(spam.features(body=f"cheap pills casino {n}"), spam=True)
        spam.learn(spam.features(body=f"the bridge council meeting {n}"), spam=False)
    rules.spam_threshold = 0.99
    rules.save()
    body = "cheap pills casino bridge"
    post_comment(client, story, body=body, elapsed="not a number")
    held = Comment.objects.get()
    assert held.status == "pending"
    assert held.held_because.startswith("time unknown")


@pytest.mark.parametrize("method", ["TRACE", "TRACK", "FOO"])
def test_unknown_methods_are_not_answered_200(client, story, method):
    client.get(story.get_absolute_url())  # a stored page answers GET and HEAD only
    paths = ("/", story.get_absolute_url(), "/newsletter/", "/comments/post/", "/feed/")
    for path in (*paths, "/sitemap.xml", "/healthz", "/robots.txt", "/admin/login/"):
        assert client.generic(method, path).status_code in (403, 405), path
