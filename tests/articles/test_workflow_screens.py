"""The editors' screens agree with the facts (issue 11): a scheduled story's page
says so, a story sent back is not shown as still being edited, a preview link
left at its default expiry is made, and the dashboard leads to every story
awaiting review."""

import re
from datetime import timedelta
from html import unescape

import pytest
import time_machine
from django.utils import timezone

from articles.models import PreviewLink
from tests.articles.helpers import (
    ADMIN,
    CALENDAR_URL,
    FROZEN_NOW,
    Status,
    change_url,
    dashboard_modules,
    draft_by,
    login,
    open_form,
    page_messages,
    save,
    text,
)
from tests.forms import add_inline_row

pytestmark = pytest.mark.django_db

LOCK_WARNING = "is editing this article too"


def readonly_status(html: str) -> str:
    found = re.search(
        r'<div class="[^"]*field-status_now[^"]*">.*?<div class="readonly">(.*?)</div>', html, re.S
    )
    assert found, "the change form shows no status"
    return found.group(1).strip()


def test_scheduled_story_page_says_scheduled_with_its_time_as_the_list_does(users, desk):
    editor = login(users["editor"])
    with time_machine.travel(FROZEN_NOW, tick=False):
        listed = text(editor.get(f"{ADMIN}?state=scheduled"))
        page = text(editor.get(change_url(desk["scheduled"])))
        published = text(editor.get(change_url(desk["published"])))
        in_review = text(editor.get(change_url(desk["in_review"])))
    assert "Tomorrow's budget preview" in listed and ">Scheduled</span>" in listed
    assert readonly_status(page) == "Scheduled for Thu 16 May 2030, 09:00"
    assert readonly_status(published) == "Published"
    assert readonly_status(in_review) == "In review"


def test_reporter_gets_no_lock_warning_after_the_editor_sends_the_story_back(users, section):
    story = draft_by(users["owner"], section, status=Status.REVIEW, headline="Port strike")
    editor = login(users["editor"])
    sent = save(editor, story, "_send_back", transition_note="Needs a second source.")
    assert sent.status_code == 302 and sent.url == change_url(story)
    after = editor.get(sent.url)
    assert any("sent back" in message for message in page_messages(after))
    # The page shown after the move offers no heartbeat that would take the lock again.
    assert 'id="edit-lock"' not in text(after)
    story.refresh_from_db()
    assert story.status == Status.DRAFT and story.locked_by is None

    reporter_page = login(users["owner"]).get(change_url(story))
    shown = page_messages(reporter_page)
    assert not any(LOCK_WARNING in message for message in shown), shown
    assert any("Needs a second source." in message for message in shown)
    # Opening the story again later is editing it: the lock is taken as before.
    again = editor.get(change_url(story))
    assert 'id="edit-lock"' in text(again)


def test_preview_link_left_at_its_default_expiry_is_created_in_the_same_second(users, section):
    story = draft_by(users["owner"], section, headline="Stadium costs")
    editor = login(users["editor"])
    opened = timezone.now().replace(microsecond=0)
    with time_machine.travel(opened, tick=False):
        # "Add another", the default expiry (two days) untouched, saved at once.
        data = add_inline_row(open_form(editor, story), "preview_links")
        assert save(editor, story, data=data).status_code == 302
    link = PreviewLink.objects.get(article=story)
    assert link.expires_at == opened + timedelta(days=2)
    assert link.created_by == users["editor"]
    # Saving the page again leaves the existing link alone and adds none.
    with time_machine.travel(opened + timedelta(minutes=5), tick=False):
        assert save(editor, story).status_code == 302
    assert PreviewLink.objects.filter(article=story).count() == 1


def test_dashboard_leads_from_the_oldest_awaiting_review_to_all_of_them(users, section):
    stories = [
        draft_by(users["owner"], section, status=Status.REVIEW, headline=f"Story {number}")
        for number in range(8)
    ]
    draft = draft_by(users["owner"], section, headline="Not yet submitted")
    editor = login(users["editor"])
    awaiting = dashboard_modules(text(editor.get("/admin/")))["Awaiting review"]
    assert awaiting.count(f'href="{ADMIN}') == 6 + 1
    link = re.search(r'<a href="([^"]+)">All 8 awaiting review', awaiting)
    assert link, awaiting
    listed = text(editor.get(unescape(link.group(1))))
    for story in stories:
        assert f'href="{change_url(story)}' in listed
    assert f'href="{change_url(draft)}' not in listed


@pytest.mark.parametrize("page", ["revisions", "calendar"])
def test_breadcrumbs_keep_a_space_after_each_separator(users, section, page):
    """The admin's "›" comes with a trailing space that an inline-block item
    drops at its end: the items need whitespace between them, as Django's own
    templates have."""
    story = draft_by(users["owner"], section)
    url = f"{change_url(story).removesuffix('change/')}revisions/" if page == "revisions" else None
    html = text(login(users["editor"]).get(url or CALENDAR_URL))
    crumbs = re.search(r'<ol class="breadcrumbs">(.*?)</ol>', html, re.S).group(1)
    items = re.findall(r"<li[ >]", crumbs)
    assert len(items) >= 3
    assert len(re.findall(r"</li>\s+<li", crumbs)) == len(items) - 1, crumbs
