"""The site-wide helpers every app builds on (newsroom/mail.py, links.py, http.py)."""

import email.policy
from datetime import timedelta
from email import message_from_bytes
from email.policy import default

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from newsroom import links, mail
from newsroom.http import PersonalPageMiddleware, mark_personal, personal
from newsroom.maintenance import prune_task_results


@override_settings(DEFAULT_FROM_EMAIL="Newsroom <news@example.org>")
def test_compose_sets_sender_and_one_click_unsubscribe():
    message = mail.compose(
        to=["reader@example.org"],
        subject="Hello",
        text="Plain",
        html="<p>Rich</p>",
        unsubscribe_url="https://news.example.org/stop/abc/",
    )
    parsed = message_from_bytes(message.message().as_bytes(), policy=default)
    assert parsed["From"] == "Newsroom <news@example.org>"
    assert parsed["List-Unsubscribe"] == "<https://news.example.org/stop/abc/>"
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert [part.get_content_type() for part in parsed.walk()][1:] == ["text/plain", "text/html"]


@override_settings(DEFAULT_FROM_EMAIL="Newsroom <news@example.org>")
def test_a_long_unsubscribe_address_goes_out_as_plain_text_not_encoded_words():
    """RFC 2369 wants ``<URL>`` as it is: mail providers' one-click unsubscribe
    does not decode RFC 2047 words. Read off the bytes the SMTP backend sends."""
    url = "https://news.example.org/newsletter/unsubscribe/" + "k" * 120 + "/"
    message = mail.compose(
        to=["reader@example.org"], subject="Hello", text="Plain", unsubscribe_url=url
    )
    raw = message.message(policy=email.policy.SMTP).as_bytes()
    assert f"\r\nList-Unsubscribe: <{url}>\r\n".encode() in raw
    assert b"=?utf-8?" not in raw


def test_compose_without_unsubscribe_or_html_has_neither():
    message = mail.compose(to=["a@example.org"], subject="S", text="T")
    parsed = message_from_bytes(message.message().as_bytes(), policy=default)
    assert parsed["List-Unsubscribe"] is None
    assert parsed.get_content_type() == "text/plain"


@override_settings(SITE_URL="https://news.example.org")
def test_absolute_links_come_from_site_url():
    assert links.absolute("/newsletter/") == "https://news.example.org/newsletter/"
    assert links.absolute_reverse("privacy") == "https://news.example.org/privacy/"
    assert links.site_domain() == "news.example.org"


def test_personal_response_is_private_unindexed_and_sends_no_referrer():
    response = personal(HttpResponse("mine"))
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Referrer-Policy"] == "no-referrer"


def test_middleware_keeps_a_page_marked_personal_out_of_shared_caches():
    def view(request):
        if request.GET.get("mine"):
            mark_personal(request)
        return HttpResponse("page")

    middleware = PersonalPageMiddleware(view)
    shared = middleware(RequestFactory().get("/"))
    mine = middleware(RequestFactory().get("/?mine=1"))
    assert not shared.has_header("Cache-Control")
    assert "no-store" in mine["Cache-Control"]


def test_admin_pages_are_guarded_by_the_admin_login(client, django_user_model):
    """An extra admin page (here the comments' reply page) answers only staff."""
    anonymous = client.get("/admin/comments/comment/1/reply/")
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_task_results_older_than_two_weeks_are_pruned():
    def finished(days_ago):
        when = timezone.now() - timedelta(days=days_ago)
        return DBTaskResult.objects.create(
            status="SUCCESSFUL",
            args_kwargs={"args": [], "kwargs": {}},
            task_path="newsletter.tasks.send_due_digests",
            backend_name="default",
            run_after=when,
            finished_at=when,
        )

    old, recent = finished(15), finished(1)
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        prune_task_results.call()
    assert list(DBTaskResult.objects.values_list("pk", flat=True)) == [recent.pk]
    assert old.pk != recent.pk
