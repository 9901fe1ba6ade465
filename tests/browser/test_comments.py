"""Reader comments in headless Chromium: a reader posts a comment and sees it
awaiting moderation (and no one else does), an editor approves it in the
admin's queue, it appears threaded; the reader replies to it, and the reply
goes the same way. Without JavaScript the form still works: errors keep what
the reader wrote, and "Reply" is a plain link.

The demo outlet comes from the `site` fixture (tests/browser/conftest.py); the discussion rules
(one DiscussionSettings row) are set here, since transactional tests flush the
database. Screenshots land in var/screenshots/ for a human to look at.
"""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article
from comments.cookies import AUTHOR_COOKIE, MINE_COOKIE
from comments.models import Comment, DiscussionSettings
from comments.tasks import send_moderation_digests
from tests.browser.helpers import audit, wait_until, watch_for_errors

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1280, "height": 800}
EDITOR, EDITOR_PASSWORD = "editor", "pw"
# An Azerbaijani name: the saved-author cookie must carry more than ASCII.
READER_NAME = "Günel Əliyeva"
READER_EMAIL = "gunel@example.org"
THREADED_ARTICLE = "yasamal-valley-metro-station-opens"  # demo comments with replies
AWAITING = "Your comment is awaiting moderation."
ONLY_YOU = "Awaiting moderation: only you can see this comment until a moderator approves it."


@pytest.fixture
def comment_site(site):
    """The demo outlet with discussion rules fit for a robot: every comment is
    held for moderation, and the "written too fast" check is off (a test
    types in milliseconds). Fresh rate limits, as the live server shares this
    process's local-memory cache."""
    cache.clear()
    DiscussionSettings.objects.update_or_create(
        pk=1, defaults={"mode": DiscussionSettings.Mode.HOLD_ALL, "min_seconds": 0}
    )
    yield site
    cache.clear()


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(EDITOR, "editor@example.org", EDITOR_PASSWORD)


def newest_article():
    return Article.objects.published().order_by("-published_at").first()


def comment_item(page, pk):
    return page.locator(f"li#comment-{pk}")


def comment_id_from_url(url):
    match = re.search(r"#comment-(\d+)$", url)
    assert match, f"expected a #comment-ID anchor after posting, got {url}"
    return int(match.group(1))


def post_comment(page, site, *, body, name=None, email=None, save_author=False):
    """Fill in "Leave a Reply" wherever it stands now, post it, and return the
    new comment's id (from the #comment-ID anchor of the redirect)."""
    form = page.locator("#commentform")
    form.get_by_role("textbox", name="Comment", exact=True).fill(body)
    if name is not None:
        form.get_by_role("textbox", name="Name", exact=True).fill(name)
    if email is not None:
        form.get_by_role("textbox", name="Email", exact=True).fill(email)
    if save_author:
        form.get_by_label("Save my name, email, and website in this browser").check()
    form.get_by_role("button", name="Post Comment").click()
    page.wait_for_url(re.compile(re.escape(site) + r"/.*#comment-\d+$"))
    return comment_id_from_url(page.url)


def log_in_to_admin(page, site):
    changelist = reverse("admin:comments_comment_changelist")
    page.goto(f"{site}{reverse('admin:login')}?next={changelist}")
    page.get_by_label("Username").fill(EDITOR)
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(site + changelist)


def approve_in_admin(page, site, comment, screenshot=None):
    """Approve one comment from the moderation queue, as an editor does."""
    page.goto(site + reverse("admin:comments_comment_changelist"))
    # The queue opens on what needs a decision: pending comments (the demo's
    # own and this one), none of the demo's approved ones.
    rows = page.locator("#result_list tbody tr")
    pending = Comment.objects.filter(status=Comment.Status.PENDING).count()
    expect(rows).to_have_count(pending)
    expect(rows.filter(has_text="Approved")).to_have_count(0)
    row = rows.filter(has=page.locator(f"input.action-select[value='{comment.pk}']"))
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Pending")
    expect(row).to_contain_text(comment.body[:40])
    expect(row).to_contain_text(comment.name)
    row.locator("input.action-select").check()
    page.locator("select[name=action]").select_option(label="Approve")
    if screenshot:
        page.screenshot(path=screenshot, full_page=True)
    page.get_by_role("button", name="Run", exact=True).click()
    expect(page.locator(".messagelist .success")).to_have_text("1 comment approved.")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    # Back in the (pending) queue, without the approved comment.
    expect(page.locator("#result_list tbody tr")).to_have_count(pending - 1)
    expect(page.locator(f"input.action-select[value='{comment.pk}']")).to_have_count(0)


