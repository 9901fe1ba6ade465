"""Sign-up with double opt-in: what the reader sees and what we store."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from newsletter.models import Subscriber

from .conftest import SAME_ORIGIN, signup
from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def comparable(response):
    headers = {k: v for k, v in response.headers.items() if k not in ("Date",)}
    return response.status_code, headers, response.content


def test_responses_are_identical_for_new_pending_and_confirmed(client, daily, mailoutbox):
    SubscriberFactory(email="confirmed@example.org", lists=[daily])
    SubscriberFactory(email="pending@example.org", status="pending", lists=[daily])
    responses = [
        signup(client, email)
        for email in ("new@example.org", "pending@example.org", "confirmed@example.org")
    ]
    assert responses[0].status_code == 302
    assert responses[0]["Location"] == "/newsletter/check-your-inbox/"
    assert comparable(responses[0]) == comparable(responses[1]) == comparable(responses[2])
    assert not any(response.cookies for response in responses)
    page = client.get("/newsletter/check-your-inbox/")
    assert "Check your inbox" in page.content.decode()


def test_signup_creates_a_pending_subscriber_with_consent_record(client, daily, mailoutbox):
    signup(client, "Reader@Example.ORG", remote_addr="203.0.113.7")
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "Reader@example.org"
    assert subscriber.status == Subscriber.Status.PENDING
    assert list(subscriber.lists.all()) == [daily]
    assert subscriber.consent_source == "footer"
    assert subscriber.consent_ip == "203.0.113.7"
    assert "By subscribing you agree" in subscriber.consent_text
    assert "/privacy/" in subscriber.consent_text
    assert subscriber.consent_at is not None
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["Reader@example.org"]
    assert "Confirm your subscription" in message.subject
    assert "http://127.0.0.1:8000/newsletter/confirm/" in message.body


def test_list_choice_is_respected(client, daily, breaking):
    signup(client, "choosy@example.org", choice="1", lists=[breaking.pk])
    assert list(Subscriber.objects.get().lists.all()) == [breaking]


def test_unticking_every_list_is_an_error_that_keeps_the_address(client, daily, breaking):
    response = signup(client, "choosy@example.org", choice="1")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose at least one newsletter." in html
    assert 'value="choosy@example.org"' in html
    assert not Subscriber.objects.exists()


def test_at_most_one_confirmation_email_per_address_per_interval(client, daily, mailoutbox):
    for _ in range(5):
        signup(client, "victim@example.org")
    assert len(mailoutbox) == 1
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        signup(client, "victim@example.org")
    assert len(mailoutbox) == 2


def test_confirmed_reader_signing_up_again_gets_a_note_not_a_new_subscription(
    client, daily, mailoutbox
):
    subscriber = SubscriberFactory(email="loyal@example.org", lists=[daily])
    signup(client, "loyal@example.org")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert len(mailoutbox) == 1
    assert "already" in mailoutbox[0].subject
    assert "/newsletter/preferences/" in mailoutbox[0].body


@pytest.mark.parametrize("status", ["bounced", "complained"])
def test_bounced_and_complained_addresses_are_never_mailed(client, daily, mailoutbox, status):
    SubscriberFactory(email="gone@example.org", status=status, lists=[daily])
    response = signup(client, "gone@example.org")
    assert response.status_code == 302
    assert mailoutbox == []
    assert Subscriber.objects.get().status == status


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "Enter your email address."),
        ("not-an-address", "Enter a valid email address"),
        ("reader@localhost", "does not look like a real domain"),
        ("reader@example.c0m", "Enter a valid email address"),
        ("reader@-bad-.com", "Enter a valid email address"),
        ("a" * 250 + "@example.org", "too long"),
        ("reader@example.org\r\nBcc: victim@example.org", "cannot contain line breaks"),
        ("reader@example.org%0ABcc:x@y.z", "Enter a valid email address"),
    ],
    ids=["empty", "malformed", "no-tld", "numeric-tld", "bad-label", "long", "crlf", "encoded"],
)
def test_bad_input_gets_a_clear_error_and_keeps_the_text(client, daily, mailoutbox, email, message):
    response = signup(client, email)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'aria-invalid="true"' in html
    if email and "\r" not in email:
        assert f'value="{email}"' in html
    assert not Subscriber.objects.exists()
    assert mailoutbox == []


def test_honeypot_pretends_success_and_does_nothing(client, daily, mailoutbox):
    response = signup(client, "bot@example.org", website="http://spam.example")
    assert response.status_code == 302
    assert not Subscriber.objects.exists()
    assert mailoutbox == []


def test_signups_are_rate_limited_per_ip(client, daily, settings, mailoutbox):
    settings.NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR = 3
    for n in range(3):
        assert signup(client, f"r{n}@example.org", remote_addr="198.51.100.9").status_code == 302
    response = signup(client, "r9@example.org", remote_addr="198.51.100.9")
    assert response.status_code == 429
    assert "Too many sign-ups" in response.content.decode()
    assert signup(client, "other@example.org", remote_addr="198.51.100.10").status_code == 302
    assert len(mailoutbox) == 4


def test_cross_site_signup_is_refused(client, daily):
    response = client.post(
        "/newsletter/subscribe/",
        {"email": "victim@example.org"},
        headers={"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert not Subscriber.objects.exists()


def test_footer_form_is_on_every_page_and_lists_page_describes_lists(client, daily, breaking):
    home = client.get("/").content.decode()
    assert 'id="newsletter-signup"' in home
    assert 'action="/newsletter/subscribe/"' in home
    assert 'name="email"' in home
    assert "Daily briefing" in home and "Breaking news" in home
    assert 'href="/privacy/"' in home
    page = client.get("/newsletter/").content.decode()
    assert "Daily briefing" in page and "Breaking news" in page
    assert client.get("/privacy/").status_code == 200


def test_get_on_subscribe_leads_to_the_signup_page_and_subscribes_no_one(client, daily):
    """Issue 11: a sign-up error leaves /newsletter/subscribe/ in the address
    bar; reloading it led to an empty 405. A GET still changes nothing."""
    for path in ("/newsletter/subscribe/", "/newsletter/subscribe/?email=get@example.org"):
        response = client.get(path, headers=SAME_ORIGIN)
        assert (response.status_code, response["Location"]) == (302, "/newsletter/")
    assert client.head("/newsletter/subscribe/").status_code == 302
    assert not Subscriber.objects.exists()
    assert client.get("/newsletter/subscribe/", follow=True).status_code == 200
