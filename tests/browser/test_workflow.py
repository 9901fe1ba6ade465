"""The newsroom's workflow in headless Chromium: a reporter writes an article
in the rich-text editor (typing, the toolbar, and a paste from a word
processor) and submits it for review; an editor finds it on the dashboard,
touches up the standfirst and publishes it; a reader finds it on the home page.

The demo outlet comes from the `site` fixture (tests/browser/conftest.py). The roles (groups
"Reporter", "Editor" and "Chief editor") come from a data migration, which a
transactional test's flush may have emptied: they are made again if missing.
Screenshots of the admin land in var/screenshots/ for a human to look at.
"""

import importlib
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article, ArticleRevision, Author, Section
from tests.browser.helpers import TIMEOUT_MS, load_all_images, watch_for_errors

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1280, "height": 900}
PASSWORD = "correct horse battery staple"
REPORTER, EDITOR = "nigar", "elchin"
BYLINE = "Nigar Rzayeva"

HEADLINE = "Sheki silk weavers reopen the caravanserai workshop"
SLUG = "sheki-silk-weavers-reopen-the-caravanserai-workshop"
STANDFIRST = "Six looms are back in the upper caravanserai after a two-year restoration."
EDITED_STANDFIRST = (
    "Six looms are back in Sheki's upper caravanserai after a two-year restoration, "
    "and visitors may watch the weavers at work."
)
SECTION = "Culture"
INTRO = "The looms of the upper caravanserai are clattering again."
SUBHEADING = "A craft kept alive"
BOLD = "kelaghayi"
BEFORE_BOLD = "Four families weave the "
AFTER_BOLD = " scarves by hand, as their grandparents did."
PASTED = "Opening hours: every day from ten in the morning, entry free."
# What a word processor puts on the clipboard: its styles, its own tags, and
# (as a hostile page might) a script.
WORD_HTML = (
    "<html xmlns:o='urn:schemas-microsoft-com:office:office'><head>"
    "<style>p.MsoNormal { margin: 0; mso-style-parent: ''; }</style></head><body>"
    "<!--StartFragment-->"
    "<p class='MsoNormal' style='mso-margin-top-alt:auto;mso-pagination:widow-orphan;"
    "margin-bottom:12pt'>"
    "<span style='font-family:Calibri;mso-fareast-font-family:\"Times New Roman\";color:red'>"
    f"{PASTED}</span><o:p></o:p></p>"
    "<script>window.__pastedScriptRan = true</script>"
    "<!--EndFragment--></body></html>"
)


@pytest.fixture(autouse=True)
def _patient_expect():
    """expect() waits like the pages do (15 s), and only in this module."""
    expect.set_options(timeout=TIMEOUT_MS)
    yield
    expect.set_options(timeout=None)  # Playwright's default (5 s)


@pytest.fixture
def roles(transactional_db):
    """The groups of migration 0005, made again if a flush removed them."""
    if not Group.objects.filter(name="Reporter").exists():
        migration = importlib.import_module("articles.migrations.0005_roles")
        migration.forwards(django_apps, None)
    return {group.name: group for group in Group.objects.all()}


@pytest.fixture
def reporter(django_user_model, roles):
    user = django_user_model.objects.create_user(
        REPORTER, "nigar@example.org", PASSWORD, first_name="Nigar", last_name="Rzayeva"
    )
    user.is_staff = True
    user.save()
    user.groups.add(roles["Reporter"])
    Author.objects.create(display_name=BYLINE, slug="nigar-rzayeva", user=user)
    return user


@pytest.fixture
def editor(django_user_model, roles):
    user = django_user_model.objects.create_user(
        EDITOR, "elchin@example.org", PASSWORD, first_name="Elchin", last_name="Mammadov"
    )
    user.is_staff = True
    user.save()
    user.groups.add(roles["Editor"])
    return user


