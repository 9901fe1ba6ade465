"""The editors' screens in Chromium (issue 11): the article list and the
moderation queue fit the page, with the admin's side menu open, at 1280 and
at 1024 px wide, however long the headlines and e-mail addresses; and the
"Reply as the newsroom" box sits under the comment it answers.

Rows come from the demo outlet plus tests/browser/crowded_lists.py.
Screenshots land in var/screenshots/ for a human to look at.
"""

import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import expect

from comments.models import Comment
from tests.browser import crowded_lists
from tests.browser.helpers import TIMEOUT_MS

pytestmark = pytest.mark.browser

EDITOR, PASSWORD = "leyla", "a long editor password"
WIDTHS = [1280, 1024]
LISTS = {
    "articles": "admin:articles_article_changelist",
    "comments": "admin:comments_comment_changelist",
}


@pytest.fixture(autouse=True)
def _patient_expect():
    expect.set_options(timeout=TIMEOUT_MS)
    yield
    expect.set_options(timeout=None)


@pytest.fixture
def crowded(site):
    """The demo outlet with long headlines, bylines, names and addresses."""
    if not Group.objects.filter(name="Editor").exists():
        # Transactional tests flush the groups migration 0005 made.
        importlib.import_module("articles.migrations.0005_roles").forwards(django_apps, None)
    return crowded_lists.add()


@pytest.fixture
def editor(django_user_model, crowded):
    user = django_user_model.objects.create_user(
        EDITOR, "leyla@example.org", PASSWORD, is_staff=True, first_name="Leyla"
    )
    user.groups.add(Group.objects.get(name="Editor"))
    return user


def log_in(page, site, next_url):
    page.goto(f"{site}{reverse('admin:login')}?next={next_url}")
    page.get_by_label("Username").fill(EDITOR)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(site + next_url)


MEASURE = """() => {
    const table = document.getElementById('result_list');
    const box = table.parentElement;
    return {
        tableWidth: table.scrollWidth,
        boxScrollWidth: box.scrollWidth,
        boxWidth: box.clientWidth,
        pageScrollWidth: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
        headers: Array.from(table.querySelectorAll('thead th')).map(th => {
            const r = th.getBoundingClientRect();
            return {text: th.innerText.trim(), left: r.left, right: r.right};
        }),
    };
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_lists_fit_beside_the_side_menu(new_page, site, editor, crowded, screenshots, width):
    page = new_page(viewport={"width": width, "height": 800})
    log_in(page, site, reverse(LISTS["articles"]))
    for name, url_name in LISTS.items():
        page.goto(site + reverse(url_name) + ("?status=all" if name == "comments" else ""))
        # The side menu is open (Django's default), taking its 300 px.
        expect(page.locator("#main.shifted #nav-sidebar")).to_be_visible()
        rows = page.locator("#result_list tbody tr")
        expect(rows.first).to_be_visible()
        assert rows.count() >= 3
        if name == "articles":
            expect(page.locator("#result_list")).to_contain_text(crowded["headline"])
        else:
            expect(page.locator("#result_list")).to_contain_text(crowded["email"])
        page.screenshot(path=screenshots / f"admin-list-{name}-{width}.png", full_page=True)
        sizes = page.evaluate(MEASURE)
        assert sizes["boxScrollWidth"] <= sizes["boxWidth"], (name, width, sizes)
        assert sizes["tableWidth"] <= sizes["boxWidth"], (name, width, sizes)
        assert sizes["pageScrollWidth"] <= sizes["viewport"], (name, width, sizes)
        for header in sizes["headers"]:
            inside = header["left"] >= 0 and header["right"] <= sizes["viewport"]
            assert inside, (name, width, header)
        # What editors need is still there, on the secondary lines.
        table = page.locator("#result_list")
        if name == "articles":
            for fact in ("Rashad Abdullayev", "★ Featured", "Published"):
                expect(table).to_contain_text(fact)
        else:
            for fact in ("2 links", "spam 0.52", "⚑ 2 reports", "2001:db8:85a3::8a2e:370:7335"):
                expect(table).to_contain_text(fact)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_reply_box_sits_under_the_comment_it_answers(
    new_page, site, editor, screenshots, width
):
    answered = Comment.objects.filter(parent__isnull=False).select_related("parent").first()
    page = new_page(viewport={"width": width, "height": 800})
    log_in(page, site, reverse("admin:comments_comment_reply", args=[answered.pk]))
    comment = page.locator(".answered-comment")
    box = page.locator("form.reply-box")
    expect(comment).to_contain_text(answered.body)
    expect(comment).to_contain_text(f"in reply to {answered.parent.name}")
    expect(box.get_by_role("heading")).to_have_text(
        f"↳ Your reply to {answered.name}, as the newsroom"
    )
    expect(box.get_by_label("Reply")).to_be_visible()
    page.screenshot(path=screenshots / f"admin-reply-{width}.png", full_page=True)
    card = page.locator(".reply-thread").bounding_box()
    above, below = comment.bounding_box(), box.bounding_box()
    # Right under the comment, indented as a reply, inside the same card.
    assert abs(below["y"] - (above["y"] + above["height"])) <= 1, (above, below)
    assert below["x"] > above["x"] + 16, (above, below)
    assert below["x"] + below["width"] <= card["x"] + card["width"] + 1, (card, below)
    assert above["x"] >= card["x"] and above["y"] >= card["y"], (card, above)
