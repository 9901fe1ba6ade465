"""Moderators hear of held comments in digests: one e-mail per moderator per
interval however many comments arrive, each comment named once (issue 9)."""

import smtplib
import threading
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from comments import moderation_digest, services
from comments.models import Comment, ModerationNotice, ModeratorDigest
from tests.conftest import postgres_only
from tests.factories import ArticleFactory, AuthorFactory

from .factories import CommentFactory

pytestmark = pytest.mark.django_db

MINUTE = timedelta(minutes=1)


@pytest.fixture
def editors(django_user_model):
    group = Group.objects.get(name="Editor")
    users = [
        django_user_model.objects.create_user(name, f"{name}@example.org", is_staff=True)
        for name in ("desk", "night-desk")
    ]
    for user in users:
        user.groups.add(group)
    return users


@pytest.fixture
def story(section):
    return ArticleFactory(headline="River bridge reopens", section=section)


def digest(at):
    return moderation_digest.send_moderation_digests(now=at)


def bodies(outbox):
    return [message.body for message in outbox]


def test_a_flood_is_one_email_per_moderator_listing_the_newest(story, editors, mailoutbox):
    flood = [
        CommentFactory(article=story, pending=True, name=f"Reader {n}", body=f"Remark {n:02}")
        for n in range(50)
    ]
    assert digest(timezone.now()) == 2
    assert sorted(m.to for m in mailoutbox) == [["desk@example.org"], ["night-desk@example.org"]]
    for message in mailoutbox:
        assert message.subject == "[Azerbaijan news] 50 comments awaiting moderation"
        body = message.body
        assert body.count("Moderate it: http://127.0.0.1:8000/admin/comments/comment/") == 30
        # The newest first; what does not fit is counted, and the queue holds all.
        assert body.index("Remark 49") < body.index("Remark 48")
        assert "Remark 20" in body and "Remark 19" not in body
        assert "and 20 more" in body
        queue = "http://127.0.0.1:8000/admin/comments/comment/"
        assert f"All comments awaiting moderation: {queue}" in body
        assert f"/admin/comments/comment/{flood[-1].pk}/change/" in body
        assert body.count("River bridge reopens") == 1  # one heading per article


def test_the_next_digest_names_only_what_is_new_and_waits_for_the_interval(
    story, editors, mailoutbox
):
    start = timezone.now()
    CommentFactory(article=story, pending=True, body="The first remark")
    assert digest(start) == 2, "the first after a quiet spell goes out at once"
    assert digest(start + 10 * MINUTE) == 0, "nothing new, nothing sent"
    mailoutbox.clear()

    late = start + 12 * MINUTE
    CommentFactory(article=story, pending=True, body="A later remark")
    assert digest(late) == 2
    CommentFactory(article=story, pending=True, body="Hot on its heels")
    assert digest(late + MINUTE) == 0, "within the interval it waits"
    assert digest(late + 4 * MINUTE) == 0
    assert digest(late + 5 * MINUTE) == 2
    for message in mailoutbox[:2]:
        assert "A later remark" in message.body
        assert "The first remark" not in message.body and "heels" not in message.body
    for message in mailoutbox[2:]:
        assert "Hot on its heels" in message.body and "A later remark" not in message.body


def test_a_comment_decided_before_the_digest_is_left_out(story, editors, mailoutbox):
    approved, spammed, _ = (
        CommentFactory(article=story, pending=True, body=body)
        for body in ("Approved already", "Spammed already", "Still waiting")
    )
    services.moderate(comments=[approved], status=Comment.Status.APPROVED)
    services.moderate(comments=[spammed], status=Comment.Status.SPAM)
    assert digest(timezone.now()) == 2
    for message in mailoutbox:
        assert "Still waiting" in message.body
        assert "Approved already" not in message.body and "Spammed already" not in message.body
        assert "Comment awaiting moderation: River bridge reopens" in message.subject


def test_nothing_is_sent_when_everything_was_decided_and_the_next_goes_at_once(
    story, editors, mailoutbox
):
    start = timezone.now()
    decided = CommentFactory(article=story, pending=True)
    moderation_digest._share_out_new_comments()
    services.moderate(comments=[decided], status=Comment.Status.APPROVED)
    assert digest(start) == 0
    assert not ModerationNotice.objects.exists(), "notices of decided comments are dropped"
    CommentFactory(article=story, pending=True)
    assert digest(start + MINUTE) == 2, "no digest went out, so none holds this one back"


