"""Two-factor in headless Chromium: with the chief editors' rule on, an
account that may publish signs in with its password, is sent to enrol, scans
(here: reads) the key, confirms a code, keeps its recovery codes, and from
then on signs in with password and code. No request leaves the site."""

import base64
import re

import pytest
from django.contrib.auth import get_user_model
from django_otp.oath import totp
from playwright.sync_api import expect

from newsroom.models import SecuritySettings
from tests.browser.helpers import watch_for_errors

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"


def code(secret: str, *, steps_ahead: int = 0) -> str:
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key, drift=steps_ahead):06d}"


def sign_in(page, site, otp=""):
    page.goto(f"{site}/admin/login/?next=/admin/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", PASSWORD)
    page.fill("#id_otp_token", otp)
    page.click("input[type=submit]")


def test_enrol_then_sign_in_with_the_code(transactional_db, live_server, new_page):
    site = live_server.url
    get_user_model().objects.create_superuser("chief", "chief@example.com", PASSWORD)
    SecuritySettings.objects.update_or_create(pk=1, defaults={"require_two_factor": True})
    page = new_page(viewport={"width": 1280, "height": 900})
    problems = watch_for_errors(page)

    sign_in(page, site)
    expect(page).to_have_url(f"{site}/admin/two-factor/")
    expect(page.locator(".qr-code svg")).to_be_visible()
    secret = page.locator("#totp-secret").inner_text()
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)

    page.fill("#id_otp_token", "000000" if code(secret) != "000000" else "111111")
    page.click("input[type=submit].default")
    expect(page.locator(".errorlist")).to_contain_text("That code is not right")

    # django-otp refuses any code for a second after a wrong one (then 2, 4… s).
    page.wait_for_timeout(1100)
    page.fill("#id_otp_token", code(secret))
    page.click("input[type=submit].default")
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    page.click("text=Continue to the admin")
    expect(page).to_have_url(f"{site}/admin/")

    page.locator("#logout-form button").click()
    sign_in(page, site)
    expect(page.locator(".errornote")).to_contain_text("two-factor code")
    # The code of the next 30-second step: the one used to enrol is spent.
    sign_in(page, site, code(secret, steps_ahead=1))
    expect(page).to_have_url(f"{site}/admin/")
    expect(page.locator("#user-tools")).to_contain_text("Two-factor")
    assert problems == [], problems
