"""The newsletter as a reader meets it, in headless Chromium: sign up from the
footer of an article, open the confirmation email the dev backend wrote (to
a temporary folder here, var/mail/ under `make run`), follow its link, see the
confirmation; then leave again.

The live server runs in this process with the test settings, whose tasks use
the ImmediateBackend: the confirmation email is sent during the sign-up
request, once its transaction commits (transactional_db commits for real).
"""

import email
import email.policy
import re
import time

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article
from newsletter import tokens
from newsletter.models import Subscriber
from tests.browser.helpers import (
    TIMEOUT_MS,
    audit,
    scroll_to_bottom,
    watch_for_errors,
)
from tests.newsletter.factories import BreakingNewsFactory, DailyBriefingFactory

pytestmark = pytest.mark.browser

READER = "reader@example.com"


@pytest.fixture
def mail_dir(settings, tmp_path):
    """Mail goes to .eml files (as under `make run`) in a temporary folder:
    var/mail/ holds only the messages of the reader's own site (issue 11)."""
    directory = tmp_path / "mail"
    directory.mkdir()
    settings.MAILERS = {
        "default": {
            "BACKEND": "newsroom.eml_backend.EmlFileBackend",
            "OPTIONS": {"file_path": str(directory)},
        }
    }
    return directory


@pytest.fixture
def newsletter_site(site):
    """The demo outlet with its two lists (a data migration creates them, but
    transactional tests flush the database), and fresh sign-up rate limits."""
    cache.clear()
    DailyBriefingFactory()
    BreakingNewsFactory()
    yield site
    cache.clear()


def newest_article_url():
    return Article.objects.published().order_by("-published_at").first().get_absolute_url()


def footer_form(page):
    form = page.locator("form#newsletter-signup")
    expect(form).to_have_count(1)
    return form


def wait_for_one_message(directory, timeout=TIMEOUT_MS / 1000):
    deadline = time.monotonic() + timeout
    while not (files := sorted(directory.glob("*.eml"))):
        assert time.monotonic() < deadline, f"no .eml file in {directory}"
        time.sleep(0.05)
    time.sleep(0.2)  # a second message would be a bug: give it a chance to show
    files = sorted(directory.glob("*.eml"))
    assert len(files) == 1, f"expected one message, got {[f.name for f in files]}"
    return email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)


def test_reader_signs_up_from_the_footer_confirms_and_unsubscribes(
    newsletter_site, mail_dir, new_page, screenshots
):
    site = newsletter_site
    report, blocking = [], []
    page = new_page(viewport={"width": 1280, "height": 800})
    problems = watch_for_errors(page)

    # The newsletter page itself, audited before anyone signs up.
    page.goto(site + reverse("newsletter:index"))
    expect(page.locator("h1")).to_have_text("Newsletters")
    audit(page, "newsletter index", report, blocking)

    # An article, scrolled to its footer.
    page.goto(site + newest_article_url())
    scroll_to_bottom(page)
    form = footer_form(page)
    expect(form).to_be_in_viewport()
    daily = form.get_by_label("Daily briefing")
    expect(daily).to_be_checked()  # ticked by default
    expect(form.get_by_label("Breaking news")).not_to_be_checked()
    daily.check()
    form.get_by_label("Email address").fill(READER)
    form.get_by_role("button", name="Subscribe").click()

    page.wait_for_url(site + reverse("newsletter:check_inbox"))
    expect(page.locator("h1")).to_have_text("Check your inbox")
    page.screenshot(path=screenshots / "newsletter-check-inbox.png", full_page=True)
    audit(page, "check your inbox", report, blocking)

    subscriber = Subscriber.objects.get(email=READER)
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.consent_source == "footer"
    assert [n.slug for n in subscriber.lists.all()] == ["daily-briefing"]

    # The confirmation email, as a mail program would read it.
    message = wait_for_one_message(mail_dir)
    assert message["To"] == READER
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    match = re.search(re.escape(django_settings.SITE_URL) + r"(/newsletter/confirm/[^\s/]+/)", text)
    assert match, text
    confirm_link = match.group(0)
    assert f'href="{confirm_link}"' in html, "the HTML part lacks the text part's link"

    # SITE_URL names the dev server; the live server listens elsewhere.
    page.goto(site + match.group(1))
    expect(page.locator("h1")).to_have_text("You’re subscribed")
    expect(page.locator("main li h2")).to_have_text(["Daily briefing"])
    expect(page.locator("main")).to_contain_text(READER)
    page.screenshot(path=screenshots / "newsletter-confirmed.png", full_page=True)
    audit(page, "confirmed", report, blocking)

    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None

    # Leaving: the unsubscribe link of every newsletter shows a button first.
    token = tokens.manage_token(subscriber.key)
    page.goto(site + reverse("newsletter:unsubscribe", kwargs={"token": token}))
    expect(page.locator("h1")).to_have_text("Unsubscribe")
    page.screenshot(path=screenshots / "newsletter-unsubscribe.png", full_page=True)
    audit(page, "unsubscribe", report, blocking)
    page.get_by_role("button", name="Unsubscribe from all newsletters").click()
    expect(page.locator("h1")).to_have_text("You have been unsubscribed")
    audit(page, "unsubscribed", report, blocking)

    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert len(list(mail_dir.glob("*.eml"))) == 1, "unsubscribing must not send mail"

    if report:  # every finding, minor ones too: shown with `pytest -s` or on failure
        print("\naxe findings:\n" + "\n".join(report))
    assert not blocking, "serious or critical axe violations:\n" + "\n".join(blocking)
    assert not problems, "\n".join(problems)


