"""Who may move an article through the workflow: every move by every role,
through the change form's buttons, the bulk actions and a crafted POST."""

import re
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, ArticleTransition
from tests.articles.helpers import (
    ADD_URL,
    ADMIN,
    NO_PERMISSION,
    Status,
    bulk,
    change_url,
    draft_by,
    hours_from_now,
    login,
    open_form,
    page_messages,
    public_status,
    save,
    text,
)
from tests.factories import ArticleFactory
from tests.forms import datetime_fields, form_fields

pytestmark = pytest.mark.django_db

ROLES = ["owner", "other_reporter", "editor", "chief"]
REPORTERS = {"owner", "other_reporter"}
PUBLISHERS = {"editor", "chief"}
SEND_BACK_NOTE = "Needs a second source for the budget figure."


@dataclass(frozen=True)
class Transition:
    start: str
    end: str
    button: str
    allowed: frozenset
    bulk_action: str | None = None
    # Form changes that go with pressing the button.
    with_button: dict = field(default_factory=dict)
    # What a reporter's crafted POST of the change form sends to get there.
    crafted: dict = field(default_factory=dict)


TRANSITIONS = {
    "submit": Transition(
        start=Status.DRAFT,
        end=Status.REVIEW,
        button="_submit",
        allowed=frozenset({"owner", "editor", "chief"}),
        bulk_action="submit_selected",
        crafted={"status": Status.REVIEW},
    ),
    "send_back": Transition(
        start=Status.REVIEW,
        end=Status.DRAFT,
        button="_send_back",
        allowed=frozenset(PUBLISHERS),
        with_button={"transition_note": SEND_BACK_NOTE},
        crafted={"status": Status.DRAFT, "transition_note": SEND_BACK_NOTE},
    ),
    # Publishing and scheduling start from a draft: its owner may edit it, so a
    # refusal of the reporter can only come from the workflow's own gate.
    "publish": Transition(
        start=Status.DRAFT,
        end=Status.PUBLISHED,
        button="_publish",
        allowed=frozenset(PUBLISHERS),
        bulk_action="publish_selected",
        crafted={"status": Status.PUBLISHED, "published_at": "now"},
    ),
    "schedule": Transition(
        start=Status.DRAFT,
        end=Status.PUBLISHED,
        button="_schedule",
        allowed=frozenset(PUBLISHERS),
        with_button={"published_at": 24},
        crafted={"status": Status.PUBLISHED, "published_at": 24},
    ),
    "unpublish": Transition(
        start=Status.PUBLISHED,
        end=Status.UNPUBLISHED,
        button="_unpublish",
        allowed=frozenset(PUBLISHERS),
        bulk_action="unpublish_selected",
        crafted={"status": Status.UNPUBLISHED},
    ),
}


def _matrix():
    cases = []
    for name, transition in TRANSITIONS.items():
        paths = ["button"]
        if transition.bulk_action:
            paths.append("bulk")
        for path in paths:
            for role in ROLES:
                cases.append(pytest.param(role, name, path, id=f"{name}-{path}-{role}"))
        for role in sorted(REPORTERS):
            cases.append(pytest.param(role, name, "crafted", id=f"{name}-crafted-{role}"))
    return cases


def _form_values(values: dict, *, crafted=False) -> dict:
    """Resolve the symbolic values of a Transition into POST fields."""
    data = {}
    for name, value in values.items():
        if name == "published_at":
            moment = timezone.now() if value == "now" else hours_from_now(value)
            # The admin's split date and time inputs...
            data.update(datetime_fields("published_at", moment))
            if crafted:
                # ...and, hand-made, the field's own name.
                data["published_at"] = moment.isoformat()
        else:
            data[name] = value
    return data


def _start(transition, owner, section):
    if transition.start == Status.PUBLISHED:
        return ArticleFactory(section=section, created_by=owner, headline="A live story")
    return draft_by(owner, section, status=transition.start, headline="A story on the desk")


