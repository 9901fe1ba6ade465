"""The mail server refusing, then accepting (issue 10, "Faults for real"): a
real SMTP server (aiosmtpd) the test starts on its own port, first absent, then
answering 451, then taking mail. A sign-up's confirmation e-mail (through the
real task backend, django-tasks-db, and its worker) and the moderators' digest
are retried and go out, once, when the server takes them."""

import socket
import time
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from comments import moderation_digest
from newsletter.models import Subscriber
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory
from tests.newsletter.conftest import signup
from tests.newsletter.factories import DailyBriefingFactory


class Inbox:
    """aiosmtpd's handler: refuses recipients with a 451 while ``refusing``."""

    def __init__(self):
        self.refusing = False
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refusing:
            return "451 4.3.0 Mail server busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    port = free_port()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.NEWSLETTER_MAX_ATTEMPTS = 5
    settings.NEWSLETTER_RETRY_SECONDS = 1
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    yield inbox, controller
    if getattr(controller, "_thread", None) is not None:
        controller.stop()


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0.1", verbosity=0)


def wait_until_due(seconds: float):
    time.sleep(seconds + 0.2)


@pytest.mark.django_db(transaction=True)
def test_a_confirmation_goes_out_once_the_mail_server_takes_it(client, smtp):
    inbox, controller = smtp
    DailyBriefingFactory()
    response = signup(client, "reader@example.org")
    assert response.status_code == 302, "the reader is told to check their inbox"

    # The worker decides the sign-up (newsletter.tasks.record_sign_up), then
    # tries the confirmation: no server on the port, connection refused.
    run_worker()
    assert Subscriber.objects.filter(email="reader@example.org").exists()
    assert DBTaskResult.objects.filter(status="READY").count() == 1, "a retry is queued"

    controller.start()
    inbox.refusing = True
    wait_until_due(1)
    run_worker()  # the server answers 451
    assert inbox.messages == []
    assert DBTaskResult.objects.filter(status="READY").count() == 1, "another retry is queued"

    inbox.refusing = False
    wait_until_due(2)
    run_worker()
    assert [message.rcpt_tos for message in inbox.messages] == [["reader@example.org"]]
    assert b"confirm" in inbox.messages[0].content.lower()

    wait_until_due(1)
    run_worker()
    assert len(inbox.messages) == 1, "sent once"
    assert not DBTaskResult.objects.filter(status="READY").exists()


@pytest.mark.django_db
def test_the_moderators_digest_goes_out_once_the_mail_server_takes_it(
    smtp, section, django_user_model
):
    inbox, controller = smtp
    editor = django_user_model.objects.create_user("desk", "desk@example.org", is_staff=True)
    editor.groups.add(Group.objects.get_or_create(name="Editor")[0])
    CommentFactory(article=ArticleFactory(section=section), pending=True, body="Held remark")
    now = timezone.now()

    assert moderation_digest.send_moderation_digests(now=now) == 0  # connection refused
    controller.start()
    inbox.refusing = True
    later = now + timedelta(minutes=1)
    assert moderation_digest.send_moderation_digests(now=later) == 0  # 451
    assert inbox.messages == []

    inbox.refusing = False
    later += timedelta(minutes=1)
    assert moderation_digest.send_moderation_digests(now=later) == 1
    assert [message.rcpt_tos for message in inbox.messages] == [["desk@example.org"]]
    assert b"Held remark" in inbox.messages[0].content

    later += timedelta(minutes=10)
    assert moderation_digest.send_moderation_digests(now=later) == 0
    assert len(inbox.messages) == 1, "told once"
