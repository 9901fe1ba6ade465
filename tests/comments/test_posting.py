"""The reader side of "Leave a Reply"."""

import re
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import PreviewLink
from comments.cookies import AUTHOR_COOKIE, MINE_COOKIE, NOTICE_COOKIE
from comments.models import Comment, DiscussionSettings
from tests.articles.test_queries import PAGE_CACHE_BOUND
from tests.factories import ArticleFactory

from .conftest import SAME_ORIGIN, post_comment

pytestmark = pytest.mark.django_db


def test_the_form_is_the_classic_leave_a_reply(client, story, rules):
    html = client.get(story.get_absolute_url()).content.decode()
    assert '<form id="commentform"' in html
    assert "Leave a Reply" in html
    assert "Your email address will not be published." in html
    assert "Required fields are marked" in html
    for name in ("body", "name", "email", "url", "parent"):
        assert f'name="{name}"' in html
    assert "Save my name, email, and website in this browser for the next time I comment." in html
    assert "Notify me of replies by email" in html
    assert ">Post Comment</button>" in html
    assert "csrfmiddlewaretoken" not in html


def test_posting_redirects_back_and_only_the_poster_sees_the_pending_comment(client, story, rules):
    response = post_comment(client, story)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert response.status_code == 302
    assert response["Location"] == f"{story.get_absolute_url()}#comment-{comment.pk}"
    assert MINE_COOKIE in response.cookies
    assert AUTHOR_COOKIE not in response.cookies, "the author cookie needs the box ticked"

    own = client.get(story.get_absolute_url())
    html = own.content.decode()
    assert "Your comment is awaiting moderation." in html
    assert "A thoughtful remark about the bridge." in html
    assert "private" in own["Cache-Control"] and "no-store" in own["Cache-Control"]

    from django.test import Client

    stranger = Client().get(story.get_absolute_url())
    assert "A thoughtful remark" not in stranger.content.decode()
    assert not stranger.cookies
    assert "private" not in stranger.get("Cache-Control", "")


def test_saving_the_author_fills_the_form_next_time(client, story, rules):
    post_comment(client, story, save_author="on", url="example.org/aysel")
    assert client.cookies[AUTHOR_COOKIE]
    html = client.get(story.get_absolute_url()).content.decode()
    assert 'value="Aysel"' in html
    assert 'value="aysel@example.org"' in html
    assert 'value="https://example.org/aysel"' in html
    post_comment(client, story, body="Another thought, without saving this time.")
    assert client.cookies[AUTHOR_COOKIE].value == ""  # deleted


def test_a_double_submitted_comment_is_stored_once(client, story, rules):
    first = post_comment(client, story)
    second = post_comment(client, story)
    assert Comment.objects.count() == 1
    comment = Comment.objects.get()
    # The first lands on the reader's comment, the second on the notice above the comments.
    assert first["Location"] == story.get_absolute_url() + f"#comment-{comment.pk}"
    assert second["Location"] == story.get_absolute_url() + "#comments"
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Duplicate comment detected" in html


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"body": ""}, "body", "Please write your comment."),
        ({"body": "   \n  "}, "body", "Please write your comment."),
        ({"name": ""}, "name", "Please enter your name."),
        ({"email": ""}, "email", "Please enter your email address."),
        ({"email": "not-an-address"}, "email", "Enter a valid email address"),
        ({"url": "javascript:alert(1)"}, "url", "starting with http:// or https://"),
        ({"url": "ftp://example.org/x"}, "url", "starting with http:// or https://"),
        ({"body": "x" * 5001}, "body", "the limit is 5000"),
        ({"name": "n" * 81}, "name", "at most 80 characters"),
    ],
    ids=[
        "empty",
        "blank",
        "no-name",
        "no-email",
        "bad-email",
        "js-url",
        "ftp",
        "long",
        "long-name",
    ],
)
def test_bad_input_is_shown_next_to_the_field_and_nothing_is_lost(
    client, story, rules, fields, field, message
):
    typed = {
        "body": "My carefully written paragraph\nwith a second line.",
        "name": "Aysel",
        "email": "aysel@example.org",
        "url": "https://example.org",
        **fields,
    }
    response = post_comment(client, story, **typed)
    assert response.status_code == 400
    html = response.content.decode()
    error = re.search(rf'id="id_{field}-error">([^<]*)<', html)
    assert error and message in error.group(1).replace("&#x27;", "'"), html[-3000:]
    assert f'name="{field}" id="id_{field}"' in html
    for name, value in typed.items():
        if name == "body":
            assert value in html or value.strip() == ""
        elif value and name != field:
            assert f'value="{value}"' in html
    assert not Comment.objects.exists()
    assert "no-store" in response["Cache-Control"]


