"""Confirm, unsubscribe and preferences links: signed, idempotent, refused when
tampered with or expired, with a clear page every time."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from newsletter import tokens
from newsletter.models import Subscriber

from .conftest import SAME_ORIGIN, link_in, signup
from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def test_confirmation_link_confirms_once_and_is_harmless_twice(client, daily, mailoutbox):
    signup(client, "reader@example.org")
    path = link_in(mailoutbox[0], "confirm")
    first = client.get(path)
    assert first.status_code == 200
    assert "You’re subscribed" in first.content.decode()
    assert "private" in first["Cache-Control"] and "no-store" in first["Cache-Control"]
    assert first["Referrer-Policy"] == "no-referrer"
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    confirmed_at = subscriber.confirmed_at
    second = client.get(path)
    assert second.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at == confirmed_at


@pytest.mark.parametrize("kind", ["confirm", "unsubscribe", "preferences"])
def test_tampered_links_are_refused_with_a_clear_page(client, daily, kind):
    subscriber = SubscriberFactory(email="reader@example.org", status="pending", lists=[daily])
    token = (
        tokens.confirm_token(subscriber.key)
        if kind == "confirm"
        else tokens.manage_token(subscriber.key)
    )
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for bad in (tampered, "nonsense", subscriber.key.hex):
        response = client.get(f"/newsletter/{kind}/{bad}/")
        assert response.status_code == 400
        assert "This link is not valid" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_a_confirm_token_cannot_be_used_to_unsubscribe(client, daily):
    subscriber = SubscriberFactory(email="reader@example.org", lists=[daily])
    response = client.post(f"/newsletter/unsubscribe/{tokens.confirm_token(subscriber.key)}/")
    assert response.status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_expired_link_offers_a_new_one(client, daily, mailoutbox, settings):
    signup(client, "late@example.org")
    path = link_in(mailoutbox[0], "confirm")
    later = timezone.now() + timedelta(days=settings.NEWSLETTER_CONFIRM_DAYS, hours=1)
    with time_machine.travel(later):
        response = client.get(path)
        assert response.status_code == 200
        html = response.content.decode()
        assert "This confirmation link has expired" in html
        assert Subscriber.objects.get().status == Subscriber.Status.PENDING
        resend = client.post(path + "resend/", headers=SAME_ORIGIN)
        assert resend.status_code == 302
        assert len(mailoutbox) == 2
        fresh = link_in(mailoutbox[1], "confirm")
        assert client.get(fresh).status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED


def test_unsubscribe_link_shows_a_button_and_only_post_unsubscribes(client, daily):
    subscriber = SubscriberFactory(email="reader@example.org", lists=[daily])
    path = f"/newsletter/unsubscribe/{tokens.manage_token(subscriber.key)}/"
    page = client.get(path)
    assert page.status_code == 200
    assert "Unsubscribe from all newsletters" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED, "a link scanner unsubscribed"
    done = client.post(path)
    assert done.status_code == 200
    assert "You have been unsubscribed" in done.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    again = client.post(path)
    assert again.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_one_click_post_from_a_mail_client_needs_no_csrf_token(daily):
    from django.test import Client

    subscriber = SubscriberFactory(email="reader@example.org", lists=[daily])
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        f"/newsletter/unsubscribe/{tokens.manage_token(subscriber.key)}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
        headers={"Origin": "https://mail.example"},
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_preferences_change_lists_leave_and_come_back(client, daily, breaking):
    subscriber = SubscriberFactory(email="reader@example.org", lists=[daily])
    path = f"/newsletter/preferences/{tokens.manage_token(subscriber.key)}/"
    page = client.get(path).content.decode()
    assert "Daily briefing" in page and "Breaking news" in page

    client.post(path, {"lists": [breaking.pk]}, headers=SAME_ORIGIN)
    assert list(subscriber.lists.all()) == [breaking]

    left = client.post(path, {}, headers=SAME_ORIGIN).content.decode()
    assert "You have left all our newsletters." in left
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED

    client.post(path, {"lists": [daily.pk]}, headers=SAME_ORIGIN)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert list(subscriber.lists.all()) == [daily]


def test_preferences_refuse_cross_site_posts(client, daily):
    subscriber = SubscriberFactory(email="reader@example.org", lists=[daily])
    response = client.post(
        f"/newsletter/preferences/{tokens.manage_token(subscriber.key)}/",
        {},
        headers={"Sec-Fetch-Site": "cross-site"},
    )
    assert response.status_code == 403
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_an_unsubscribed_reader_cannot_be_reconfirmed_by_an_old_link(client, daily, mailoutbox):
    signup(client, "reader@example.org")
    path = link_in(mailoutbox[0], "confirm")
    client.get(path)
    subscriber = Subscriber.objects.get()
    client.post(f"/newsletter/unsubscribe/{tokens.manage_token(subscriber.key)}/")
    response = client.get(path)
    assert response.status_code == 410
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_a_head_request_on_the_confirmation_link_confirms_nobody(client, daily, mailoutbox):
    """Link checkers and mail scanners probe with HEAD; only a person's GET confirms."""
    signup(client, "reader@example.org")
    path = link_in(mailoutbox[0], "confirm")
    assert client.head(path).status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    client.get(path)
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED
