"""Comments speak the language of their article (issue 12): the form posts
under its language's prefix, what answers a post is in it, and every e-mail
about a comment is written in it, whatever language the worker or the
moderator happens to be in."""

import email
import email.policy
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format

from comments import moderation_digest
from comments.tasks import notify_reply
from comments.thread import post_url
from tests.factories import ArticleFactory

from .conftest import SAME_ORIGIN
from .factories import CommentFactory

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"


@pytest.fixture
def russian(section):
    return ArticleFactory(
        headline="Мост через реку открыт", slug="most", section=section, language="ru"
    )


def raw(message) -> email.message.EmailMessage:
    """The message as the mail server receives it."""
    return email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)


def test_the_form_on_a_russian_article_posts_under_ru(client, russian, rules):
    page = client.get(russian.get_absolute_url()).content.decode()
    assert f'action="/ru/comments/post/?article={russian.pk}#respond"' in page


def test_the_form_posts_under_ru_whatever_the_active_language(russian, rules):
    """The address comes from the article, not from the active language."""
    with translation.override("en"):
        assert post_url(russian) == f"/ru/comments/post/?article={russian.pk}"


def test_a_refused_comment_on_a_russian_article_answers_in_russian(client, russian, rules):
    """Even posted to the address without a prefix (an old page's form), the
    page with the errors is the Russian article's, in Russian."""
    response = client.post(
        "/comments/post/",
        {"article": russian.pk, "body": "", "name": "Аня", "email": "anya@example.org"},
        headers=SAME_ORIGIN,
    )
    assert response.status_code == 400
    assert response["Content-Language"] == "ru"
    page = response.content.decode()
    assert '<html lang="ru">' in page
    assert f'action="/ru/comments/post/?article={russian.pk}#respond"' in page
    assert 'value="Аня"' in page  # what was typed is kept


def test_a_comment_posted_on_a_russian_article_leads_back_to_it(client, russian, rules):
    response = client.post(
        "/ru/comments/post/",
        {"article": russian.pk, "body": "Хорошая новость.", "name": "Аня", "email": "a@x.org"},
        headers=SAME_ORIGIN,
    )
    assert response.status_code == 302
    assert response["Location"].startswith(russian.get_absolute_url())
    assert response["Location"].startswith("/ru/")


def test_the_reply_email_for_a_russian_article_is_written_in_russian(russian, rules, mailoutbox):
    parent = CommentFactory(article=russian, notify_replies=True, email="anya@example.org")
    reply = CommentFactory(parent=parent, body="Ответ")
    # The worker may be in any language: the article's decides.
    with translation.override("en"):
        assert notify_reply.call(reply.pk) == 1
    [message] = mailoutbox
    parsed = raw(message)
    assert parsed["Content-Language"] == "ru"
    assert "Мост через реку открыт" in parsed["Subject"]
    stop_url = parsed["List-Unsubscribe"].strip("<>")
    assert stop_url.startswith(f"{SITE}/ru/comments/notifications/stop/")
    body = parsed.get_content()
    assert f"{SITE}/ru/" in body and f"#comment-{reply.pk}" in body
    assert stop_url in body
    assert f"{SITE}/comments/" not in body


def test_the_stop_link_of_a_russian_reply_email_opens_the_russian_page(
    client, russian, rules, mailoutbox
):
    parent = CommentFactory(article=russian, notify_replies=True, email="anya@example.org")
    with translation.override("en"):
        notify_reply.call(CommentFactory(parent=parent).pk)
    path = mailoutbox[0].extra_headers["List-Unsubscribe"].strip("<>").removeprefix(SITE)
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Language"] == "ru"
    assert '<html lang="ru">' in response.content.decode()


def test_the_reply_email_for_an_english_article_stays_in_english(story, rules, mailoutbox):
    parent = CommentFactory(article=story, notify_replies=True, email="anya@example.org")
    with translation.override("ru"):
        notify_reply.call(CommentFactory(parent=parent).pk)
    parsed = raw(mailoutbox[0])
    assert parsed["Content-Language"] == "en"
    assert parsed["Subject"] == "New reply to your comment on “River bridge reopens”"
    assert parsed["List-Unsubscribe"].startswith(f"<{SITE}/comments/notifications/stop/")


@pytest.fixture
def desk(django_user_model):
    user = django_user_model.objects.create_user("desk", "desk@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


def test_the_moderation_digest_for_a_russian_article_is_in_russian(russian, desk, mailoutbox):
    comment = CommentFactory(article=russian, pending=True, body="Жду модерации")
    with translation.override("en"):
        assert moderation_digest.send_moderation_digests(now=timezone.now()) == 1
    parsed = raw(mailoutbox[0])
    assert parsed["Content-Language"] == "ru"
    assert "Мост через реку открыт" in parsed["Subject"]
    body = parsed.get_content()
    assert f"{SITE}{russian.get_absolute_url()}" in body
    assert russian.get_absolute_url().startswith("/ru/")
    # The admin has no language prefix: the moderator's link is the same.
    assert f"{SITE}/admin/comments/comment/{comment.pk}/change/" in body
    # Django's own Russian month names: the date is written in Russian.
    with translation.override("ru"):
        expected = date_format(timezone.localtime(comment.created_at), "j M, H:i")
    assert re.search(r"[а-яА-Я]", expected)
    assert expected in body


def test_a_digest_about_articles_in_several_languages_is_in_the_main_one(
    russian, story, desk, mailoutbox
):
    CommentFactory(article=russian, pending=True)
    CommentFactory(article=story, pending=True)
    later = timezone.now() + timedelta(seconds=1)
    with translation.override("ru"):
        assert moderation_digest.send_moderation_digests(now=later) == 1
    parsed = raw(mailoutbox[0])
    assert parsed["Content-Language"] == "en"
    assert parsed["Subject"] == "[Azerbaijan news] 2 comments awaiting moderation"
    body = parsed.get_content()
    # Each article's link is in its own language.
    assert f"{SITE}{russian.get_absolute_url()}" in body
    assert f"{SITE}{story.get_absolute_url()}" in body
