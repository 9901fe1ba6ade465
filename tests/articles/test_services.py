"""The article services called directly, without the admin: the workflow's
table of moves, saving under the optimistic lock, corrections and revisions."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles import revisions, services
from articles.models import Article, ArticleTransition, Correction
from tests.articles.helpers import Status, draft_by, hours_from_now
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

ROLES = ["owner", "other_reporter", "editor", "chief"]
EDITORS = {"editor", "chief"}
# Each move, a stage it starts from, and who may make it there.
MOVES = {
    "submit": ("draft", {"owner", *EDITORS}),
    "send_back": ("review", EDITORS),
    "publish": ("draft", EDITORS),
    "schedule": ("draft", EDITORS),
    "unpublish": ("live", EDITORS),
}


def article_at(stage: str, owner, section) -> Article:
    """An article of ``owner``'s at one stage of the workflow."""
    if stage == "live":
        return ArticleFactory(section=section, created_by=owner)
    if stage == "scheduled":
        return ArticleFactory(section=section, created_by=owner, published_at=hours_from_now(5))
    if stage == "expired":
        return ArticleFactory(
            section=section,
            created_by=owner,
            published_at=hours_from_now(-5),
            expires_at=hours_from_now(-1),
        )
    return draft_by(owner, section, status=stage)