@pytest.mark.parametrize(("role", "name", "path"), _matrix())
def test_permission_matrix(users, section, role, name, path):
    transition = TRANSITIONS[name]
    article = _start(transition, users["owner"], section)
    before = Article.objects.get(pk=article.pk)
    user = users[role]
    client = login(user)

    if path == "button":
        response = save(client, article, transition.button, **_form_values(transition.with_button))
    elif path == "bulk":
        response = bulk(client, [article], transition.bulk_action, follow=True)
    else:
        # Whatever the reporter's page shows (an editable draft or a read-only
        # view), plus the publisher-only fields typed in by hand.
        response = save(client, article, **_form_values(transition.crafted, crafted=True))

    article.refresh_from_db()
    allowed = role in transition.allowed and path != "crafted"
    if allowed:
        if path == "bulk":
            assert response.redirect_chain[-1] == (ADMIN, 302)
            assert any(msg.startswith("1 article(s):") for msg in page_messages(response))
        else:
            assert response.status_code == 302, text(response)[:3000]
            assert response["Location"] == change_url(article)
        assert article.status == transition.end
        step = ArticleTransition.objects.get(article=article)
        assert (step.action, step.user, step.from_status, step.to_status) == (
            name,
            user,
            transition.start,
            transition.end,
        )
        if name == "send_back":
            assert step.note == SEND_BACK_NOTE
        if name == "schedule":
            assert article.is_scheduled
            assert article.published_at > timezone.now() + timedelta(hours=23)
    else:
        if path == "bulk":
            # Refused in the change list: nothing happens, with a reason shown.
            assert response.redirect_chain[-1] == (ADMIN, 302)
            shown = page_messages(response)
            if transition.bulk_action == "submit_selected":
                assert any(NO_PERMISSION in msg for msg in shown), shown
            else:
                # A reporter is not even offered the action.
                assert "No action selected." in shown
                assert transition.bulk_action not in client.get(ADMIN).content.decode()
        else:
            assert response.status_code == 403
        assert article.status == transition.start
        assert article.published_at == before.published_at
        assert article.version == before.version
        assert not ArticleTransition.objects.filter(article=article).exists()

    expected_public = {
        Status.PUBLISHED: 404 if article.is_scheduled else 200,
        Status.UNPUBLISHED: 410,
    }.get(article.status, 404)
    assert public_status(article) == expected_public


def test_buttons_offered_match_the_rules(users, section):
    draft = draft_by(users["owner"], section)
    in_review = draft_by(users["owner"], section, status=Status.REVIEW)
    live = ArticleFactory(section=section, created_by=users["owner"])

    def buttons(user, article):
        html = login(user).get(change_url(article)).content.decode()
        return set(re.findall(r'<input type="submit" name="(_\w+)"', html))

    assert buttons(users["owner"], draft) == {"_submit"}
    assert buttons(users["other_reporter"], draft) == set()
    assert buttons(users["owner"], in_review) == set()
    assert buttons(users["owner"], live) == set()
    assert buttons(users["editor"], draft) == {"_submit", "_publish", "_schedule"}
    assert buttons(users["editor"], in_review) == {"_send_back", "_publish", "_schedule"}
    assert buttons(users["chief"], live) == {"_unpublish"}


def test_reporter_filling_last_updated_gets_no_server_error(users, section):
    article = draft_by(users["owner"], section)
    reporter = login(users["owner"])
    response = save(reporter, article, **datetime_fields("updated_at", timezone.now()))
    article.refresh_from_db()
    assert article.updated_at is None
    # Refused (403, like the other publisher-only fields) or a form error; never a 500.
    assert response.status_code in (200, 403)


def test_reporter_creates_edits_and_submits_own_draft(users, section):
    reporter = login(users["owner"])
    data = form_fields(reporter.get(ADD_URL))
    data.update(
        headline="Port of Baku adds a ferry line",
        slug="baku-ferry-line",
        body="<p>The new line runs to Turkmenbashi.</p>",
        section=str(section.pk),
    )
    response = reporter.post(ADD_URL, {**data, "_submit": "clicked"})
    assert response.status_code == 302
    article = Article.objects.get(slug="baku-ferry-line")
    assert article.created_by == users["owner"]
    assert article.status == Status.REVIEW
    step = ArticleTransition.objects.get(article=article)
    assert (step.action, step.user, step.from_status, step.to_status) == (
        "submit",
        users["owner"],
        Status.DRAFT,
        Status.REVIEW,
    )
    # Once submitted, it is no longer the reporter's to edit.
    # What the reporter now sees is the story as readers will, not its HTML source.
    read_only = reporter.get(change_url(article)).content.decode()
    assert '<div class="body-as-read"><p>' in read_only
    assert "&lt;p&gt;" not in read_only
    refused = save(reporter, article, headline="Changed after submitting")
    assert refused.status_code == 403
    # A page that says so and leads back to the newsroom, not a bare "403 Forbidden".
    assert "You are not allowed to do that" in text(refused)
    assert 'href="/admin/"' in text(refused)
    article.refresh_from_db()
    assert article.headline == "Port of Baku adds a ferry line"