def test_reloading_the_address_a_form_error_leaves_leads_back_to_the_article(
    client, section, story, rules
):
    """Issue 11: after a form error the address bar holds the form's action;
    reloading it (a GET) led to an empty 405."""
    error = post_comment(client, story, body="")
    assert error.status_code == 400
    action = re.search(r'<form id="commentform"[^>]* action="([^"]*)"', error.content.decode())
    assert action and action.group(1) == f"/comments/post/?article={story.pk}#respond"
    back = client.get(action.group(1).partition("#")[0])
    assert (back.status_code, back["Location"]) == (302, story.get_absolute_url() + "#respond")
    assert client.head(f"/comments/post/?article={story.pk}").status_code == 302
    draft = ArticleFactory(section=section, draft=True)
    for query in ("", f"?article={draft.pk}", "?article=999999", "?article=x", "?article=1e99"):
        home = client.get(f"/comments/post/{query}")
        assert (home.status_code, home["Location"]) == (302, "/"), query
    assert not Comment.objects.exists()


def test_comments_are_plain_text_escaped_with_links_marked_ugc(client, story, rules):
    DiscussionSettings.objects.filter(pk=1).update(max_links=5)
    post_comment(
        client,
        story,
        body="First <b>bold</b> & more.\n\nSecond paragraph\nnext line https://example.org/a?b=1&c=2.",
    )
    comment = Comment.objects.get()
    from comments.services import moderate

    moderate(comments=[comment], status=Comment.Status.APPROVED)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "<p>First &lt;b&gt;bold&lt;/b&gt; &amp; more.</p>" in html
    assert (
        '<p>Second paragraph<br>next line <a href="https://example.org/a?b=1&amp;c=2" '
        'rel="nofollow ugc">https://example.org/a?b=1&amp;c=2</a>.</p>'
    ) in html


def test_name_links_to_the_website_with_nofollow_ugc(client, story, rules):
    post_comment(client, story, url="https://aysel.example.org")
    from comments.services import moderate

    moderate(comments=list(Comment.objects.all()), status=Comment.Status.APPROVED)
    html = client.get(story.get_absolute_url()).content.decode()
    assert '<a href="https://aysel.example.org" rel="nofollow ugc external">Aysel</a>' in html
    assert 'class="avatar"' in html and ">A<" in html


XSS = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "<svg/onload=alert(1)>",
    "{{ 7*7 }}{% debug %}",
    "</textarea><script>alert(1)</script>",
]


@pytest.mark.parametrize("payload", XSS)
def test_xss_payloads_come_back_escaped_on_the_page_and_in_the_admin(
    client, story, rules, payload, django_user_model
):
    email = "x@example.org"
    post_comment(client, story, body=f"Body {payload}", name=f"N {payload}"[:80], email=email)
    comment = Comment.objects.get()
    from comments.services import moderate

    moderate(comments=[comment], status=Comment.Status.APPROVED)
    html = client.get(story.get_absolute_url()).content.decode()
    for dangerous in ("<script>alert", "<img src=x", "<svg/onload", "onerror=alert(1)>"):
        assert dangerous not in html.replace("<script>document.documentElement", "")
    # A form with errors echoes the payload back: still escaped.
    echoed = post_comment(client, story, body=f"Echo {payload}", email="bad").content.decode()
    assert "</textarea><script>" not in echoed
    staff = django_user_model.objects.create_superuser("mod", "mod@example.org", "pw")
    client.force_login(staff)
    for url in (
        "/admin/comments/comment/?status=all",
        f"/admin/comments/comment/{comment.pk}/change/",
    ):
        admin_html = client.get(url).content.decode()
        assert "<script>alert(" not in admin_html
        assert "<img src=x onerror" not in admin_html
        assert "<svg/onload" not in admin_html