def wait_for_scrolling_to_stop(page):
    """The stylesheet asks for smooth scrolling, also to a #fragment on load:
    wait until the page has stood still for a few frames."""
    page.evaluate(
        """() => new Promise(resolve => {
            let last = -1, still = 0;
            const tick = () => {
                const y = window.scrollY;
                if (y === last && ++still > 5) return resolve(y);
                if (y !== last) { last = y; still = 0; }
                requestAnimationFrame(tick);
            };
            requestAnimationFrame(tick);
        })"""
    )


def wait_for_form_errors(page, site):
    """The answer to a form with errors is the article page, at the post URL
    naming the article (so that reloading it leads back there, issue 11),
    followed by #respond if the form's action carries it, to land at the form."""
    post_url = site + reverse("comments:post")
    page.wait_for_url(re.compile(re.escape(post_url) + r"\?article=\d+(#respond)?$"))
    wait_until(page, "document.readyState === 'complete'")


def test_reader_comments_editor_approves_and_reader_replies(
    comment_site, editor, new_page, screenshots
):
    site = comment_site
    article = newest_article()
    url = site + article.get_absolute_url()
    assert article.comment_count == 0

    # The reader posts a comment, and asks the browser to remember them.
    reader = new_page(viewport=VIEWPORT)
    problems = watch_for_errors(reader)
    reader.goto(url)
    expect(reader.locator("#comments-heading")).to_have_text("Comments")
    expect(reader.locator("#reply-title")).to_contain_text("Leave a Reply")
    body = "Good to see the regional league covered here. Who scored the winner?"
    comment_pk = post_comment(
        reader, site, body=body, name=READER_NAME, email=READER_EMAIL, save_author=True
    )
    comment = Comment.objects.get(pk=comment_pk)
    assert comment.status == Comment.Status.PENDING
    assert (comment.article_id, comment.parent_id) == (article.pk, None)
    assert (comment.name, comment.email, comment.body) == (READER_NAME, READER_EMAIL, body)
    assert comment.held_because == ""  # hold_all: held because every comment is

    # Back on the article, the reader alone sees it, marked as awaiting moderation.
    expect(reader.locator("#comments .notice")).to_have_text(AWAITING)
    mine = comment_item(reader, comment_pk)
    expect(mine).to_have_class(re.compile(r"\bcomment--pending\b"))
    expect(mine.locator(".comment__awaiting")).to_have_text(ONLY_YOU)
    expect(mine.locator(".comment__text")).to_have_text(body)
    expect(mine.locator(".comment__author")).to_have_text(READER_NAME)
    expect(mine.locator(".comment-reply-link")).to_have_count(0)  # not yet a thread
    expect(reader.locator("#comments-heading")).to_have_text("Comments")  # counts approved only
    wait_for_scrolling_to_stop(reader)
    expect(mine).to_be_in_viewport()  # the redirect's #comment-ID anchor
    reader.screenshot(path=screenshots / "comments-pending.png")
    cookies = {c["name"]: c for c in reader.context.cookies()}
    assert cookies[AUTHOR_COOKIE]["httpOnly"] and cookies[MINE_COOKIE]["httpOnly"]
    # The editors hear of it in the next digest (the test settings' locmem
    # backend, in this process), with the demo's comments that wait too.
    send_moderation_digests.call()
    assert [m.to for m in mail.outbox] == [["editor@example.org"]]
    assert "comments awaiting moderation" in mail.outbox[0].subject
    assert body in mail.outbox[0].body

    # Another reader (no cookies) sees nothing of it.
    stranger = new_page(viewport=VIEWPORT)
    stranger.goto(url)
    expect(comment_item(stranger, comment_pk)).to_have_count(0)
    expect(stranger.locator("#comments")).not_to_contain_text(body)
    expect(stranger.locator("#comments")).not_to_contain_text(AWAITING)
    expect(stranger.locator("#comments .comments__note")).to_have_text(
        "No comments yet. Start the conversation."
    )
    assert not stranger.context.cookies()

    # The editor approves it from the moderation queue.
    admin = new_page(viewport=VIEWPORT)
    log_in_to_admin(admin, site)
    approve_in_admin(admin, site, comment, screenshot=screenshots / "admin-comment-queue.png")
    article.refresh_from_db()
    assert article.comment_count == 1

    # The reader reloads: the comment is published, counted, and can be answered.
    response = reader.goto(url)
    assert response is not None and response.ok  # a real load, not a same-page jump
    expect(reader.locator("#comments-heading")).to_have_text("1 comment")
    expect(reader.locator("#comments .notice")).to_have_count(0)  # the notice was one-off
    mine = comment_item(reader, comment_pk)
    expect(mine).not_to_have_class(re.compile(r"\bcomment--pending\b"))
    expect(mine.locator(".comment__awaiting")).to_have_count(0)
    expect(mine.locator(".comment__text")).to_have_text(body)

    # "Reply": with JavaScript the form moves under the comment.
    reply_link = mine.locator("> .comment__body .comment-reply-link")
    expect(reply_link).to_have_text("Reply")
    expect(reply_link).to_have_attribute("aria-label", f"Reply to {READER_NAME}")
    reply_link.click()
    expect(reader.locator(f"#comment-{comment_pk} > .comment__body + #respond")).to_have_count(1)
    expect(reader.locator("#reply-title")).to_contain_text(f"Leave a Reply to {READER_NAME}")
    expect(reader.locator("#cancel-comment-reply-link")).to_be_visible()
    expect(reader.locator("#commentform input[name=parent]")).to_have_value(str(comment_pk))
    expect(reader.locator("#commentform textarea[name=body]")).to_be_focused()
    assert reader.url == url, "the reply link must not navigate with JavaScript on"
    # The browser remembered the reader (the "Save my name..." cookie).
    form = reader.locator("#commentform")
    expect(form.get_by_role("textbox", name="Name", exact=True)).to_have_value(READER_NAME)
    expect(form.get_by_role("textbox", name="Email", exact=True)).to_have_value(READER_EMAIL)
    expect(form.get_by_label("Save my name, email, and website in this browser")).to_be_checked()

    reply_body = "Answering myself: it was a penalty in the ninetieth minute."
    reply_pk = post_comment(reader, site, body=reply_body)
    reply = Comment.objects.get(pk=reply_pk)
    assert (reply.status, reply.parent_id, reply.depth) == (Comment.Status.PENDING, comment_pk, 1)
    assert (reply.name, reply.email) == (READER_NAME, READER_EMAIL)

    # The pending reply shows in the thread, nested under its parent, to its author only.
    expect(reader.locator("#comments .notice")).to_have_text(AWAITING)
    nested = reader.locator(f"#comment-{comment_pk} > ol.children > li#comment-{reply_pk}")
    expect(nested).to_have_count(1)
    expect(nested).to_have_class(re.compile(r"\bcomment--pending\b"))
    expect(nested.locator(".comment__awaiting")).to_have_text(ONLY_YOU)
    expect(nested.locator(".comment__text")).to_have_text(reply_body)
    expect(reader.locator("#comments-heading")).to_have_text("1 comment")
    # The form is back in its place, for a new comment.
    expect(reader.locator("#comments > #respond")).to_have_count(1)
    expect(reader.locator("#reply-title")).to_contain_text("Leave a Reply")
    expect(reader.locator("#reply-title")).not_to_contain_text("Leave a Reply to")
    # Browsers may keep a public page for its max-age (30 s; newsroom/page_cache.py):
    # the stranger, still on the page, reloads to see what is new, as readers do.
    stranger.reload()
    expect(comment_item(stranger, reply_pk)).to_have_count(0)
    expect(comment_item(stranger, comment_pk)).to_have_count(1)

    # The editor approves the reply too; a fresh reader sees the thread.
    approve_in_admin(admin, site, reply)
    article.refresh_from_db()
    assert article.comment_count == 2

    fresh = new_page(viewport=VIEWPORT)
    fresh.goto(url)
    expect(fresh.locator("#comments-heading")).to_have_text("2 comments")
    roots = fresh.locator("#comments ol.comment-list > li.comment")
    expect(roots).to_have_count(1)
    parent = roots.first
    expect(parent).to_have_id(f"comment-{comment_pk}")
    threaded = parent.locator(f"> ol.children > li#comment-{reply_pk}")
    expect(threaded).to_have_count(1)
    expect(threaded).to_have_class(re.compile(r"\bdepth-1\b"))
    expect(threaded).not_to_have_class(re.compile(r"\bcomment--pending\b"))
    expect(threaded.locator(".comment__text")).to_have_text(reply_body)
    expect(fresh.locator(".comment__awaiting")).to_have_count(0)
    fresh.locator("#comments").screenshot(path=screenshots / "comments-threaded.png")

    assert not problems, "\n".join(problems)


