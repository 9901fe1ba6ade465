"""The editorial workflow, end to end through the admin and the public site.

Every test drives the real admin pages with the test client: it GETs the
change form, reads the fields a browser would send (see ``form_fields``),
changes what a person would change and POSTs it back, with the buttons and
bulk actions the pages offer. Users are put in the groups the data migration
creates (Reporter, Editor, Chief editor); the public effect is checked on the
public URLs (article page, home, feeds, preview links).
"""

import re
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from html import unescape
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from articles.models import Article, ArticleRevision, ArticleTransition, Correction, PreviewLink
from tests.conftest import postgres_only
from tests.factories import ArticleFactory, image_bytes

pytestmark = pytest.mark.django_db

Status = Article.Status
ADMIN = "/admin/articles/article/"
ADD_URL = f"{ADMIN}add/"
CALENDAR_URL = f"{ADMIN}calendar/"
NO_PERMISSION = "You do not have permission to do that to this article."


# Reading and posting admin forms like a browser -------------------------------------


class _FormReader(HTMLParser):
    """Collects the (name, value) pairs a browser would submit for one form:
    text and hidden inputs, checked checkboxes, textareas and the selected
    options of selects. Submit buttons and file inputs are left out."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.pairs: list[tuple[str, str]] = []
        self._textarea = None
        self._select = None
        self._option = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = self.inside or attrs.get("id") == self.form_id
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.pairs.append((name, attrs.get("value") or "on"))
                return
            self.pairs.append((name, attrs.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = {"name": name, "multiple": "multiple" in attrs, "options": []}
        elif tag == "option" and self._select is not None:
            self._option = [attrs.get("value"), "selected" in attrs, ""]
            self._select["options"].append(self._option)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
        elif self._option is not None:
            self._option[2] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            # Browsers drop the newline that directly follows <textarea>.
            self.pairs.append((name, text.removeprefix("\n")))
            self._textarea = None
        elif tag == "option":
            self._option = None
        elif tag == "select" and self._select is not None:
            options = self._select["options"]
            chosen = [option for option in options if option[1]]
            if not chosen and options and not self._select["multiple"]:
                chosen = options[:1]
            for value, _selected, label in chosen:
                self.pairs.append((self._select["name"], label.strip() if value is None else value))
            self._select = None


def form_fields(response, form_id="article_form") -> dict:
    """What the browser would POST back from the page, unchanged."""
    assert response.status_code == 200, response.status_code
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    data: dict[str, list[str]] = {}
    for name, value in reader.pairs:
        data.setdefault(name, []).append(value)
    return {name: values[0] if len(values) == 1 else values for name, values in data.items()}


def add_inline_row(data: dict, prefix: str, **values) -> dict:
    """Click "Add another": copy the empty row template and fill it in."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    template = f"{prefix}-__prefix__-"
    for name, value in list(data.items()):
        if template in name:
            data[name.replace("__prefix__", str(index))] = value
    for name, value in values.items():
        data[f"{prefix}-{index}-{name}"] = value
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    return data


def split(moment: datetime) -> tuple[str, str]:
    """A datetime as the admin's date and time inputs take it (local time)."""
    local = timezone.localtime(moment)
    return local.strftime("%Y-%m-%d"), local.strftime("%H:%M:%S")


def datetime_fields(name: str, moment: datetime | None) -> dict:
    day, time = split(moment) if moment else ("", "")
    return {f"{name}_0": day, f"{name}_1": time}


def change_url(article) -> str:
    return f"{ADMIN}{article.pk}/change/"


def open_form(client, article) -> dict:
    return form_fields(client.get(change_url(article)))


def save(client, article, button=None, *, data=None, **changes):
    """Open the change form (unless ``data`` was read already), change fields,
    press ``button`` (or plain Save) and POST."""
    data = dict(open_form(client, article) if data is None else data)
    data.update(changes)
    if button:
        data[button] = "clicked"
    return client.post(change_url(article), data)


def bulk(client, articles, action, **kwargs):
    """Tick the articles in the change list, choose the action, press Go."""
    data = {
        "action": action,
        "select_across": "0",
        "index": "0",
        "_selected_action": [str(article.pk) for article in articles],
    }
    return client.post(ADMIN, data, **kwargs)


def text(response) -> str:
    return unescape(response.content.decode())


def page_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def public_status(article) -> int:
    article.refresh_from_db()
    return Client().get(article.get_absolute_url()).status_code


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# People ----------------------------------------------------------------------------