def test_the_email_address_never_appears_on_public_pages(client, story, rules):
    email = "secret.reader@example.org"
    post_comment(client, story, email=email)
    from comments.services import moderate

    moderate(comments=list(Comment.objects.all()), status=Comment.Status.APPROVED)
    from django.test import Client

    public = Client()
    for url in (
        story.get_absolute_url(),
        "/",
        "/feed/",
        "/section/economy/feed/",
        "/sitemap.xml",
        "/sitemap-news.xml",
        "/search/?q=remark",
        "/section/economy/",
        f"/comments/{Comment.objects.get().pk}/report/",
    ):
        response = public.get(url)
        assert response.status_code == 200, url
        assert email not in response.content.decode(), url
        assert "secret.reader" not in response.content.decode(), url


def test_reply_links_work_without_javascript(client, story, rules):
    post_comment(client, story)
    from comments.services import moderate

    parent = Comment.objects.get()
    moderate(comments=[parent], status=Comment.Status.APPROVED)
    html = client.get(story.get_absolute_url()).content.decode()
    assert f'href="?replyto={parent.pk}#respond"' in html
    replying = client.get(story.get_absolute_url(), {"replyto": parent.pk}).content.decode()
    assert "Leave a Reply to Aysel" in replying
    assert 'id="cancel-comment-reply-link"' in replying
    assert f'name="parent" value="{parent.pk}"' in replying


def test_replies_thread_and_respect_the_depth_limit(client, story, rules):
    from comments.services import moderate

    rules.thread_depth = 3
    rules.save()
    parent = None
    chain = []
    for level in range(5):
        post_comment(
            client,
            story,
            body=f"Level {level} comment",
            email=f"r{level}@example.org",
            parent=parent.pk if parent else "",
        )
        parent = Comment.objects.get(body=f"Level {level} comment")
        moderate(comments=[parent], status=Comment.Status.APPROVED)
        chain.append(parent)
    assert [c.depth for c in chain] == [0, 1, 2, 2, 2]
    # Beyond the depth a reply attaches at the deepest allowed level.
    assert chain[3].parent == chain[1]
    assert chain[4].parent == chain[1]
    html = client.get(story.get_absolute_url()).content.decode()
    assert html.count('<ol class="children">') == 2
    assert "5 comments" in html