def log_in(page, site, username, next_url):
    page.goto(f"{site}{reverse('admin:login')}?next={next_url}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(site + next_url)


def watch_admin_for_errors(page):
    """watch_for_errors() for the admin, less two things that are no fault of
    the page: the autocomplete widget cancels its request for the unfiltered
    list once the user types, and the admin (unlike the reader site) names no
    icon, so Chromium asks for /favicon.ico and logs the 404."""
    problems = []
    page.on(
        "response",
        lambda response: (
            problems.append(f"HTTP {response.status} {response.url}")
            if response.status >= 400
            else None
        ),
    )
    page.on(
        "requestfailed",
        lambda request: (
            None
            # Cancelled by the next navigation: an autocomplete still typing,
            # the tab's icon of a page already left.
            if request.failure == "net::ERR_ABORTED"
            and ("/admin/autocomplete/" in request.url or request.url.endswith("/favicon.svg"))
            else problems.append(f"failed: {request.url} ({request.failure})")
        ),
    )
    page.on(
        "console",
        lambda message: (
            problems.append(f"console {message.type}: {message.text} ({message.location['url']})")
            if message.type == "error" and urlsplit(message.location["url"]).path != "/favicon.ico"
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    return problems


def choose_in_autocomplete(page, select_id, typed, option):
    """Pick an option of an admin autocomplete field (a select2 widget) as a
    person does: open it, type, click the match the server sends back."""
    page.locator(f"#{select_id} + .select2-container .select2-selection").click()
    search = page.locator(".select2-container--open .select2-search__field")
    search.press_sequentially(typed)
    page.locator(".select2-results__option", has_text=option).click()
    expect(page.locator(f"#select2-{select_id}-container")).to_have_text(re.compile(option))


def paste_html(editable, html):
    """A paste, as the browser delivers one from another application."""
    editable.evaluate(
        """(element, html) => {
            const data = new DataTransfer();
            data.setData('text/html', html);
            data.setData('text/plain', html.replace(/<[^>]*>/g, ''));
            element.dispatchEvent(new ClipboardEvent('paste', {
                clipboardData: data, bubbles: true, cancelable: true,
            }));
        }""",
        html,
    )


def write_body(page):
    """Type the body in the ProseMirror editor, styling with its toolbar."""
    field = page.locator(".form-row.field-body")
    editable = field.locator(".ProseMirror[contenteditable=true]")
    menubar = field.locator(".prose-menubar")
    editable.click()
    page.keyboard.type(INTRO)
    page.keyboard.press("Enter")

    # A subheading, from the block type menu.
    page.keyboard.type(SUBHEADING)
    menubar.locator(".prose-menubar__selected").click()
    menubar.locator(".prose-menubar__option[data-name=heading2]").click()
    expect(editable.locator("h2")).to_have_text(SUBHEADING)
    editable.locator("h2").click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")

    # A paragraph with one word in bold, from the bold button.
    page.keyboard.type(BEFORE_BOLD)
    bold = menubar.get_by_role("button", name="bold", exact=True)
    bold.click()
    page.keyboard.type(BOLD)
    bold.click()
    page.keyboard.type(AFTER_BOLD)
    expect(editable.locator("p strong")).to_have_text(BOLD)
    page.keyboard.press("Enter")

    # A paragraph pasted from a word processor.
    paste_html(editable, WORD_HTML)
    # What the form will send: the editor has put the pasted text into the field.
    expect(page.locator("#id_body")).to_have_value(re.compile(re.escape(PASTED)))
    assert page.evaluate("window.__pastedScriptRan") is None, "the pasted script ran"
    return editable


def test_reporter_writes_editor_publishes_reader_reads(
    site, reporter, editor, new_page, screenshots
):
    add_url = reverse("admin:articles_article_add")
    changelist_url = reverse("admin:articles_article_changelist")
    assert not Article.objects.filter(slug=SLUG).exists()

    # The reporter writes the article.
    desk = new_page(viewport=VIEWPORT)
    desk_problems = watch_admin_for_errors(desk)
    log_in(desk, site, REPORTER, add_url)
    expect(desk.locator("h1")).to_have_text("Add article")
    desk.locator("#id_headline").press_sequentially(HEADLINE)
    # The slug follows the headline (the admin's prepopulate script).
    expect(desk.locator("#id_slug")).to_have_value(SLUG)
    desk.locator("#id_standfirst").fill(STANDFIRST)
    choose_in_autocomplete(desk, "id_section", SECTION[:3], SECTION)
    editable = write_body(desk)
    choose_in_autocomplete(desk, "id_bylines-0-author", "Nigar", BYLINE)
    editable.scroll_into_view_if_needed()
    desk.screenshot(path=screenshots / "admin-article-editor.png", full_page=True)

    desk.get_by_role("button", name="Save and submit for review").click()
    desk.wait_for_url(site + changelist_url)
    # The admin capitalises messages: the workflow's comes first.
    expect(desk.locator(".messagelist .success")).to_have_text(
        [f"The article “{HEADLINE}” was added successfully.", f"“{HEADLINE}” submitted for review."]
    )
    row = desk.locator("#result_list tbody tr", has_text=HEADLINE)
    expect(row).to_have_count(1)
    # The badge; the story's languages follow it in the same cell (issue 12).
    expect(row.locator(".field-status_badge > span").first).to_have_text("In review")

    article = Article.objects.get(slug=SLUG)
    assert article.status == Article.Status.REVIEW
    assert (article.headline, article.standfirst) == (HEADLINE, STANDFIRST)
    assert article.section == Section.objects.get(name=SECTION)
    assert article.created_by == reporter
    assert [author.display_name for author in article.authors.all()] == [BYLINE]
    body = article.body
    for text in (INTRO, BOLD, AFTER_BOLD.strip(), PASTED):
        assert text in body, f"{text!r} is missing from the saved body:\n{body}"
    assert f"<h2>{SUBHEADING}</h2>" in body, body
    assert f"<strong>{BOLD}</strong>" in body, body
    # Nothing of the word processor's formatting, nor the script, was kept.
    for leftover in ("style", "mso", "color", "Calibri", "class=", "script", "__pasted", "<o:p"):
        assert leftover not in body, f"{leftover!r} survived in the saved body:\n{body}"
    assert list(article.transitions.values_list("action", "user__username")) == [
        ("submit", REPORTER)
    ]

    # The editor finds it on the dashboard, awaiting review.
    newsdesk = new_page(viewport=VIEWPORT)
    newsdesk_problems = watch_admin_for_errors(newsdesk)
    log_in(newsdesk, site, EDITOR, reverse("admin:index"))
    awaiting = newsdesk.locator(".dashboard-grid .module").filter(
        has=newsdesk.get_by_role("heading", name="Awaiting review", exact=True)
    )
    expect(awaiting.get_by_role("link", name=HEADLINE)).to_be_visible()
    newsdesk.screenshot(path=screenshots / "admin-dashboard.png", full_page=True)
    awaiting.get_by_role("link", name=HEADLINE).click()
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    newsdesk.wait_for_url(site + change_url)

    workflow_row = newsdesk.locator(".workflow-row")
    for button in ("Send back (with a note)", "Publish now", "Schedule (at “first published”)"):
        expect(workflow_row.get_by_role("button", name=button, exact=True)).to_be_visible()
    expect(workflow_row.get_by_role("button", name="Unpublish")).to_have_count(0)
    trail = newsdesk.locator(".module", has=newsdesk.get_by_role("heading", name="Audit trail"))
    expect(trail.locator("tbody tr")).to_have_count(1)
    expect(trail.locator("tbody tr")).to_contain_text(REPORTER)
    expect(trail.locator("tbody tr")).to_contain_text("submit")
    # The reporter's text arrives intact in the editor's editor.
    editor_body = newsdesk.locator(".form-row.field-body .ProseMirror[contenteditable=true]")
    expect(editor_body.locator("h2")).to_have_text(SUBHEADING)
    expect(editor_body).to_contain_text(PASTED)

    # A touch to the standfirst, then "Publish now" (which saves the form too).
    newsdesk.locator("#id_standfirst").fill(EDITED_STANDFIRST)
    newsdesk.screenshot(path=screenshots / "admin-article-review.png", full_page=True)
    workflow_row.get_by_role("button", name="Publish now", exact=True).click()
    expect(newsdesk.locator(".messagelist .success")).to_have_text([f"“{HEADLINE}” published."])
    newsdesk.wait_for_url(site + change_url)
    expect(trail.locator("tbody tr")).to_have_count(2)
    expect(trail.locator("tbody tr").first).to_contain_text("publish")
    expect(workflow_row.get_by_role("button", name="Unpublish", exact=True)).to_be_visible()

    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.is_live
    assert article.standfirst == EDITED_STANDFIRST
    assert list(article.transitions.values_list("action", "user__username")) == [
        ("publish", EDITOR),
        ("submit", REPORTER),
    ]

    # The editorial calendar shows it, published this week.
    newsdesk.goto(site + reverse("admin:articles_article_calendar"))
    expect(newsdesk.locator(".cal a.item.published", has_text=HEADLINE)).to_have_count(1)
    newsdesk.screenshot(path=screenshots / "admin-calendar.png", full_page=True)

    # Its history: the reporter's version and the editor's, compared.
    revisions = list(ArticleRevision.objects.filter(article=article))
    assert [revision.user for revision in revisions] == [editor, reporter]
    newsdesk.goto(site + reverse("admin:articles_article_revisions", args=[article.pk]))
    expect(newsdesk.locator("#revisions tbody tr")).to_have_count(2)
    newer, older = revisions
    newsdesk.locator(f"#revisions input[name=a][value='{older.pk}']").check()
    newsdesk.locator(f"#revisions input[name=b][value='{newer.pk}']").check()
    newsdesk.get_by_role("button", name="Compare", exact=True).click()
    compared = {"a": [str(older.pk)], "b": [str(newer.pk)], "compare": ["Compare"]}
    newsdesk.wait_for_url(lambda url: parse_qs(urlsplit(url).query) == compared)
    standfirst = newsdesk.locator("#comparison h3", has_text="Standfirst")
    expect(standfirst.locator("+ .revision-diff ins").last).to_contain_text("visitors may watch")
    body = newsdesk.locator("#comparison h3", has_text="Body")
    expect(body.locator("+ p")).to_have_text("No change.")
    newsdesk.screenshot(path=screenshots / "admin-revisions.png", full_page=True)

    # A reader, signed in nowhere, finds it on the home page and reads it.
    reader = new_page(viewport=VIEWPORT)
    reader_problems = watch_for_errors(reader)
    reader.goto(site + "/")
    load_all_images(reader)  # and none is broken; nor cut short by leaving the page
    link = reader.get_by_role("link", name=HEADLINE, exact=True).first
    expect(link).to_be_visible()
    link.click()
    reader.wait_for_url(site + article.get_absolute_url())
    expect(reader.locator("h1")).to_have_text(HEADLINE)
    main = reader.locator("main")
    expect(main.get_by_role("heading", name=SUBHEADING, level=2)).to_be_visible()
    expect(main.locator("strong", has_text=BOLD)).to_be_visible()
    expect(main).to_contain_text(INTRO)
    expect(main).to_contain_text(PASTED)
    expect(main).to_contain_text(EDITED_STANDFIRST)
    expect(main).to_contain_text(BYLINE)

    problems = desk_problems + newsdesk_problems + reader_problems
    assert not problems, "\n".join(problems)