def test_comment_form_errors_keep_text_without_javascript(comment_site, new_page, screenshots):
    site = comment_site
    article = Article.objects.get(slug=THREADED_ARTICLE)
    url = site + article.get_absolute_url()
    page = new_page(viewport=VIEWPORT, java_script_enabled=False)
    problems = watch_for_errors(page)
    page.goto(url)
    assert not page.evaluate("document.documentElement.classList.contains('js')")

    # "Reply" is a plain link: the page comes back with the form answering the comment.
    tural = Comment.objects.get(article=article, name="Tural M.")
    reply_link = comment_item(page, tural.pk).locator("> .comment__body .comment-reply-link")
    expect(reply_link).to_have_attribute("href", f"?replyto={tural.pk}#respond")
    reply_link.click()
    page.wait_for_url(f"{url}?replyto={tural.pk}#respond")
    wait_until(page, "document.readyState === 'complete'")
    expect(page.locator("#reply-title")).to_contain_text("Leave a Reply to Tural M.")
    cancel = page.locator("#cancel-comment-reply-link")
    expect(cancel).to_be_visible()
    expect(cancel).to_have_text("Cancel reply")
    expect(cancel).to_have_attribute("href", article.get_absolute_url() + "#respond")
    expect(page.locator("#commentform input[name=parent]")).to_have_value(str(tural.pk))
    # Without JavaScript the form stays in its place, below the thread.
    expect(page.locator("#comments > #respond")).to_have_count(1)

    # A mistyped address: the server says so, next to the field, and keeps the words.
    body = "The northern entrance needs a lift as well as a ramp.\n\nThank you for the report."
    form = page.locator("#commentform")
    form.get_by_role("textbox", name="Comment", exact=True).fill(body)
    form.get_by_role("textbox", name="Name", exact=True).fill(READER_NAME)
    form.get_by_role("textbox", name="Email", exact=True).fill("nope")
    form.get_by_role("button", name="Post Comment").click()
    wait_for_form_errors(page, site)

    form = page.locator("#commentform")
    field = form.get_by_role("textbox", name="Email", exact=True)
    error = page.locator("#id_email-error")
    expect(error).to_have_text("Enter a valid email address, like name@example.com.")
    expect(field).to_have_value("nope")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_attribute("aria-describedby", "id_email-error")
    expect(form.get_by_role("textbox", name="Comment", exact=True)).to_have_value(body)
    expect(form.get_by_role("textbox", name="Name", exact=True)).to_have_value(READER_NAME)
    expect(form.locator(".has-error")).to_have_count(1)  # only the email is wrong
    # Still a reply to Tural M.
    expect(page.locator("#commentform input[name=parent]")).to_have_value(str(tural.pk))
    expect(page.locator("#reply-title")).to_contain_text("Leave a Reply to Tural M.")
    # Next to the field: right below it.
    error.scroll_into_view_if_needed()
    field_box, error_box = field.bounding_box(), error.bounding_box()
    assert 0 <= error_box["y"] - (field_box["y"] + field_box["height"]) < 40, (
        field_box,
        error_box,
    )
    page.screenshot(path=screenshots / "comments-error.png")
    assert not Comment.objects.filter(body=body).exists()

    # The form's answer is a 400, which Chromium also logs to the console.
    expected = {f"HTTP 400 {site}{reverse('comments:post')}?article={article.pk}"}
    unexpected = [p for p in problems if p not in expected and "status of 400" not in p]
    assert not unexpected, "\n".join(unexpected)

    # Opening the address the error left in the address bar (a new tab, a
    # restored session) leads back to the article, not to an empty page
    # (issue 11). Without its fragment: the same one only scrolls.
    page.goto(page.url.partition("#")[0])
    assert page.url == f"{url}#respond"
    expect(page.locator("#commentform")).to_have_count(1)