def test_cross_site_posts_are_refused(client, story, rules):
    response = client.post(
        "/comments/post/",
        {"article": story.pk, "body": "spam", "name": "x", "email": "x@example.org"},
        headers={"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_closed_and_unpublished_articles_refuse_posts_at_the_server(client, section, rules):
    from datetime import timedelta

    from django.utils import timezone

    closed = ArticleFactory(section=section, comments_enabled=False)
    old = ArticleFactory(section=section, published_at=timezone.now() - timedelta(days=30))
    draft = ArticleFactory(section=section, draft=True)
    scheduled = ArticleFactory(section=section, scheduled=True)
    for article in (closed, old):
        response = post_comment(client, article)
        assert response.status_code == 403
        assert "Comments are closed" in response.content.decode()
        page = client.get(article.get_absolute_url()).content.decode()
        assert 'id="commentform"' not in page
        assert "Comments are closed." in page
    for article in (draft, scheduled):
        assert post_comment(client, article).status_code == 404
    assert not Comment.objects.exists()
    rules.close_after_days = 0  # never close automatically
    rules.save()
    assert post_comment(client, old).status_code == 302


def test_report_a_comment(client, story, rules):
    from comments.services import moderate

    post_comment(client, story)
    comment = Comment.objects.get()
    moderate(comments=[comment], status=Comment.Status.APPROVED)
    page = client.get(f"/comments/{comment.pk}/report/")
    assert page.status_code == 200
    assert "Report a comment" in page.content.decode()
    empty = client.post(f"/comments/{comment.pk}/report/", {"reason": ""}, headers=SAME_ORIGIN)
    assert empty.status_code == 400
    for n in range(5):
        done = client.post(
            f"/comments/{comment.pk}/report/", {"reason": f"Insulting {n}"}, headers=SAME_ORIGIN
        )
        assert done.status_code == 200
    limited = client.post(f"/comments/{comment.pk}/report/", {"reason": "x"}, headers=SAME_ORIGIN)
    assert limited.status_code == 429
    assert comment.reports.count() == 5


def approve_comments_on(client, article, count):
    from comments.services import moderate

    for n in range(count):
        post_comment(
            client, article, body=f"Comment {n} on {article.pk}", email=f"c{n}@example.org"
        )
    moderate(comments=list(article.comments.all()), status=Comment.Status.APPROVED)


# Home and section pages: the frame (navigation, newsletter lists) plus their
# own queries, as tests/articles/test_queries.py pins (a section is not
# counted, issue 9).
LIST_PAGE_QUERIES = {"/section/economy/": 2 + 3, "/": 2 + 4}


@pytest.mark.parametrize(("articles", "comments_each"), [(1, 1), (6, 4)])
def test_article_lists_show_comment_counts_without_extra_queries(
    client, section, rules, django_assert_num_queries, articles, comments_each
):
    """The count is a column kept up to date, not a query per card: the same
    number of queries for one article with one comment as for six with four."""
    stories = [ArticleFactory(section=section) for _ in range(articles)]
    for story in stories:
        approve_comments_on(client, story, comments_each)
    expected = f"{comments_each} comment{'s' if comments_each > 1 else ''}</a>"
    for url, queries in LIST_PAGE_QUERIES.items():
        caches["pages"].clear()  # rendered afresh, as tests/articles/test_queries.py measures
        with django_assert_num_queries(queries + PAGE_CACHE_BOUND):
            html = client.get(url).content.decode()
        assert html.count(expected) >= articles, url


def test_article_list_counts_follow_moderation(client, section, rules):
    from comments.services import moderate

    article = ArticleFactory(section=section)
    approve_comments_on(client, article, 3)
    article.refresh_from_db()
    assert article.comment_count == 3
    assert "3 comments" in client.get("/section/economy/").content.decode()
    moderate(comments=[Comment.objects.first()], status=Comment.Status.TRASH)
    assert "2 comments" in client.get("/section/economy/").content.decode()


@pytest.mark.parametrize("value", ["²", "1x", "-1", ""])
def test_odd_reply_and_article_ids_are_ignored_not_a_500(client, story, rules, value):
    post_comment(client, story)
    from comments.services import moderate

    moderate(comments=list(Comment.objects.all()), status=Comment.Status.APPROVED)
    assert client.get(story.get_absolute_url(), {"replyto": value}).status_code == 200
    response = client.post(
        "/comments/post/",
        {"article": value, "body": "x", "name": "x", "email": "x@example.org"},
        headers=SAME_ORIGIN,
    )
    assert response.status_code == 404
    bad_form = post_comment(client, story, email="bad", parent=value)
    assert bad_form.status_code == 400


def test_a_duplicate_does_not_reveal_someone_elses_pending_comment(story, rules):
    from django.test import Client

    post_comment(Client(), story, body="My private pending words")
    stranger = Client()
    response = post_comment(stranger, story, body="My private pending words")
    assert Comment.objects.count() == 1
    assert MINE_COOKIE not in response.cookies
    page = stranger.get(story.get_absolute_url()).content.decode()
    assert "My private pending words" not in page


def test_a_website_too_long_once_https_is_added_is_a_field_error(client, story, rules):
    """The form adds https:// to a bare address: the limit applies to the result,
    or PostgreSQL refuses the row (a 500) while SQLite silently keeps it."""
    typed = "example.org/" + "a" * 183  # 195 characters, 203 with the scheme
    body = "My words, which must survive the error."
    response = post_comment(client, story, url=typed, body=body)
    assert response.status_code == 400
    html = response.content.decode()
    error = re.search(r'id="id_url-error">([^<]*)<', html)
    assert error and "too long" in error.group(1)
    assert f'value="{typed}"' in html and body in html
    assert not Comment.objects.exists()
    assert post_comment(client, story, url="example.org/" + "a" * 180).status_code == 302
    assert len(Comment.objects.get().url) == 200


def test_report_stays_on_comments_of_closed_articles_reply_does_not(client, section, rules):
    from comments.services import moderate

    article = ArticleFactory(section=section)
    post_comment(client, article)
    comment = Comment.objects.get()
    moderate(comments=[comment], status=Comment.Status.APPROVED)
    article.comments_enabled = False
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Comments are closed." in html
    assert f'href="/comments/{comment.pk}/report/"' in html
    assert "comment-reply-link" not in html


def test_newsroom_replies_can_be_reported_too(client, story, rules, django_user_model):
    from comments.services import moderate, reply_as_newsroom

    post_comment(client, story)
    question = Comment.objects.get()
    moderate(comments=[question], status=Comment.Status.APPROVED)
    staff = django_user_model.objects.create_user("desk", "desk@example.org", is_staff=True)
    reply = reply_as_newsroom(parent=question, body="Thank you for asking.", user=staff)
    html = client.get(story.get_absolute_url()).content.decode()
    assert f'href="/comments/{reply.pk}/report/"' in html


@pytest.mark.parametrize("payload", XSS)
def test_xss_payloads_in_website_email_and_report_reason_come_back_escaped(
    client, story, rules, payload, django_user_model
):
    dangerous = ("<script>alert", "<img src=x", "<svg/onload", "</textarea><script>")
    # The website and email fields echo what was typed when the form has errors.
    echoed = post_comment(client, story, url=f"x{payload}", email=f"a{payload}@x").content.decode()
    assert all(bad not in echoed for bad in dangerous)
    # A website that passes validation still cannot break out of its attribute.
    post_comment(client, story, url='https://example.org/"onmouseover=alert(1)')
    comment = Comment.objects.get()
    from comments.services import moderate

    moderate(comments=[comment], status=Comment.Status.APPROVED)
    page = client.get(story.get_absolute_url()).content.decode()
    assert '"onmouseover=alert(1)' not in page
    # The report form echoes a reason that is too long.
    report = client.post(
        f"/comments/{comment.pk}/report/", {"reason": payload * 60}, headers=SAME_ORIGIN
    )
    assert report.status_code == 400
    assert all(bad not in report.content.decode() for bad in dangerous)
    client.post(f"/comments/{comment.pk}/report/", {"reason": payload}, headers=SAME_ORIGIN)
    assert comment.reports.get().reason == payload
    staff = django_user_model.objects.create_superuser("mod", "mod@example.org", "pw")
    client.force_login(staff)
    for url in (
        "/admin/comments/comment/?status=all",
        f"/admin/comments/comment/{comment.pk}/change/",
        f"/admin/comments/comment/{comment.pk}/reply/",
    ):
        admin_html = client.get(url).content.decode()
        assert all(bad not in admin_html for bad in dangerous), url
        assert '"onmouseover=alert(1)' not in admin_html, url


@pytest.mark.parametrize("payload", XSS)
def test_xss_payloads_are_escaped_on_the_admin_reply_page(
    client, story, rules, payload, admin_user
):
    post_comment(client, story, body=f"Body {payload}", name=f"N {payload}"[:80])
    comment = Comment.objects.get()
    client.force_login(admin_user)
    html = client.get(f"/admin/comments/comment/{comment.pk}/reply/").content.decode()
    assert "Body " in html
    for dangerous in ("<script>alert", "<img src=x", "<svg/onload", "</textarea><script>"):
        assert dangerous not in html


def test_a_thread_depth_of_one_keeps_every_reply_flat(client, story, rules):
    from comments.services import moderate

    rules.thread_depth = 1
    rules.save()
    parent = None
    for level in range(3):
        post_comment(
            client,
            story,
            body=f"Flat {level}",
            email=f"f{level}@example.org",
            parent=parent.pk if parent else "",
        )
        parent = Comment.objects.get(body=f"Flat {level}")
        moderate(comments=[parent], status=Comment.Status.APPROVED)
    assert set(Comment.objects.values_list("depth", "parent")) == {(0, None)}
    html = client.get(story.get_absolute_url()).content.decode()
    assert '<ol class="children">' not in html
    assert "3 comments" in html


@pytest.mark.parametrize("value", ["²", "1x", "-1", "1e400", "nan", "  "])
def test_garbage_in_the_hidden_fields_counts_as_absent(client, story, rules, value):
    """The hidden parent and elapsed fields have no visible error to show: a
    value that is not a number is treated as missing, not a silent 400."""
    response = post_comment(client, story, parent=value, elapsed=value)
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.parent is None


def test_a_reply_to_a_comment_that_is_not_shown_is_refused_with_a_clear_error(
    client, story, section, rules
):
    from comments.services import moderate

    post_comment(client, story, body="Still waiting for a moderator", email="w@example.org")
    pending = Comment.objects.get()
    elsewhere = ArticleFactory(section=section)
    post_comment(client, elsewhere, body="On another article", email="o@example.org")
    other = Comment.objects.get(article=elsewhere)
    moderate(comments=[other], status=Comment.Status.APPROVED)
    body = "My reply, which must not be lost."
    for parent in (pending.pk, other.pk, 999999):
        response = post_comment(client, story, body=body, parent=parent)
        assert response.status_code == 400, parent
        html = response.content.decode()
        assert "no longer available" in html
        assert body in html
        assert 'name="parent" value=""' in html or 'name="parent" id' in html
    assert not Comment.objects.filter(body=body).exists()
    # Posting again adds it as a new comment.
    assert post_comment(client, story, body=body).status_code == 302
    assert Comment.objects.get(body=body).parent is None


def test_the_honeypot_has_a_name_browsers_do_not_autofill(client, story, rules):
    html = client.get(story.get_absolute_url()).content.decode()
    trap = re.search(r'class="comment-form__trap".*?name="([^"]+)"', html)
    assert trap
    assert not re.search(r"phone|tel|mail|name|address|url|fax|company", trap.group(1))


def test_the_privacy_notice_explains_comments(client, db):
    html = client.get("/privacy/").content.decode()
    assert "Comments" in html
    assert "Save my name" in html
    assert "60 days" in html


def test_the_error_page_keeps_the_time_spent_writing(client, story, rules):
    """The page script counts on from it: a comment corrected in two seconds
    after a minute of writing must not look like a bot's."""
    response = post_comment(client, story, name="", elapsed="61.5")
    assert response.status_code == 400
    assert 'name="elapsed" value="61.5"' in response.content.decode()
    # The corrected post, sent two seconds later, counts from there.
    post_comment(client, story, elapsed="63.5")
    assert Comment.objects.get().status == Comment.Status.PENDING


@pytest.mark.parametrize(
    ("fields", "status"),
    [({}, 302), ({"name": ""}, 400), ({"parent": "999999"}, 400)],
    ids=["posted", "field-error", "parent-gone"],
)
def test_a_post_reads_the_discussion_rules_once(client, story, rules, fields, status):
    """The rules are loaded by the posting service alone; the page that shows the
    form again with its errors uses the same ones."""
    with CaptureQueriesContext(connection) as context:
        response = post_comment(client, story, **fields)
    assert response.status_code == status
    table = DiscussionSettings._meta.db_table
    assert sum(table in query["sql"] for query in context.captured_queries) == 1


@pytest.mark.parametrize(
    "cookie",
    [AUTHOR_COOKIE, MINE_COOKIE, NOTICE_COOKIE, None],
    ids=["saved-author", "pending-comments", "notice", "none"],
)
def test_the_article_page_is_private_only_for_a_reader_holding_comment_cookies(
    client, story, rules, cookie
):
    """Whichever comment cookie the reader holds (even one gone stale), the page
    may show their own details: no shared cache may keep it. Any other cookie
    leaves the page public."""
    client.cookies["sessionid"] = "not-ours"
    if cookie:
        client.cookies[cookie] = "stale"
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    cache_control = response.get("Cache-Control", "")
    if cookie:
        assert "private" in cache_control and "no-store" in cache_control
    else:
        assert "private" not in cache_control and "no-store" not in cache_control
    # The notice is shown once: the page that read it clears it.
    assert (NOTICE_COOKIE in response.cookies) == (cookie == NOTICE_COOKIE)


def test_a_preview_link_shows_no_discussion(client, story, rules):
    link = PreviewLink.objects.create(article=story, expires_at=timezone.now() + timedelta(days=1))
    client.cookies[NOTICE_COOKIE] = "stale"
    response = client.get(reverse("articles:preview", args=[link.token]))
    assert response.status_code == 200
    assert "Preview:" in response.content.decode()
    assert 'id="comments"' not in response.content.decode()
    assert NOTICE_COOKIE not in response.cookies, "a notice not shown is not used up"
