"""The public site's look (issue 11): a one-row header on a phone whose
search and section links open without JavaScript, card grids without empty
columns, and cards with and without a picture lined up in a row."""

import pytest
from django.conf import settings

from articles.models import Article, Section
from tests.browser.helpers import load_all_images, watch_for_errors

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# The box of every element, relative to the window, as a plain object.
RECT = "el => { const r = el.getBoundingClientRect();"
RECT += " return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height}; }"


def rect(locator):
    return locator.evaluate(RECT)


def phone_page(new_page, width=PHONE["width"], height=PHONE["height"], **options):
    return new_page(
        viewport={"width": width, "height": height}, is_mobile=True, has_touch=True, **options
    )


def button(page, name):
    """A masthead button: a <summary>, to which Playwright's roles give none."""
    return page.locator(".masthead summary", has_text=name)


def disclosure_states(page):
    """What Chromium tells screen readers about the <summary> buttons: their
    name and whether they are expanded (from its accessibility tree)."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    session.detach()
    states = {}
    for node in nodes:
        if node.get("role", {}).get("value") != "DisclosureTriangle":
            continue
        expanded = [
            p["value"]["value"] for p in node.get("properties", []) if p["name"] == "expanded"
        ]
        states[node["name"]["value"]] = expanded[0] if expanded else None
    return states


def culture_with_two_stories():
    """The Culture archive with exactly two stories, the second without a picture."""
    culture = Section.objects.get(slug="culture")
    # The English page's stories: the demo's Azerbaijani and Russian ones are on theirs.
    stories = list(
        Article.objects.published()
        .in_language(settings.LANGUAGE_CODE)
        .filter(section=culture)
        .order_by("-published_at")
    )
    assert len(stories) >= 2, "the demo outlet needs two Culture stories"
    extra = [story.pk for story in stories[2:]]
    Article.objects.filter(pk__in=extra).update(section=Section.objects.get(slug="regions"))
    Article.objects.filter(pk=stories[1].pk).update(lead_image="", lead_image_renditions={})
    return culture, stories[:2]


@pytest.mark.parametrize(("width", "height"), [(390, 844), (360, 740)])
def test_phone_header_is_one_row_and_the_first_story_is_on_the_first_screen(
    site, new_page, screenshots, width, height
):
    page = phone_page(new_page, width, height)
    problems = watch_for_errors(page)
    page.goto(site + "/")
    load_all_images(page)
    page.screenshot(path=screenshots / f"home-phone-{width}-header.png")

    header = page.locator("main").evaluate_handle("main => main.previousElementSibling")
    assert header.evaluate("el => el.classList.contains('masthead')")
    header_box = header.evaluate(RECT)
    assert header_box["height"] <= 80, f"the header takes {header_box['height']}px"

    # One row: the name and both buttons share a line, nothing else shows.
    title = rect(page.locator(".masthead__title"))
    for name in ("Search", "Sections"):
        box = rect(button(page, name))
        assert box["top"] < title["bottom"] and title["top"] < box["bottom"]
        assert box["height"] >= 44, "a button smaller than a thumb"
        assert box["right"] <= width
    assert not page.locator("#site-search-q").is_visible()
    assert not page.locator(".sections-nav").is_visible()

    headline = rect(page.locator(".card__headline").first)
    assert headline["bottom"] <= height, "the first headline is below the first screen"
    assert not problems, "\n".join(problems)


def test_phone_search_and_sections_open_without_javascript(site, new_page, screenshots):
    page = phone_page(new_page, java_script_enabled=False)
    page.goto(site + "/")
    assert not page.evaluate("document.documentElement.classList.contains('js')")

    assert disclosure_states(page) == {"Search": False, "Sections": False}
    button(page, "Search").click()
    field = page.get_by_role("searchbox", name="Search the site")
    assert field.is_visible()
    assert disclosure_states(page) == {"Search": True, "Sections": False}
    page.screenshot(path=screenshots / "home-phone-search-open.png")
    assert rect(page.locator(".masthead"))["height"] <= 160

    field.fill("Baku")
    field.press("Enter")
    page.wait_for_url("**/search/?q=Baku")
    assert "results for" in page.get_by_role("status").inner_text()

    button(page, "Sections").click()
    nav = page.get_by_role("navigation", name="Sections")
    assert nav.is_visible()
    page.screenshot(path=screenshots / "search-phone-sections-open.png")
    nav.get_by_role("link", name="Economy").click()
    page.wait_for_url("**/section/economy/")
    assert page.locator("h1").inner_text().strip() == "Economy"
    # A new page starts with the menu closed again.
    assert not page.get_by_role("navigation", name="Sections").is_visible()


def test_desktop_header_shows_search_and_sections_at_once(site, new_page):
    page = new_page(viewport=DESKTOP)
    page.goto(site + "/")
    assert page.locator("#site-search-q").is_visible()
    assert page.get_by_role("navigation", name="Sections").get_by_role("link").count() >= 6
    assert page.get_by_role("navigation", name="Sections").get_by_role("link").last.is_visible()
    assert not page.locator(".disclosure__button").first.is_visible()
    assert rect(page.locator(".masthead"))["height"] <= 130


def test_card_grids_leave_no_empty_column(site, new_page, screenshots):
    culture, stories = culture_with_two_stories()
    page = new_page(viewport=DESKTOP)
    page.goto(site + culture.get_absolute_url())
    load_all_images(page)
    page.screenshot(path=screenshots / "section-two-stories.png", full_page=True)

    grid = rect(page.locator(".card-grid--archive"))
    cards = [rect(card) for card in page.locator(".card-grid--archive > .card").all()]
    assert len(cards) == len(stories) == 2
    assert abs(cards[0]["left"] - grid["left"]) <= 1
    assert abs(cards[-1]["right"] - grid["right"]) <= 1, (
        f"an empty column: the cards end at {cards[-1]['right']}px, the grid at {grid['right']}px"
    )

    # The home page's section blocks too, whatever number of stories each has.
    page.goto(site + "/")
    blocks = page.locator(".section-block .card-grid").all()
    assert blocks
    for block in blocks:
        last = rect(block.locator(":scope > .card").last)
        assert abs(last["right"] - rect(block)["right"]) <= 1


def test_cards_with_and_without_a_picture_line_up(site, new_page, screenshots):
    culture, (with_picture, without_picture) = culture_with_two_stories()
    page = new_page(viewport=DESKTOP)
    page.goto(site + culture.get_absolute_url())
    load_all_images(page)

    cards = page.locator(".card-grid--archive > .card")
    first, second = cards.nth(0), cards.nth(1)
    assert first.locator(".card__headline").inner_text().strip() == with_picture.headline
    assert second.locator(".card__headline").inner_text().strip() == without_picture.headline
    assert first.locator("img").count() == 1
    assert second.locator("img").count() == 0
    plate = second.locator(".card__image")
    assert plate.inner_text().strip() == culture.name
    assert plate.get_attribute("aria-hidden") == "true"

    picture_box, plate_box = rect(first.locator(".card__image")), rect(plate)
    assert abs(picture_box["height"] - plate_box["height"]) <= 1
    assert abs(picture_box["top"] - plate_box["top"]) <= 1
    first_headline = rect(first.locator(".card__headline"))
    second_headline = rect(second.locator(".card__headline"))
    assert abs(first_headline["top"] - second_headline["top"]) <= 1, (
        "headlines at different heights"
    )
    assert abs(rect(first)["height"] - rect(second)["height"]) <= 1

    # On a phone the plate is a thumbnail beside the text, like a picture's.
    page = phone_page(new_page)
    page.goto(site + culture.get_absolute_url())
    thumb = rect(page.locator(".card__image img").first)
    plate = rect(page.locator(".card__image--placeholder"))
    assert abs(thumb["height"] - plate["height"]) <= 1
    assert abs(thumb["right"] - plate["right"]) <= 1
    page.screenshot(path=screenshots / "section-phone-without-picture.png", full_page=True)
