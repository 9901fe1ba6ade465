"""The article form in a browser whose time zone is not the newsroom's: Django
says "Enter times in the Asia/Baku timezone" once, not under every date and
time input (issue 11)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PASSWORD = "pw"


def test_timezone_note_is_shown_once_on_the_article_form(site, new_page, django_user_model):
    django_user_model.objects.create_superuser("chief", "chief@example.org", PASSWORD)
    page = new_page(timezone_id="Europe/London", viewport={"width": 1280, "height": 800})
    add_url = reverse("admin:articles_article_add")
    page.goto(f"{site}{reverse('admin:login')}?next={add_url}")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(site + add_url)
    page.wait_for_load_state("load")
    # The date-time widgets are drawn on "load": their clock links show they ran.
    expect(page.locator(".datetimeshortcuts").first).to_be_attached()
    notes = page.locator(".timezonewarning")
    expect(notes).to_have_count(1)
    expect(notes).to_contain_text("Enter times in the Asia/Baku timezone")
    assert page.locator("input.vDateField").count() > 3