def make(action: str, article: Article, user):
    """The move through the table's one function, with what each move needs."""
    services.transition(
        article=article,
        action=action,
        by=user,
        note="Needs a second source." if action == "send_back" else "",
        when=hours_from_now(24) if action == "schedule" else None,
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", MOVES)
def test_who_may_make_each_move(users, section, action, role):
    stage, allowed = MOVES[action]
    article = article_at(stage, users["owner"], section)
    version = article.version
    if role in allowed:
        make(action, article, users[role])
        article.refresh_from_db()
        assert article.status == services.TRANSITIONS[action].target
        assert article.version == version + 1
        step = ArticleTransition.objects.get(article=article)
        assert (step.action, step.user, step.to_status) == (action, users[role], article.status)
    else:
        with pytest.raises(PermissionDenied):
            make(action, article, users[role])
        article.refresh_from_db()
        assert (services.stage(article), article.version) == (stage, version)
        assert not ArticleTransition.objects.exists()


REFUSED_STAGES = {
    "submit": ["review", "live", "unpublished"],
    "send_back": ["draft", "live", "unpublished"],
    "publish": ["live"],
    "schedule": ["live"],
    "unpublish": ["draft", "review", "unpublished"],
}


@pytest.mark.parametrize(
    ("action", "stage"),
    [(action, stage) for action, stages in REFUSED_STAGES.items() for stage in stages],
)
def test_a_move_from_a_stage_it_does_not_start_from_is_refused(users, section, action, stage):
    article = article_at(stage, users["owner"], section)
    before = (article.status, article.published_at, article.version)
    with pytest.raises(services.InvalidTransition, match=str(services.REFUSALS[action])):
        make(action, article, users["chief"])
    article.refresh_from_db()
    assert (article.status, article.published_at, article.version) == before
    assert not ArticleTransition.objects.exists()


@pytest.mark.parametrize(
    ("stage", "expected"),
    [
        ("planned", ["submit", "publish", "schedule"]),
        ("draft", ["submit", "publish", "schedule"]),
        ("review", ["send_back", "publish", "schedule"]),
        ("scheduled", ["publish", "schedule", "unpublish"]),
        ("live", ["unpublish"]),
        ("expired", ["publish", "schedule", "unpublish"]),
        ("unpublished", ["publish", "schedule"]),
    ],
)
def test_the_buttons_are_the_moves_the_table_allows(users, section, stage, expected):
    article = article_at(stage, users["owner"], section)
    assert services.available_actions(users["editor"], article) == expected
    mine = services.available_actions(users["owner"], article)
    assert mine == (["submit"] if stage in ("draft", "planned") else [])
    assert services.available_actions(users["other_reporter"], article) == []


def test_the_moves_check_what_they_need(users, section):
    empty = draft_by(users["owner"], section, body="")
    with pytest.raises(services.InvalidTransition, match="Write the story first"):
        services.submit_for_review(article=empty, by=users["owner"])
    in_review = draft_by(users["owner"], section, status=Status.REVIEW)
    with pytest.raises(services.InvalidTransition, match="a note is required"):
        services.send_back(article=in_review, by=users["editor"], note="  ")
    with pytest.raises(services.InvalidTransition, match="in the future"):
        services.schedule(article=in_review, by=users["editor"], when=hours_from_now(-1))
    assert not ArticleTransition.objects.exists()


def test_schedule_and_publish_set_the_publication_time(users, section):
    article = draft_by(users["owner"], section)
    when = hours_from_now(24).replace(microsecond=0)
    services.schedule(article=article, by=users["editor"], when=when)
    article.refresh_from_db()
    assert (article.status, article.published_at, article.is_scheduled) == (
        Status.PUBLISHED,
        when,
        True,
    )
    assert ArticleTransition.objects.get().note == when.isoformat()
    services.publish(article=article, by=users["editor"])
    article.refresh_from_db()
    assert article.is_live and article.published_at <= timezone.now()


def test_publishing_again_lifts_a_past_expiry(users, section):
    article = article_at("expired", users["owner"], section)
    services.publish(article=article, by=users["editor"])
    article.refresh_from_db()
    assert article.expires_at is None and article.is_live


# Saving under the optimistic lock --------------------------------------------------


def test_a_save_from_a_stale_version_is_refused(users, section):
    article = ArticleFactory(section=section)
    started = article.version
    services.check_version(article=article, started=started)  # current: accepted
    other = Article.objects.get(pk=article.pk)
    other.headline = "Someone else's headline"
    services.save_article(article=other, by=users["editor"])
    assert Article.objects.get(pk=article.pk).version == started + 1
    with pytest.raises(ValidationError) as refused:
        services.check_version(article=article, started=started)
    assert refused.value.code == "stale"
    with pytest.raises(ValidationError) as missing:
        services.check_version(article=article, started=None)
    assert missing.value.code == "version_missing"


def test_a_move_makes_forms_opened_before_it_stale(users, section):
    article = draft_by(users["owner"], section)
    opened = article.version
    services.publish(article=Article.objects.get(pk=article.pk), by=users["editor"])
    with pytest.raises(ValidationError):
        services.check_version(article=article, started=opened)


def test_a_new_story_gets_its_writer_and_first_state(users, section):
    planned = Article(
        headline="Election night",
        slug="election-night",
        section=section,
        body="",
        planned_for=hours_from_now(48),
    )
    services.save_article(article=planned, by=users["owner"])
    planned.refresh_from_db()
    assert (planned.created_by, planned.status) == (users["owner"], Status.PLANNED)
    written = Article(headline="Ferry", slug="ferry", section=section, body="<p>Text.</p>")
    services.save_article(article=written, by=users["owner"])
    assert Article.objects.get(pk=written.pk).status == Status.DRAFT


def test_plain_edits_of_the_times_that_would_change_the_state_are_refused(users, section):
    live = ArticleFactory(section=section)
    errors = services.time_edit_errors(
        article=live,
        changed={"published_at", "expires_at"},
        published_at=hours_from_now(2),
        expires_at=hours_from_now(-1),
        scheduling=False,
    )
    assert [field for field, _message in errors] == ["published_at", "expires_at"]
    scheduled = article_at("scheduled", users["owner"], section)
    errors = services.time_edit_errors(
        article=scheduled,
        changed={"published_at"},
        published_at=hours_from_now(-1),
        expires_at=None,
        scheduling=False,
    )
    assert "Publish now" in str(errors[0][1])
    assert (
        services.time_edit_errors(
            article=scheduled,
            changed={"published_at"},
            published_at=hours_from_now(8),
            expires_at=None,
            scheduling=False,
        )
        == []
    )


# Corrections -------------------------------------------------------------------------


def test_a_substantive_correction_moves_updated_at(section):
    article = ArticleFactory(section=section)
    dated = timezone.now().replace(microsecond=0)
    Correction.objects.create(
        article=article, text="Lorries too.", substantive=True, created_at=dated
    )
    services.note_corrections(article=article)
    article.refresh_from_db()
    assert article.updated_at == dated


def test_a_minor_correction_leaves_updated_at_alone(section):
    article = ArticleFactory(section=section)
    Correction.objects.create(article=article, text="We misspelt a name.", substantive=False)
    services.note_corrections(article=article)
    article.refresh_from_db()
    assert article.updated_at is None


def test_a_correction_dated_before_publication_leaves_updated_at_alone(section):
    article = ArticleFactory(section=section)
    Correction.objects.create(
        article=article,
        text="Older than the article.",
        substantive=True,
        created_at=article.published_at - timedelta(hours=1),
    )
    services.note_corrections(article=article)
    article.refresh_from_db()
    assert article.updated_at is None


# Revisions ---------------------------------------------------------------------------


def test_snapshot_restore_and_diff(users, section):
    author = AuthorFactory()
    article = draft_by(
        users["owner"],
        section,
        headline="Water tariffs to rise",
        standfirst="The regulator proposed a rise.",
        authors=[author],
        tags=["Water"],
    )
    first = revisions.save_revision(article=article, by=users["owner"])
    assert first.data["standfirst"] == "The regulator proposed a rise."
    assert (first.data["tags"], first.data["authors"]) == (["Water"], [author.pk])
    assert first.data["status"] == Status.DRAFT

    article.headline, article.standfirst = "Hearing set for April", "Consumers can comment."
    services.save_article(article=article, by=users["editor"])
    article.tags.set(["Hearings"])
    article.bylines.all().delete()
    second = revisions.save_revision(article=article, by=users["editor"])
    services.publish(article=article, by=users["editor"])

    diff = revisions.compare(first, second)
    assert [(text["label"], text["changed"]) for text in diff["texts"]] == [
        ("Headline", True),
        ("Standfirst", True),
        ("Body", False),
    ]
    # The other fields by the names the change form gives them (issue 11), with
    # what they held: the tags and the byline changed, not the publication state.
    assert [(other["label"], other["before"], other["after"]) for other in diff["others"]] == [
        ("Tags", "Water", "Hearings"),
        ("Authors", author.display_name, "—"),
    ]

    version = Article.objects.get(pk=article.pk).version
    restored = revisions.restore_revision(revision=first, by=users["editor"])
    article.refresh_from_db()
    assert (article.headline, article.standfirst) == (
        "Water tariffs to rise",
        "The regulator proposed a rise.",
    )
    assert list(article.tags.names()) == ["Water"]
    assert article.byline_authors == [author]
    # Restoring never changes the publication state, and is a new version and revision.
    assert article.is_live
    assert article.version == version + 1
    assert restored.note.startswith("Restored the revision of ")
    assert article.revisions.count() == 3


def test_restore_needs_the_right_to_edit(users, section):
    article = ArticleFactory(section=section, created_by=users["owner"])
    revision = revisions.save_revision(article=article, by=users["editor"])
    with pytest.raises(PermissionDenied):
        revisions.restore_revision(revision=revision, by=users["owner"])
    assert article.revisions.count() == 1