def test_footer_signup_with_a_bad_address_shows_the_error(newsletter_site, new_page, screenshots):
    site = newsletter_site
    page = new_page(viewport={"width": 1280, "height": 800})
    problems = watch_for_errors(page)
    page.goto(site + newest_article_url())
    scroll_to_bottom(page)
    form = footer_form(page)
    form.get_by_label("Email address").fill("not-an-address")
    # novalidate: the browser lets the server judge the address.
    form.get_by_role("button", name="Subscribe").click()
    page.wait_for_url(site + reverse("newsletter:subscribe"))

    # The answer is the newsletter page, whose form holds the reader's input.
    expect(page.locator("h1")).to_have_text("Newsletters")
    field = page.locator("#newsletter-page-signup-email")
    error = page.locator("#newsletter-page-signup-email-error")
    expect(error).to_contain_text("Enter a valid email address")
    expect(error).to_be_visible()
    expect(field).to_have_value("not-an-address")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_attribute("aria-describedby", "newsletter-page-signup-email-error")
    expect(page.locator("#newsletter-page-signup").get_by_label("Daily briefing")).to_be_checked()
    # Next to the field: right below its row, not somewhere else on the page.
    field_box, error_box = field.bounding_box(), error.bounding_box()
    assert 0 <= error_box["y"] - (field_box["y"] + field_box["height"]) < 40, (
        field_box,
        error_box,
    )
    page.screenshot(path=screenshots / "newsletter-error.png", full_page=True)

    report, blocking = [], []
    audit(page, "sign-up error", report, blocking)
    if report:
        print("\naxe findings:\n" + "\n".join(report))
    assert not blocking, "serious or critical axe violations:\n" + "\n".join(blocking)

    assert not Subscriber.objects.exists()
    assert not mail.outbox  # the test settings' locmem backend, in this process
    # The form's answer is a 400, which Chromium also logs to the console.
    expected = {f"HTTP 400 {site}{reverse('newsletter:subscribe')}"}
    unexpected = [p for p in problems if p not in expected and "status of 400" not in p]
    assert not unexpected, "\n".join(unexpected)


def test_footer_signup_fits_a_phone_screen(newsletter_site, new_page, screenshots):
    width = 390
    page = new_page(viewport={"width": width, "height": 844}, is_mobile=True, has_touch=True)
    page.goto(newsletter_site + newest_article_url())
    scroll_to_bottom(page)
    footer = page.locator(".site-footer")
    footer.screenshot(path=screenshots / "newsletter-footer-phone.png")
    form = footer_form(page)
    for control in (
        form.get_by_label("Email address"),
        form.get_by_role("button", name="Subscribe"),
        form.get_by_label("Daily briefing"),
        form.get_by_label("Breaking news"),
    ):
        box = control.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, box
    assert page.evaluate("document.documentElement.scrollWidth") <= width