def make_staff(django_user_model, username, group, first_name, last_name):
    user = django_user_model.objects.create_user(
        username,
        f"{username}@example.org",
        "pw",
        is_staff=True,
        first_name=first_name,
        last_name=last_name,
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def users(db, django_user_model):
    return {
        "owner": make_staff(django_user_model, "rena", "Reporter", "Rena", "Aliyeva"),
        "other_reporter": make_staff(django_user_model, "tural", "Reporter", "Tural", "Mammadov"),
        "editor": make_staff(django_user_model, "aynur", "Editor", "Aynur", "Huseynova"),
        "chief": make_staff(django_user_model, "farid", "Chief editor", "Farid", "Guliyev"),
    }


@pytest.fixture
def second_editor(django_user_model):
    return make_staff(django_user_model, "kamran", "Editor", "Kamran", "Ismayilov")


def draft_by(owner, section, **kwargs):
    return ArticleFactory(section=section, created_by=owner, draft=True, **kwargs)


# 1. The permission matrix -----------------------------------------------------------

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


def _in(hours):
    return timezone.now() + timedelta(hours=hours)


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
            moment = timezone.now() if value == "now" else _in(value)
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


# 2. Scheduling ----------------------------------------------------------------------


def test_scheduled_article_appears_at_its_time_without_a_job(users, section):
    article = draft_by(users["owner"], section, headline="Budget debate opens on Monday")
    publish_at = (timezone.now() + timedelta(hours=3)).replace(microsecond=0)
    editor = login(users["editor"])

    response = save(editor, article, "_schedule", **datetime_fields("published_at", publish_at))
    assert response.status_code == 302
    assert any(
        msg.endswith(" scheduled.") for msg in page_messages(editor.get(response["Location"]))
    )
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.published_at == publish_at
    step = ArticleTransition.objects.get(article=article)
    assert (step.action, step.user, step.from_status, step.to_status) == (
        "schedule",
        users["editor"],
        Status.DRAFT,
        Status.PUBLISHED,
    )

    reader = Client()
    url = article.get_absolute_url()
    with time_machine.travel(publish_at - timedelta(minutes=1), tick=False):
        assert reader.get(url).status_code == 404
        assert "Budget debate opens on Monday" not in reader.get("/").content.decode()
        assert "Budget debate opens on Monday" not in reader.get("/feed/").content.decode()
    with time_machine.travel(publish_at + timedelta(seconds=1), tick=False):
        page = reader.get(url)
        assert page.status_code == 200
        assert "Budget debate opens on Monday" in page.content.decode()
        assert "Budget debate opens on Monday" in reader.get("/").content.decode()
        assert "Budget debate opens on Monday" in reader.get("/feed/").content.decode()
    # Nothing ran in between: the row is exactly as the editor left it.
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert ArticleTransition.objects.filter(article=article).count() == 1


def test_schedule_without_a_future_time_is_refused(users, section):
    article = draft_by(users["owner"], section)
    editor = login(users["editor"])
    response = save(editor, article, "_schedule")  # "first published" left empty
    assert response.status_code == 302
    shown = page_messages(editor.get(response["Location"]))
    assert "Choose a publication time in the future to schedule." in shown
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert not ArticleTransition.objects.exists()


# 3. Revisions -----------------------------------------------------------------------


def test_revision_round_trip(users, section):
    reporter, editor = login(users["owner"]), login(users["editor"])
    first = {
        "headline": "Water tariffs to rise in spring",
        "standfirst": "The regulator proposed a 12% rise.",
        "body": "<p>The regulator published its proposal on Monday.</p>",
    }
    data = form_fields(reporter.get(ADD_URL))
    data.update(first, slug="water-tariffs", section=str(section.pk))
    assert reporter.post(ADD_URL, data).status_code == 302
    article = Article.objects.get(slug="water-tariffs")

    second = {
        "headline": "Water tariffs to rise by 12% in spring",
        "standfirst": "The regulator's proposal goes to a hearing.",
        "body": "<p>The regulator published its proposal on Monday.</p><p>A hearing follows.</p>",
    }
    assert save(reporter, article, **second).status_code == 302
    third = {
        "headline": "Hearing on water tariffs set for April",
        "standfirst": "Consumers can comment until March.",
        "body": "<p>The hearing is on 4 April.</p>",
    }
    assert save(editor, article, **third).status_code == 302
    article.refresh_from_db()
    assert article.headline == third["headline"]

    history = editor.get(f"{ADMIN}{article.pk}/revisions/")
    assert history.status_code == 200
    restore_urls = re.findall(
        rf'action="({ADMIN}{article.pk}/revisions/(\d+)/restore/)"', history.content.decode()
    )
    # Newest first; the newest has no Restore button (it is the current text).
    assert len(restore_urls) == 2
    oldest_url, oldest_pk = restore_urls[-1]
    assert ArticleRevision.objects.get(pk=oldest_pk).data["headline"] == first["headline"]

    # The comparison page shows what changed between the first two versions.
    revision_pks = list(
        ArticleRevision.objects.filter(article=article).order_by("pk").values_list("pk", flat=True)
    )
    diff = text(
        editor.get(f"{ADMIN}{article.pk}/revisions/?a={revision_pks[0]}&b={revision_pks[1]}")
    )
    assert "Water tariffs to rise in spring" in diff and "12% in spring" in diff

    response = editor.post(oldest_url)
    assert response.status_code == 302
    assert response["Location"] == change_url(article)

    article.refresh_from_db()
    assert {key: getattr(article, key) for key in first} == first
    revisions = list(article.revisions.all())  # newest first
    assert len(revisions) == 4  # three saves and the restore
    assert [revision.data["headline"] for revision in revisions] == [
        first["headline"],
        third["headline"],
        second["headline"],
        first["headline"],
    ]
    assert [revision.user for revision in revisions] == [
        users["editor"],
        users["editor"],
        users["owner"],
        users["owner"],
    ]
    assert revisions[0].note.startswith("Restored the revision of ")
    listed = text(editor.get(f"{ADMIN}{article.pk}/revisions/"))
    assert listed.count("Restored the revision of ") == 1
    assert len(re.findall(r'<input type="radio" name="a"', listed)) == 4
    # The restored text is also what the change form now shows.
    shown = open_form(editor, article)
    assert (shown["headline"], shown["standfirst"], shown["body"]) == (
        first["headline"],
        first["standfirst"],
        first["body"],
    )


def test_restore_needs_the_right_to_edit(users, section):
    article = ArticleFactory(section=section, created_by=users["owner"])
    editor = login(users["editor"])
    assert save(editor, article, headline="First edit").status_code == 302
    assert save(editor, article, headline="Second edit").status_code == 302
    oldest = article.revisions.order_by("pk").first()
    # The article is published: its reporter may no longer change it.
    response = login(users["owner"]).post(f"{ADMIN}{article.pk}/revisions/{oldest.pk}/restore/")
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline == "Second edit"
    assert article.revisions.count() == 2


# 4. Two people, one article ---------------------------------------------------------


def test_stale_save_is_refused_and_keeps_the_typed_text(users, second_editor, section):
    article = ArticleFactory(
        section=section, headline="Metro line extension approved", slug="metro-extension"
    )
    first, second = login(users["editor"]), login(second_editor)

    first_page = first.get(change_url(article))
    first_form = form_fields(first_page)
    assert first_page.context["adminform"].form.initial["edit_version"] == article.version
    assert "is editing this article too" not in text(first_page)

    second_page = second.get(change_url(article))
    second_form = form_fields(second_page)
    assert second_page.context["adminform"].form.initial["edit_version"] == article.version
    assert first_form["edit_version"] == second_form["edit_version"] == str(article.version)
    warning = "Aynur Huseynova is editing this article too"
    assert any(warning in message for message in page_messages(second_page))
    assert warning in text(second_page)

    response = save(first, article, data=first_form, headline="Metro extension: four new stations")
    assert response.status_code == 302

    typed_body = "<p>The second editor's paragraph about the tunnel boring machine.</p>"
    response = save(
        second,
        article,
        data=second_form,
        headline="Metro extension gets its budget",
        body=typed_body,
    )
    assert response.status_code == 200
    page = text(response)
    assert (
        "Aynur Huseynova saved this article while you were editing it, so your changes "
        "were not saved." in page
    )
    errors = response.context["adminform"].form.non_field_errors()
    assert any("saved this article while you were editing it" in error for error in errors)
    # What the second editor typed is still in the form.
    kept = form_fields(response)
    assert kept["headline"] == "Metro extension gets its budget"
    assert kept["body"] == typed_body

    article.refresh_from_db()
    assert article.headline == "Metro extension: four new stations"
    assert "tunnel boring machine" not in article.body
    assert article.revisions.count() == 1


def test_reopened_form_saves_after_a_refused_stale_save(users, second_editor, section):
    article = ArticleFactory(section=section)
    first, second = login(users["editor"]), login(second_editor)
    stale = open_form(second, article)
    assert save(first, article, headline="First editor's headline").status_code == 302
    assert save(second, article, data=stale, headline="Second try").status_code == 200
    # Opening the article again gives the current version, which saves.
    assert save(second, article, headline="Second try").status_code == 302
    article.refresh_from_db()
    assert article.headline == "Second try"


def test_form_opened_before_a_bulk_publish_is_stale(users, second_editor, section):
    article = draft_by(users["owner"], section, status=Status.REVIEW)
    first, second = login(users["editor"]), login(second_editor)
    stale = open_form(first, article)
    response = bulk(second, [article], "publish_selected", follow=True)
    assert any(msg.startswith("1 article(s):") for msg in page_messages(response))

    response = save(first, article, data=stale, headline="Edited on the old form")
    assert response.status_code == 200
    assert "saved this article while you were editing it" in text(response)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert public_status(article) == 200


def test_read_only_view_does_not_take_the_edit_lock(users, section):
    article = ArticleFactory(section=section, created_by=users["owner"])
    # The reporter may look at the published article, not change it.
    page = login(users["other_reporter"]).get(change_url(article))
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    editor_page = login(users["editor"]).get(change_url(article))
    assert "is editing this article too" not in text(editor_page)


# 5. Preview links -------------------------------------------------------------------


def test_preview_link_works_then_expires_then_is_revoked(users, section):
    article = draft_by(users["owner"], section, headline="Draft: the new stadium's real cost")
    editor = login(users["editor"])
    # Not the row's default (two days): an untouched extra row is not saved.
    expires = (timezone.now() + timedelta(days=1)).replace(microsecond=0)

    data = add_inline_row(open_form(editor, article), "preview_links")
    data.update(
        {
            f"preview_links-0-{key}": value
            for key, value in datetime_fields("expires_at", expires).items()
        }
    )
    assert save(editor, article, data=data).status_code == 302
    link = PreviewLink.objects.get(article=article)
    assert link.expires_at == expires

    page = text(editor.get(change_url(article)))
    token = re.search(r"/preview/([0-9a-f-]{36})/", page).group(1)
    assert token == str(link.token)
    url = f"/preview/{token}/"

    reader = Client()
    response = reader.get(url)
    assert response.status_code == 200
    assert "Draft: the new stadium's real cost" in text(response)
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"]
    # The draft itself is not public.
    assert public_status(article) == 404

    with time_machine.travel(expires + timedelta(seconds=1), tick=False):
        response = reader.get(url)
        assert response.status_code == 410
        assert "Draft: the new stadium's real cost" not in text(response)
        assert "This preview link no longer works" in text(response)
    assert reader.get(url).status_code == 200  # not yet expired

    data = open_form(editor, article)
    assert data["preview_links-0-id"] == str(link.pk)
    data["preview_links-0-revoke"] = "on"
    assert save(editor, article, data=data).status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert "revoked" in text(editor.get(change_url(article)))

    response = reader.get(url)
    assert response.status_code == 410
    assert "Draft: the new stadium's real cost" not in text(response)
    assert reader.get("/preview/not-a-token/").status_code == 410


def test_preview_link_records_who_created_it(users, section):
    article = draft_by(users["owner"], section)
    editor = login(users["editor"])
    data = add_inline_row(open_form(editor, article), "preview_links")
    expires = timezone.now() + timedelta(days=1)
    data.update(
        {
            f"preview_links-0-{key}": value
            for key, value in datetime_fields("expires_at", expires).items()
        }
    )
    assert save(editor, article, data=data).status_code == 302
    assert PreviewLink.objects.get(article=article).created_by == users["editor"]


# 6. Withdrawn articles and moved addresses ------------------------------------------


def test_unpublished_article_answers_410(users, section):
    article = ArticleFactory(section=section, headline="Story withdrawn on legal advice")
    assert public_status(article) == 200
    editor = login(users["editor"])
    response = save(editor, article, "_unpublish")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.UNPUBLISHED
    reader = Client()
    response = reader.get(article.get_absolute_url())
    assert response.status_code == 410
    assert "This article has been withdrawn" in text(response)
    assert "Story withdrawn on legal advice" not in reader.get("/").content.decode()
    assert "Story withdrawn on legal advice" not in reader.get("/feed/").content.decode()


def test_expired_article_answers_410_and_leaves_home_and_feeds(users, section):
    article = ArticleFactory(section=section, headline="Embargoed exam results")
    editor = login(users["editor"])
    expires = (timezone.now() + timedelta(hours=1)).replace(microsecond=0)
    assert save(editor, article, **datetime_fields("expires_at", expires)).status_code == 302
    article.refresh_from_db()
    assert article.expires_at == expires

    reader = Client()
    url = article.get_absolute_url()
    feeds = ["/feed/", f"/section/{section.slug}/feed/"]
    assert reader.get(url).status_code == 200
    assert "Embargoed exam results" in reader.get("/").content.decode()
    for feed in feeds:
        assert "Embargoed exam results" in reader.get(feed).content.decode()

    with time_machine.travel(expires + timedelta(minutes=1), tick=False):
        response = reader.get(url)
        assert response.status_code == 410
        assert "This article has been withdrawn" in text(response)
        assert "Embargoed exam results" not in reader.get("/").content.decode()
        for feed in feeds:
            assert "Embargoed exam results" not in reader.get(feed).content.decode()
        assert "Embargoed exam results" not in reader.get("/sitemap-news.xml").content.decode()
    # Nothing changed in the database: the time alone withdrew it.
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_publish_now_brings_back_an_expired_article(users, section):
    article = ArticleFactory(
        section=section,
        published_at=timezone.now() - timedelta(days=2),
        expires_at=timezone.now() - timedelta(days=1),
    )
    assert public_status(article) == 410
    response = bulk(login(users["editor"]), [article], "publish_selected", follow=True)
    assert any(msg.startswith("1 article(s):") for msg in page_messages(response))
    assert public_status(article) == 200


def test_slug_change_keeps_the_old_address_with_a_301(users, section):
    article = ArticleFactory(
        section=section, headline="Caspian ferry timetable", slug="caspian-ferry-timetable"
    )
    old_url = article.get_absolute_url()
    editor = login(users["editor"])
    assert save(editor, article, slug="caspian-ferry-summer-timetable").status_code == 302
    article.refresh_from_db()
    new_url = article.get_absolute_url()
    assert new_url != old_url and new_url.endswith("/caspian-ferry-summer-timetable/")

    reader = Client()
    response = reader.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == new_url
    assert reader.get(new_url).status_code == 200

    # A second change keeps both old addresses working.
    assert save(editor, article, slug="caspian-ferry-times").status_code == 302
    article.refresh_from_db()
    for url in (old_url, new_url):
        response = reader.get(url)
        assert response.status_code == 301
        assert response["Location"] == article.get_absolute_url()


# 7. Corrections and internal notes --------------------------------------------------


def test_substantive_update_shows_at_the_end_and_moves_updated_time(users, section):
    article = ArticleFactory(
        section=section,
        headline="River bridge opens to traffic",
        body="<p>The bridge opened to cars on Tuesday morning.</p>",
    )
    reader = Client()
    before = text(reader.get(article.get_absolute_url()))
    assert "article__updated" not in before

    editor = login(users["editor"])
    dated = (timezone.now() - timedelta(minutes=5)).replace(microsecond=0)
    update = "Lorries are now allowed on the bridge too, the ministry said."
    note = "Check the ministry quote with Rena before the evening edition."
    data = open_form(editor, article)
    add_inline_row(data, "corrections", kind="update", text=update, substantive="on")
    data.update(
        {
            f"corrections-0-{key}": value
            for key, value in datetime_fields("created_at", dated).items()
        }
    )
    add_inline_row(data, "notes", text=note)
    assert save(editor, article, data=data).status_code == 302

    correction = Correction.objects.get(article=article)
    assert (correction.kind, correction.substantive, correction.created_at) == (
        "update",
        True,
        dated,
    )
    article.refresh_from_db()
    assert article.updated_at == dated
    assert article.notes.get().text == note
    assert article.notes.get().author == users["editor"]

    html = text(reader.get(article.get_absolute_url()))
    # The update comes after the body, at the end of the article.
    body_at = html.index("The bridge opened to cars on Tuesday morning.")
    update_at = html.index(update)
    assert body_at < update_at < html.index("</article>")
    assert html.index('class="article__corrections"') > body_at
    assert re.search(r'class="correction correction--update"><strong>Update</strong>', html)
    # The visible "Updated" time is the update's time.
    stamp = timezone.localtime(dated)
    updated = re.search(
        r'class="article__updated">· Updated <time datetime="([^"]+)">([^<]+)</time>', html
    )
    assert updated is not None
    assert updated.group(1) == stamp.isoformat()
    assert updated.group(2) == f"{stamp.day} {stamp:%B %Y, %H:%M}"
    # Internal notes are never shown to readers.
    assert note not in html
    assert note not in text(reader.get("/feed/"))
    assert note not in text(reader.get("/"))


def test_correction_that_is_not_substantive_leaves_updated_time_alone(users, section):
    article = ArticleFactory(section=section)
    editor = login(users["editor"])
    data = add_inline_row(
        open_form(editor, article), "corrections", kind="correction", text="We misspelt a name."
    )
    assert save(editor, article, data=data).status_code == 302
    article.refresh_from_db()
    assert article.updated_at is None
    html = text(Client().get(article.get_absolute_url()))
    assert "We misspelt a name." in html
    assert "article__updated" not in html


def test_reporter_notes_never_reach_readers(users, section):
    article = draft_by(users["owner"], section)
    reporter = login(users["owner"])
    note = "Source asked not to be named; do not publish her street."
    data = add_inline_row(open_form(reporter, article), "notes", text=note)
    assert save(reporter, article, "_submit", data=data).status_code == 302
    assert article.notes.get().author == users["owner"]
    editor = login(users["editor"])
    assert note in text(editor.get(change_url(article)))
    assert save(editor, article, "_publish").status_code == 302
    reader = Client()
    article.refresh_from_db()
    page = reader.get(article.get_absolute_url())
    assert page.status_code == 200
    assert note not in text(page)
    assert note not in text(reader.get("/feed/"))


# 8. Send back --------------------------------------------------------------------------


def test_send_back_needs_a_note_which_the_audit_trail_shows(users, section):
    article = draft_by(users["owner"], section, status=Status.REVIEW)
    editor = login(users["editor"])

    response = save(editor, article, "_send_back", transition_note="   ")
    assert response.status_code == 302
    shown = page_messages(editor.get(response["Location"]))
    assert "Say what needs doing: a note is required to send an article back." in shown
    article.refresh_from_db()
    assert article.status == Status.REVIEW
    assert not ArticleTransition.objects.exists()

    note = "The second paragraph needs the mayor's response."
    response = save(editor, article, "_send_back", transition_note=note)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    step = ArticleTransition.objects.get(article=article)
    assert (step.action, step.user, step.from_status, step.to_status, step.note) == (
        "send_back",
        users["editor"],
        Status.REVIEW,
        Status.DRAFT,
        note,
    )

    page = editor.get(change_url(article))
    html = page.content.decode()
    assert "Audit trail" in html
    trail = html[html.index("Audit trail") :]
    row = re.search(r"<tr><td>[^<]*</td><td>([^<]*)</td><td>send_back</td>.*?</tr>", trail)
    assert row is not None
    assert unescape(row.group(1)) == "aynur"
    assert unescape(row.group(0)).endswith(f"<td>review</td><td>draft</td><td>{note}</td></tr>")
    # The reporter can work on the draft again.
    assert save(login(users["owner"]), article, "_submit").status_code == 302
    article.refresh_from_db()
    assert article.status == Status.REVIEW


# 9. Dashboard and calendar --------------------------------------------------------------

BAKU = ZoneInfo("Asia/Baku")
# A Wednesday: the week runs from Monday 13 to Sunday 19 May 2030.
FROZEN_NOW = datetime(2030, 5, 15, 10, 0, tzinfo=BAKU)


@pytest.fixture
def desk(users, section):
    """A desk's worth of stories around FROZEN_NOW."""
    with time_machine.travel(FROZEN_NOW, tick=False):
        owner, other = users["owner"], users["other_reporter"]
        yield {
            "my_draft": draft_by(owner, section, headline="My draft on school meals"),
            "others_draft": draft_by(other, section, headline="Someone else's draft"),
            "in_review": draft_by(
                other, section, status=Status.REVIEW, headline="Hospital waiting times"
            ),
            "scheduled": ArticleFactory(
                section=section,
                headline="Tomorrow's budget preview",
                published_at=datetime(2030, 5, 16, 9, 0, tzinfo=BAKU),
            ),
            "published": ArticleFactory(
                section=section,
                headline="Yesterday's council vote",
                published_at=datetime(2030, 5, 14, 18, 30, tzinfo=BAKU),
            ),
            "earlier": ArticleFactory(
                section=section,
                headline="Early May flood report",
                published_at=datetime(2030, 5, 3, 8, 0, tzinfo=BAKU),
            ),
            "planned": draft_by(
                owner,
                section,
                headline="Election candidates profile",
                planned_for=datetime(2030, 5, 17, 12, 0, tzinfo=BAKU),
            ),
        }


def dashboard_modules(html: str) -> dict[str, str]:
    return dict(re.findall(r'<div class="module"><h2>([^<]+)</h2><ul[^>]*>(.*?)</ul></div>', html))


def test_dashboard_shows_the_desk(users, desk):
    with time_machine.travel(FROZEN_NOW, tick=False):
        html = text(login(users["owner"]).get("/admin/"))
    modules = dashboard_modules(html)
    assert set(modules) >= {"My drafts", "Awaiting review", "Scheduled next", "Recently published"}
    where = {
        "My drafts": ["my_draft", "planned"],
        "Awaiting review": ["in_review"],
        "Scheduled next": ["scheduled"],
        "Recently published": ["published", "earlier"],
    }
    for heading, keys in where.items():
        listed = modules[heading]
        for key, article in desk.items():
            link = f'href="{change_url(article)}">{article.headline}</a>'
            if key in keys:
                assert link in listed, (heading, key)
            else:
                assert link not in listed, (heading, key)
    assert (
        "Tomorrow's budget preview</a> <small>Thu 16 May, 09:00</small>"
        in modules["Scheduled next"]
    )
    # Recently published: newest first.
    recent = modules["Recently published"]
    assert recent.index("Yesterday's council vote") < recent.index("Early May flood report")


def test_dashboard_my_drafts_are_the_signed_in_users(users, desk):
    with time_machine.travel(FROZEN_NOW, tick=False):
        html = text(login(users["other_reporter"]).get("/admin/"))
    drafts = dashboard_modules(html)["My drafts"]
    assert "Someone else's draft" in drafts
    assert "My draft on school meals" not in drafts


def calendar_days(html: str) -> dict[str, str]:
    cells = re.findall(
        r'<td class="[^"]*">\s*<span class="day">([^<]+)</span>(.*?)</td>', html, re.S
    )
    return dict(cells)


def calendar_entry(days: dict[str, str], article) -> tuple[str, str] | None:
    """(day label, kind) of the article's entry in the calendar, if any."""
    for day, cell in days.items():
        found = re.search(rf'class="item (\w+)" href="{change_url(article)}"', cell)
        if found:
            return day, found.group(1)
    return None


def test_calendar_week_lists_scheduled_published_and_planned(users, desk):
    with time_machine.travel(FROZEN_NOW, tick=False):
        response = login(users["editor"]).get(CALENDAR_URL, {"view": "week"})
    assert response.status_code == 200
    html = text(response)
    assert "13 May – 19 May 2030" in html
    days = calendar_days(html)
    assert list(days) == [f"{day} May" for day in range(13, 20)]
    assert calendar_entry(days, desk["scheduled"]) == ("16 May", "scheduled")
    assert calendar_entry(days, desk["published"]) == ("14 May", "published")
    assert calendar_entry(days, desk["planned"]) == ("17 May", "planned")
    assert "09:00 Tomorrow's budget preview" in days["16 May"]
    assert "12:00 Election candidates profile" in days["17 May"]
    for key in ("earlier", "my_draft", "others_draft", "in_review"):
        assert calendar_entry(days, desk[key]) is None, key


def test_calendar_month_lists_the_whole_month(users, desk):
    with time_machine.travel(FROZEN_NOW, tick=False):
        client = login(users["editor"])
        month = text(client.get(CALENDAR_URL, {"view": "month", "start": "2030-05-01"}))
        previous_week = text(client.get(CALENDAR_URL, {"view": "week", "start": "2030-05-03"}))
    assert "May 2030" in month
    days = calendar_days(month)
    assert "1 May" in days and "31 May" in days
    assert calendar_entry(days, desk["scheduled"]) == ("16 May", "scheduled")
    assert calendar_entry(days, desk["published"]) == ("14 May", "published")
    assert calendar_entry(days, desk["planned"]) == ("17 May", "planned")
    assert calendar_entry(days, desk["earlier"]) == ("3 May", "published")
    assert calendar_entry(days, desk["my_draft"]) is None
    assert calendar_entry(calendar_days(previous_week), desk["earlier"]) == ("3 May", "published")
    assert calendar_entry(calendar_days(previous_week), desk["scheduled"]) is None


def test_calendar_marks_unpublished_stories(users, desk):
    with time_machine.travel(FROZEN_NOW, tick=False):
        editor = login(users["editor"])
        assert save(editor, desk["published"], "_unpublish").status_code == 302
        days = calendar_days(text(editor.get(CALENDAR_URL)))
    assert calendar_entry(days, desk["published"]) == ("14 May", "unpublished")


def test_calendar_does_not_show_an_expired_story_as_published(users, desk):
    with time_machine.travel(FROZEN_NOW, tick=False):
        expired = ArticleFactory(
            headline="Embargo ended",
            section=desk["published"].section,
            published_at=datetime(2030, 5, 13, 8, 0, tzinfo=BAKU),
            expires_at=datetime(2030, 5, 14, 8, 0, tzinfo=BAKU),
        )
        assert public_status(expired) == 410
        days = calendar_days(text(login(users["editor"]).get(CALENDAR_URL)))
    assert calendar_entry(days, expired) == ("13 May", "unpublished")


def test_a_live_article_cannot_be_hidden_by_moving_its_time_into_the_future(users, section):
    """Taking a live article down is a workflow step ("Unpublish"), never a quiet edit."""
    editor = login(users["editor"])
    article = ArticleFactory(section=section, headline="Live story")
    later = timezone.now() + timedelta(days=1)
    response = save(editor, article, **datetime_fields("published_at", later))
    assert response.status_code == 200
    assert "To take it down, use “Unpublish”" in text(response)
    article.refresh_from_db()
    assert article.is_live


def test_tag_suggestions_for_the_tags_field(users, section):
    ArticleFactory(section=section, tags=["Baku", "Bakery", "Transport"])
    reporter = login(users["other_reporter"])
    response = reporter.get(f"{ADMIN}tags/", {"q": "bak"})
    assert response.status_code == 200
    assert response.json() == {"tags": ["Bakery", "Baku"]}
    assert reporter.get(f"{ADMIN}tags/", {"q": ""}).json() == {"tags": []}
    assert Client().get(f"{ADMIN}tags/", {"q": "bak"}).status_code == 302  # to the login


# 10. Found by the audit of issue 3 -------------------------------------------------------


def test_calendar_needs_a_role_that_works_on_articles(users, desk, django_user_model):
    """The calendar shows unpublished headlines: viewing articles is not enough."""
    no_role = django_user_model.objects.create_user("guest", "g@example.org", "pw", is_staff=True)
    newsletters = make_staff(django_user_model, "nigar", "Newsletter manager", "Nigar", "Alieva")
    # The Newsletter manager may view articles (to pick them for an issue)...
    assert newsletters.has_perm("articles.view_article")
    with time_machine.travel(FROZEN_NOW, tick=False):
        for user in (no_role, newsletters):
            response = login(user).get(CALENDAR_URL)
            assert response.status_code == 403, user
            assert "Tomorrow's budget preview" not in text(response)
            assert "Election candidates profile" not in text(response)
        # ...and sees the change list, but is not offered the calendar.
        assert CALENDAR_URL not in text(login(newsletters).get(ADMIN))
        for role in ("owner", "editor", "chief"):
            client = login(users[role])
            assert client.get(CALENDAR_URL).status_code == 200, role
            assert CALENDAR_URL in text(client.get(ADMIN)), role


def test_scheduled_filter_lists_the_soonest_first(users, section):
    for hours in (3, 1, 2):
        ArticleFactory(section=section, headline=f"Runs in {hours} hours", published_at=_in(hours))
    ArticleFactory(section=section, headline="Already live")
    response = login(users["editor"]).get(ADMIN, {"state": "scheduled"})
    listed = [article.headline for article in response.context["cl"].result_list]
    assert listed == ["Runs in 1 hours", "Runs in 2 hours", "Runs in 3 hours"]
    html = text(response)
    assert html.index("Runs in 1 hours") < html.index("Runs in 2 hours") < html.index("Runs in 3")


def _restore(client, article, revision):
    return client.post(f"{ADMIN}{article.pk}/revisions/{revision.pk}/restore/", follow=True)


def test_restoring_a_slug_now_used_by_another_article_is_refused_cleanly(users, section):
    article = ArticleFactory(section=section, headline="Old name", slug="bridge-story")
    editor = login(users["editor"])
    assert save(editor, article, headline="Old name, edited").status_code == 302
    assert (
        save(editor, article, slug="bridge-story-renamed", headline="New name").status_code == 302
    )
    first = article.revisions.order_by("pk").first()
    assert first.data["slug"] == "bridge-story"
    ArticleFactory(section=section, headline="Another story", slug="bridge-story")

    response = _restore(editor, article, first)
    assert response.status_code == 200
    assert response.redirect_chain[-1] == (f"{ADMIN}{article.pk}/revisions/", 302)
    shown = page_messages(response)
    assert any("cannot be restored" in msg and "slug" in msg for msg in shown), shown
    article.refresh_from_db()
    assert (article.slug, article.headline) == ("bridge-story-renamed", "New name")
    assert article.revisions.count() == 2


def test_restoring_a_revision_without_alt_text_onto_an_image_is_refused_cleanly(users, section):
    article = ArticleFactory(section=section, headline="Harbour story")
    editor = login(users["editor"])
    assert save(editor, article, headline="Harbour story, first text").status_code == 302
    first = article.revisions.get()
    assert first.data["lead_image_alt"] == ""
    article.refresh_from_db()
    article.lead_image = ContentFile(image_bytes(), name="harbour.jpg")
    article.lead_image_alt = "Boats in the harbour"
    article.save()
    assert save(editor, article, headline="Harbour story, with a picture").status_code == 302

    response = _restore(editor, article, first)
    assert response.status_code == 200
    shown = page_messages(response)
    assert any("cannot be restored" in msg for msg in shown), shown
    article.refresh_from_db()
    assert article.lead_image
    assert article.lead_image_alt == "Boats in the harbour"
    assert article.headline == "Harbour story, with a picture"


def test_restore_brings_back_the_planned_time_but_never_the_publication_state(users, section):
    article = draft_by(users["owner"], section, headline="Stadium plans")
    editor = login(users["editor"])
    first_plan = (timezone.now() + timedelta(days=3)).replace(microsecond=0)
    second_plan = first_plan + timedelta(days=1)
    assert save(editor, article, **datetime_fields("planned_for", first_plan)).status_code == 302
    assert (
        save(
            editor,
            article,
            headline="Stadium plans revised",
            **datetime_fields("planned_for", second_plan),
        ).status_code
        == 302
    )
    first = article.revisions.order_by("pk").first()
    assert first.data["status"] == Status.DRAFT and first.data["published_at"] is None
    assert save(editor, article, "_publish").status_code == 302
    article.refresh_from_db()
    published_at = article.published_at

    assert _restore(editor, article, first).status_code == 200
    article.refresh_from_db()
    assert (article.headline, article.planned_for) == ("Stadium plans", first_plan)
    # The old revision was a draft; the restored text stays live (a state change
    # is a workflow step, never a side effect of restoring).
    assert article.status == Status.PUBLISHED
    assert article.published_at == published_at
    assert public_status(article) == 200
    assert list(
        ArticleTransition.objects.filter(article=article).values_list("action", flat=True)
    ) == ["publish"]


def test_a_tag_longer_than_the_database_allows_is_a_field_error(users, section):
    article = ArticleFactory(section=section, tags=["Baku"])
    editor = login(users["editor"])
    long_tag = "x" * 101
    response = save(editor, article, headline="Typed headline", tags=f"Transport, {long_tag}")
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "at most 100 characters" in " ".join(errors["tags"])
    assert form_fields(response)["headline"] == "Typed headline"
    article.refresh_from_db()
    assert sorted(article.tags.names()) == ["Baku"]
    # Exactly 100 characters is fine.
    assert save(editor, article, tags="x" * 100).status_code == 302
    assert list(article.tags.names()) == ["x" * 100]


def test_a_save_without_the_version_it_started_from_is_refused(users, section):
    article = ArticleFactory(section=section, headline="Original headline")
    editor = login(users["editor"])
    data = open_form(editor, article)
    del data["edit_version"]
    response = save(editor, article, data=data, headline="Typed without a version")
    assert response.status_code == 200
    assert "does not say which version of the article it was opened from" in text(response)
    assert form_fields(response)["headline"] == "Typed without a version"
    article.refresh_from_db()
    assert article.headline == "Original headline"
    for empty in ("", "abc"):
        data = {**open_form(editor, article), "edit_version": empty}
        assert save(editor, article, data=data, headline="Still refused").status_code == 200
    article.refresh_from_db()
    assert article.headline == "Original headline"


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_saves_from_the_same_version_at_once_keep_the_first(users, second_editor, section):
    """Two editors press Save on the same version at the same moment. The first
    is held between its version check and its write (a lock on the corrections
    table, which the admin reads only after validating the article), so the
    second is checked while the first has not written yet. The check and the
    write must be one step: the second is refused as stale, with its text."""
    article = ArticleFactory(section=section, headline="Airport road closes")
    Correction.objects.create(article=article, text="An earlier correction.")
    first, second = login(users["editor"]), login(second_editor)
    first_form, second_form = open_form(first, article), open_form(second, article)
    responses, errors = {}, []

    def press_save(name, client, form, headline):
        try:
            responses[name] = save(client, article, data=form, headline=headline)
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    def wait_for_waiters(count):
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
                if cursor.fetchone()[0] >= count:
                    return True
            time.sleep(0.05)
        return False

    threads = [
        threading.Thread(target=press_save, args=("first", first, first_form, "First: Friday")),
        threading.Thread(target=press_save, args=("second", second, second_form, "Second: Monday")),
    ]
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {Correction._meta.db_table} IN ACCESS EXCLUSIVE MODE")
        threads[0].start()
        assert wait_for_waiters(1), (responses, errors)  # the first is checked, waits to write
        threads[1].start()
        assert wait_for_waiters(2)  # the second waits too
    for thread in threads:
        thread.join()

    assert errors == []
    assert responses["first"].status_code == 302
    assert responses["second"].status_code == 200
    assert "saved this article while you were editing it" in text(responses["second"])
    assert form_fields(responses["second"])["headline"] == "Second: Monday"
    article.refresh_from_db()
    assert article.headline == "First: Friday"
    assert article.revisions.count() == 1


def test_unpublish_at_in_the_past_does_not_silently_withdraw_a_live_article(users, section):
    article = ArticleFactory(section=section, headline="Live story")
    editor = login(users["editor"])
    response = save(
        editor,
        article,
        headline="Live story, edited",
        **datetime_fields("expires_at", timezone.now() - timedelta(minutes=5)),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "use “Unpublish”" in " ".join(errors["expires_at"])
    assert form_fields(response)["headline"] == "Live story, edited"
    article.refresh_from_db()
    assert article.expires_at is None and article.headline == "Live story"
    assert public_status(article) == 200
    # A future time is what the field is for.
    later = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    assert save(editor, article, **datetime_fields("expires_at", later)).status_code == 302
    article.refresh_from_db()
    assert article.expires_at == later


def test_moving_a_scheduled_time_into_the_past_does_not_silently_publish(users, section):
    article = ArticleFactory(section=section, headline="Scheduled story", published_at=_in(5))
    editor = login(users["editor"])
    response = save(
        editor,
        article,
        headline="Scheduled story, edited",
        **datetime_fields("published_at", timezone.now() - timedelta(hours=1)),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "use “Publish now”" in " ".join(errors["published_at"])
    assert form_fields(response)["headline"] == "Scheduled story, edited"
    article.refresh_from_db()
    assert article.is_scheduled
    assert public_status(article) == 404
    # Moving it to another future time is an ordinary edit.
    later = (timezone.now() + timedelta(hours=8)).replace(microsecond=0)
    assert save(editor, article, **datetime_fields("published_at", later)).status_code == 302
    article.refresh_from_db()
    assert article.published_at == later


def test_schedule_with_a_past_time_leaves_no_backdated_time(users, section):
    article = draft_by(users["owner"], section, headline="Draft story")
    editor = login(users["editor"])
    past = timezone.now() - timedelta(days=1)
    response = save(
        editor, article, "_schedule", headline="Typed", **datetime_fields("published_at", past)
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["published_at"] == ["Choose a publication time in the future to schedule."]
    assert form_fields(response)["headline"] == "Typed"
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Status.DRAFT, None)
    assert not ArticleTransition.objects.exists()


def test_a_new_story_with_a_planned_time_and_no_text_is_planned(users, section):
    reporter = login(users["owner"])
    planned_for = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    data = form_fields(reporter.get(ADD_URL))
    data.update(
        headline="Election night live coverage",
        slug="election-night",
        section=str(section.pk),
        body="",
        **datetime_fields("planned_for", planned_for),
    )
    assert reporter.post(ADD_URL, data).status_code == 302
    article = Article.objects.get(slug="election-night")
    assert (article.status, article.planned_for) == (Status.PLANNED, planned_for)
    listed = login(users["editor"]).get(ADMIN, {"state": "planned"}).context["cl"].result_list
    assert list(listed) == [article]
    local = timezone.localtime(planned_for)
    calendar = text(reporter.get(CALENDAR_URL, {"start": local.date().isoformat()}))
    assert calendar_entry(calendar_days(calendar), article) == (
        f"{local.day} {local:%b}",
        "planned",
    )

    # Nothing to review yet: the reporter writes the story first.
    response = save(reporter, article, "_submit")
    assert response.status_code == 302
    shown = page_messages(reporter.get(response["Location"]))
    assert any("Write the story first" in msg for msg in shown), shown
    article.refresh_from_db()
    assert article.status == Status.PLANNED
    assert not ArticleTransition.objects.exists()

    response = save(reporter, article, "_submit", body="<p>Polls close at eight.</p>")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.REVIEW
    step = ArticleTransition.objects.get(article=article)
    assert (step.action, step.from_status, step.to_status) == ("submit", "planned", "review")


def test_a_new_story_with_text_is_a_draft_even_with_a_planned_time(users, section):
    reporter = login(users["owner"])
    data = form_fields(reporter.get(ADD_URL))
    data.update(
        headline="Ferry strike",
        slug="ferry-strike",
        section=str(section.pk),
        body="<p>Crews walked out at dawn.</p>",
        **datetime_fields("planned_for", timezone.now() + timedelta(days=1)),
    )
    assert reporter.post(ADD_URL, data).status_code == 302
    assert Article.objects.get(slug="ferry-strike").status == Status.DRAFT


# 11. Smaller findings of the audit ------------------------------------------------------


@pytest.mark.parametrize("priority", ["-1", "101"])
def test_priority_out_of_range_is_an_error_next_to_the_field(users, section, priority):
    article = ArticleFactory(section=section, priority=5)
    response = save(login(users["editor"]), article, priority=priority, headline="Typed")
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["priority"]
    assert not form.non_field_errors()
    assert form_fields(response)["headline"] == "Typed"
    article.refresh_from_db()
    assert article.priority == 5


def test_missing_alt_text_is_an_error_on_the_alt_text_field(users, section):
    article = ArticleFactory(section=section, with_image=True)
    response = save(login(users["editor"]), article, lead_image_alt="  ")
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["lead_image_alt"] == ["Describe the lead image in its alt text."]
    assert not form.non_field_errors()
    article.refresh_from_db()
    assert article.lead_image_alt == "Fishing boats in the harbour at dawn"


@pytest.mark.parametrize("year", ["9999", "0", "١٢٣٤", "x"])
def test_date_hierarchy_with_an_impossible_year_is_no_server_error(users, section, year):
    ArticleFactory(section=section)
    response = login(users["editor"]).get(ADMIN, {"published_at__year": year})
    assert (response.status_code, response["Location"]) == (302, f"{ADMIN}?e=1")


def test_date_hierarchy_still_filters_by_year(users, section):
    ArticleFactory(section=section, headline="This year's story")
    ArticleFactory(
        section=section,
        headline="An old story",
        published_at=datetime(2015, 6, 1, 12, 0, tzinfo=BAKU),
    )
    response = login(users["editor"]).get(ADMIN, {"published_at__year": "2015"})
    listed = [article.headline for article in response.context["cl"].result_list]
    assert listed == ["An old story"]


@pytest.mark.parametrize(
    ("days", "error"),
    [
        pytest.param(-1, "Choose a time in the future.", id="past"),
        pytest.param(31, "A preview link can work for at most 30 days.", id="too-long"),
    ],
)
def test_preview_link_expiry_is_bounded(users, section, days, error):
    article = draft_by(users["owner"], section)
    editor = login(users["editor"])
    data = add_inline_row(open_form(editor, article), "preview_links")
    expires = timezone.now() + timedelta(days=days)
    data.update(
        {
            f"preview_links-0-{key}": value
            for key, value in datetime_fields("expires_at", expires).items()
        }
    )
    response = save(editor, article, data=data, headline="Typed")
    assert response.status_code == 200
    assert error in text(response)
    assert form_fields(response)["headline"] == "Typed"
    assert not PreviewLink.objects.exists()


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


def test_preview_banner_says_whether_the_article_is_published(users, section):
    editor = login(users["editor"])
    live = ArticleFactory(section=section)
    draft = draft_by(users["owner"], section)
    not_published = "Preview: this article is not published."
    live_page = text(editor.get(f"{ADMIN}{live.pk}/preview/"))
    assert "Preview: this article is published" in live_page
    assert not_published not in live_page
    assert not_published in text(editor.get(f"{ADMIN}{draft.pk}/preview/"))


def test_the_open_form_keeps_renewing_its_edit_lock(users, second_editor, section):
    article = ArticleFactory(section=section)
    first = login(users["editor"])
    opened = timezone.now()
    page = text(first.get(change_url(article)))
    lock_url = re.search(r'id="edit-lock" hidden data-url="([^"]+)"', page).group(1)
    assert lock_url == f"{ADMIN}{article.pk}/lock/"
    assert first.get(lock_url).status_code == 405
    # Without the heartbeat the lock runs out after ten minutes and the second
    # editor is not warned; with it (every few minutes), the lock holds.
    for minutes in (3, 6, 9, 12):
        with time_machine.travel(opened + timedelta(minutes=minutes), tick=False):
            assert first.post(lock_url).json() == {"other_editor": None}
    with time_machine.travel(opened + timedelta(minutes=14), tick=False):
        second_page = login(second_editor).get(change_url(article))
        assert any(
            "Aynur Huseynova is editing this article too" in msg
            for msg in page_messages(second_page)
        )
        # The second editor's page renews nothing: it learns who holds the lock.
        assert login(second_editor).post(lock_url).json() == {"other_editor": "Aynur Huseynova"}
    # Who may not edit the article cannot take its lock.
    assert login(users["other_reporter"]).post(lock_url).status_code == 403


def test_the_desk_dashboard_is_for_roles_that_work_on_articles(users, desk, django_user_model):
    """Drafts and plans on the admin index: not for a newsletter manager."""
    newsletters = make_staff(django_user_model, "nigar", "Newsletter manager", "Nigar", "Alieva")
    with time_machine.travel(FROZEN_NOW, tick=False):
        assert "Tomorrow's budget preview" not in text(login(newsletters).get("/admin/"))
        assert "Tomorrow's budget preview" in text(login(users["editor"]).get("/admin/"))


def test_preview_links_stop_once_the_article_is_withdrawn(users, section):
    article = ArticleFactory(section=section, headline="A story later withdrawn")
    link = PreviewLink.objects.create(
        article=article, expires_at=timezone.now() + timedelta(days=1), created_by=users["editor"]
    )
    url = f"/preview/{link.token}/"
    assert Client().get(url).status_code == 200
    Article.objects.filter(pk=article.pk).update(status=Article.Status.UNPUBLISHED)
    response = Client().get(url)
    assert response.status_code == 410
    assert "A story later withdrawn" not in text(response)


def test_preview_links_stop_once_the_article_has_expired(users, section):
    article = ArticleFactory(section=section, headline="An embargoed offer")
    link = PreviewLink.objects.create(
        article=article, expires_at=timezone.now() + timedelta(days=1), created_by=users["editor"]
    )
    Article.objects.filter(pk=article.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert Client().get(f"/preview/{link.token}/").status_code == 410


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


def test_calendar_days_list_stories_in_the_order_of_their_times(users, section):
    """A planned story at 18:00 comes after one scheduled for 14:00."""
    with time_machine.travel(FROZEN_NOW, tick=False):
        ArticleFactory(
            section=section,
            status=Status.PLANNED,
            published_at=None,
            planned_for=datetime(2030, 5, 16, 18, 0, tzinfo=BAKU),
            headline="Evening plan",
            body="",
        )
        ArticleFactory(
            section=section,
            headline="Afternoon schedule",
            published_at=datetime(2030, 5, 16, 14, 0, tzinfo=BAKU),
        )
        html = text(login(users["editor"]).get(CALENDAR_URL, {"view": "week"}))
    day = calendar_days(html)["16 May"]
    assert day.index("14:00 Afternoon schedule") < day.index("18:00 Evening plan")


def test_a_new_story_starts_under_its_writers_byline(users, section):
    from articles.models import Author

    profile = Author.objects.create(display_name="Rena Aliyeva", slug="rena", user=users["owner"])
    page = login(users["owner"]).get(f"{ADMIN}add/").content.decode()
    assert re.search(
        rf'name="bylines-0-author"[^>]*>.*?<option value="{profile.pk}" selected>', page, re.S
    )
    # Saved as shown, the byline is kept.
    reporter = login(users["owner"])
    data = form_fields(reporter.get(f"{ADMIN}add/"))
    data.update(headline="Ferry timetable", slug="ferry-timetable", section=section.pk)
    assert reporter.post(f"{ADMIN}add/", data).status_code == 302
    assert Article.objects.get(slug="ferry-timetable").byline_authors == [profile]
    # Someone without an author profile gets an empty byline to fill in.
    assert (
        "selected>Rena Aliyeva" not in login(users["editor"]).get(f"{ADMIN}add/").content.decode()
    )