@pytest.mark.parametrize(
    "crafted",
    [
        pytest.param({"status": "published"}, id="status"),
        pytest.param({"status": "published", "published_at": "2020-01-01T10:00"}, id="both"),
        pytest.param({"published_at": "2020-01-01T10:00"}, id="published_at"),
        pytest.param({"expires_at": "2099-01-01T10:00"}, id="expires_at"),
        pytest.param(
            {"published_at_0": "2020-01-01", "published_at_1": "10:00:00"},
            id="published_at-as-the-admin-names-it",
        ),
    ],
)
@pytest.mark.parametrize("view", ["change", "add"])
def test_crafted_publisher_fields_from_a_reporter_get_403(users, section, crafted, view):
    reporter = login(users["owner"])
    if view == "change":
        article = draft_by(users["owner"], section, headline="Reporter's own draft")
        response = save(reporter, article, **crafted)
        article.refresh_from_db()
        assert article.status == Status.DRAFT
        assert article.published_at is None
        assert article.expires_at is None
        assert public_status(article) == 404
    else:
        data = form_fields(reporter.get(ADD_URL))
        data.update(headline="Crafted", slug="crafted", section=str(section.pk), **crafted)
        response = reporter.post(ADD_URL, data)
        assert not Article.objects.filter(status=Status.PUBLISHED).exists()
        assert not Article.objects.filter(published_at__isnull=False).exists()
    assert not ArticleTransition.objects.exists()
    assert response.status_code == 403


@pytest.mark.parametrize(
    "crafted", [{"is_featured": "on"}, {"priority": "90"}], ids=["is_featured", "priority"]
)
def test_featuring_is_for_editors(users, section, crafted):
    article = draft_by(users["owner"], section, headline="Reporter's draft")
    reporter = login(users["owner"])
    shown = open_form(reporter, article)
    assert "is_featured" not in shown and "priority" not in shown
    assert save(reporter, article, **crafted).status_code == 403
    article.refresh_from_db()
    assert (article.is_featured, article.priority) == (False, 0)
    # The editor may.
    assert save(login(users["editor"]), article, is_featured="on", priority="90").status_code == 302
    article.refresh_from_db()
    assert (article.is_featured, article.priority) == (True, 90)


def test_editors_see_the_desks_audit_trail_and_cannot_rewrite_it(users, section):
    article = draft_by(users["owner"], section, headline="Bridge repairs")
    reporter = login(users["owner"])
    save(reporter, article, "_submit")
    trail_url = "/admin/articles/articletransition/"
    page = text(login(users["editor"]).get(trail_url))
    assert "Bridge repairs" in page and "submit" in page
    step = ArticleTransition.objects.get()
    editor = login(users["editor"])
    assert editor.get(f"{trail_url}{step.pk}/change/").status_code == 200  # read-only view
    assert editor.post(f"{trail_url}{step.pk}/change/", {"note": "rewritten"}).status_code == 403
    assert editor.post(f"{trail_url}{step.pk}/delete/", {"post": "yes"}).status_code == 403
    assert reporter.get(trail_url).status_code == 403


def test_a_reporter_pressing_two_buttons_at_once_gets_403(users, section):
    """A browser sends the one button pressed: submit and publish together is a
    crafted request, refused whole (the submit alone would have been allowed)."""
    article = draft_by(users["owner"], section, headline="Reporter's own draft")
    reporter = login(users["owner"])
    response = save(reporter, article, "_submit", _publish="clicked")
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert not ArticleTransition.objects.exists()