def test_comment_pages_have_no_serious_accessibility_violations(comment_site, new_page):
    site = comment_site
    article = Article.objects.get(slug=THREADED_ARTICLE)
    assert article.comments.filter(parent__isnull=False).exists()
    report, blocking = [], []
    page = new_page(viewport=VIEWPORT)

    # The thread, as every reader sees it.
    page.goto(site + article.get_absolute_url())
    expect(page.locator("#comments ol.children").first).to_be_visible()
    audit(page, "article with comments", report, blocking)

    # The form moved under a comment by "Reply".
    page.locator(".comment-reply-link").first.click()
    expect(page.locator("#reply-title")).to_contain_text("Leave a Reply to")
    audit(page, "reply form under a comment", report, blocking)

    # The page of errors (with JavaScript: the form does not validate in the browser).
    page.locator(".comment-form").get_by_role("textbox", name="Comment", exact=True).fill(
        "A comment with no author."
    )
    page.locator("#cancel-comment-reply-link").click()
    page.get_by_role("button", name="Post Comment").click()
    wait_for_form_errors(page, site)
    expect(page.locator("#id_name-error")).to_have_text("Please enter your name.")
    expect(page.locator("#id_email-error")).to_be_visible()
    audit(page, "form errors", report, blocking)

    if report:  # every finding, minor ones too: shown with `pytest -s` or on failure
        print("\naxe findings:\n" + "\n".join(report))
    assert not blocking, "serious or critical axe violations:\n" + "\n".join(blocking)