def test_the_interval_is_a_setting(story, editors, mailoutbox, settings):
    settings.COMMENTS_MODERATION_DIGEST_MINUTES = 10
    start = timezone.now()
    CommentFactory(article=story, pending=True)
    assert digest(start) == 2
    CommentFactory(article=story, pending=True)
    assert digest(start + 9 * MINUTE) == 0
    assert digest(start + 10 * MINUTE) == 2


def test_each_moderator_hears_of_their_own_articles_grouped_newest_first(
    section, editors, django_user_model, mailoutbox
):
    reporter = django_user_model.objects.create_user(
        "reporter", "reporter@example.org", is_staff=True
    )
    reporter.user_permissions.add(Permission.objects.get(codename="change_comment"))
    theirs = ArticleFactory(
        headline="Their story", section=section, authors=[AuthorFactory(user=reporter)]
    )
    other = ArticleFactory(headline="Another story", section=section)
    CommentFactory(article=theirs, pending=True, body="Older, on their story", held_because="")
    CommentFactory(
        article=other, pending=True, body="Newer, on another", held_because="2 links", name="Ali"
    )
    assert digest(timezone.now()) == 3
    mailed = {message.to[0]: message.body for message in mailoutbox}
    assert "Another story" not in mailed["reporter@example.org"]
    assert "Older, on their story" in mailed["reporter@example.org"]
    desk = mailed["desk@example.org"]
    # Articles in the order of their newest waiting comment, with the details.
    assert desk.index("Another story") < desk.index("Their story")
    assert "Ali," in desk and "held because: 2 links" in desk and "Newer, on another" in desk


def test_a_failed_send_loses_nothing(story, editors, mailoutbox, monkeypatch):
    """A send that fails commits nothing: the next run sends it."""
    CommentFactory(article=story, pending=True, body="Do not lose me")

    def refused(*args, **kwargs):
        raise smtplib.SMTPException("the server went away")

    monkeypatch.setattr("newsroom.mail.Message.send", refused)
    assert digest(timezone.now()) == 0
    monkeypatch.undo()
    assert digest(timezone.now()) == 2
    assert all("Do not lose me" in body for body in bodies(mailoutbox))


def test_one_refused_address_does_not_hold_up_the_others(story, editors, mailoutbox, monkeypatch):
    CommentFactory(article=story, pending=True)
    send = moderation_digest.mail.Message.send

    def refuse_the_desk(message, *args, **kwargs):
        if message.to == ["desk@example.org"]:
            raise smtplib.SMTPRecipientsRefused({"desk@example.org": (550, b"No such user")})
        return send(message, *args, **kwargs)

    monkeypatch.setattr("newsroom.mail.Message.send", refuse_the_desk)
    assert digest(timezone.now()) == 1
    assert [m.to for m in mailoutbox] == [["night-desk@example.org"]]


def test_a_moderator_claimed_by_another_worker_is_not_mailed_again(story, editors, mailoutbox):
    """Two workers both saw the desk due; the second finds the claim taken
    (the conditional UPDATE) and sends nothing."""
    now = timezone.now()
    CommentFactory(article=story, pending=True)
    assert digest(now) == 2
    CommentFactory(article=story, pending=True)
    moderation_digest._share_out_new_comments()
    for editor in editors:
        assert moderation_digest._send_digest(user=editor, now=now) == 0
    assert len(mailoutbox) == 2


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_one_digest_each(story, django_user_model, mailoutbox):
    # Superusers (every moderator): a transactional test may run after another
    # has flushed the groups the migrations made.
    for name in ("desk", "night-desk"):
        django_user_model.objects.create_superuser(name, f"{name}@example.org", "pw")
    CommentFactory.create_batch(20, article=story, pending=True)
    errors = []
    barrier = threading.Barrier(2)
    now = timezone.now()

    def worker():
        try:
            barrier.wait()
            digest(now)
        except Exception as error:  # reported below, not swallowed
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(m.to for m in mailoutbox) == [["desk@example.org"], ["night-desk@example.org"]]
    assert all("20 comments awaiting moderation" in m.subject for m in mailoutbox)


def test_the_digest_task_runs_every_minute(settings):
    """So the first comment after a quiet spell is mailed within a minute."""
    assert settings.PERIODIC_TASKS["comments.tasks.send_moderation_digests"] == "* * * * *"


def test_the_cost_of_a_digest_does_not_grow_with_the_flood(section, editors, mailoutbox):
    def queries_for(comments):
        article = ArticleFactory(section=section)
        CommentFactory.create_batch(comments, article=article, pending=True)
        ModeratorDigest.objects.all().delete()  # everyone due again
        with CaptureQueriesContext(connection) as run:
            assert digest(timezone.now()) == 2
        return len(run)

    assert queries_for(5) == queries_for(50)
