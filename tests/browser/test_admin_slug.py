"""The slug the article form makes in the browser as the headline is typed is the
one the server makes from it (articles/slugs.py), in every language (issue 12)."""

import pytest
from django.urls import reverse

from articles.slugs import slugify_headline

pytestmark = pytest.mark.browser

PASSWORD = "pw"

HEADLINES = [
    "Переговоры в Москве: Щёлково ждёт решения",
    "Şuşada bərpa işləri: İlham Əliyev Gəncəyə gedir",
    "Bakı–Москва, «Café» and 50% more",
    # Longer than the slug once spelled out: cut after a whole word, not inside one.
    " ".join(["Щедрый жёлтый хищник"] * 12),
]


def test_the_slug_typed_into_being_is_the_servers(site, new_page, django_user_model, screenshots):
    django_user_model.objects.create_superuser("chief", "chief@example.org", PASSWORD)
    page = new_page(viewport={"width": 1280, "height": 900})
    add_url = reverse("admin:articles_article_add")
    page.goto(f"{site}{reverse('admin:login')}?next={add_url}")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(site + add_url)
    headline = page.locator("#id_headline")
    slug = page.locator("#id_slug")
    for text in HEADLINES:
        headline.fill("")
        # Typed as an editor does, letter by letter, then on to the next field.
        headline.press_sequentially(text)
        headline.press("Tab")
        assert slug.input_value() == slugify_headline(text), text
    assert len(slug.input_value()) <= 200
    headline.fill("")
    headline.press_sequentially(HEADLINES[1])
    headline.press("Tab")
    page.locator("fieldset").first.screenshot(path=screenshots / "admin-slug.png")