def test_comment_pages_are_plain_links_and_a_reply_keeps_its_page(
    comment_site, new_page, screenshots
):
    """Comments in pages (issue 9): the links under the thread work without
    JavaScript, fit a phone's width, and a reply posted on page three comes
    back on page three."""
    site = comment_site
    DiscussionSettings.objects.filter(pk=1).update(threads_per_page=2)
    article = Article.objects.get(slug=THREADED_ARTICLE)
    for n in range(12):
        Comment.objects.create(
            article=article,
            name=f"Reader {n}",
            email=f"reader{n}@example.org",
            body=f"Later thought number {n}.",
            status=Comment.Status.APPROVED,
            fingerprint=f"later-{n}",
        )
    url = site + article.get_absolute_url()
    threads = article.comments.approved().filter(parent__isnull=True).count()
    last = -(-threads // 2)

    page = new_page(viewport=VIEWPORT, java_script_enabled=False)
    problems = watch_for_errors(page)
    page.goto(url)
    nav = page.get_by_role("navigation", name="Comment pages")
    expect(nav.locator('[aria-current="page"]')).to_have_text("1")
    expect(page.locator("#comments ol.comment-list > li.comment")).to_have_count(2)
    nav.get_by_role("link", name="Newer comments »").click()
    page.wait_for_url(f"{url}?cpage=2#comments")
    expect(nav.locator('[aria-current="page"]')).to_have_text("2")
    nav.get_by_role("link", name="3", exact=True).click()
    page.wait_for_url(f"{url}?cpage=3#comments")
    nav.scroll_into_view_if_needed()
    nav.screenshot(path=screenshots / "comment-pages-1280.png")
    page.locator("#comments").screenshot(path=screenshots / "comment-page-3-1280.png")
    nav.get_by_role("link", name=str(last), exact=True).click()
    page.wait_for_url(f"{url}?cpage={last}#comments")
    expect(nav.get_by_role("link", name="Newer comments »")).to_have_count(0)

    phone = new_page(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    phone.goto(f"{url}?cpage=3")
    phone_nav = phone.get_by_role("navigation", name="Comment pages")
    phone_nav.scroll_into_view_if_needed()
    phone_nav.screenshot(path=screenshots / "comment-pages-390.png")
    box = phone_nav.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    # With JavaScript: "Reply" under a comment on page three, and the reply
    # (awaiting moderation) is shown on page three.
    reader = new_page(viewport=VIEWPORT)
    reader_problems = watch_for_errors(reader)
    reader.goto(f"{url}?cpage=3")
    target = reader.locator("#comments ol.comment-list > li.comment").first
    target_pk = int(target.get_attribute("id").removeprefix("comment-"))
    target.locator("> .comment__body .comment-reply-link").click()
    expect(reader.locator("#reply-title")).to_contain_text("Leave a Reply to")
    reply_pk = post_comment(
        reader, site, body="A reply on page three.", name=READER_NAME, email=READER_EMAIL
    )
    assert reader.url == f"{url}?cpage=3#comment-{reply_pk}"
    reply = comment_item(reader, reply_pk)
    expect(reply).to_be_visible()
    expect(reply.locator(".comment__awaiting")).to_have_text(ONLY_YOU)
    assert Comment.objects.get(pk=reply_pk).parent_id == target_pk
    report, blocking = [], []
    audit(reader, "a page of comments", report, blocking)
    if report:  # every finding, minor ones too: shown with `pytest -s` or on failure
        print("\naxe findings:\n" + "\n".join(report))
    assert not blocking, "serious or critical axe violations:\n" + "\n".join(blocking)
    assert not problems + reader_problems, "\n".join(problems + reader_problems)
