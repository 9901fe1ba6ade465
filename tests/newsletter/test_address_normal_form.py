"""Issue 10: one mailbox is one subscriber, however its address is spelled,
and the sign-up request tells nothing about the address."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from newsletter import tasks
from newsletter.models import Subscriber

from .conftest import signup
from .factories import SubscriberFactory

VARIANTS = [
    "victim@example.com",
    "Victim@EXAMPLE.com",
    "victim@ｅｘａｍｐｌｅ.com",  # full-width letters in the domain
    '"victim"@example.com',  # a quoted local part that needs no quotes
]
INVISIBLE = [
    "victim@exa\u200bmple.com",  # zero-width space
    "victim@exam\u00adple.com",  # soft hyphen
    "vic\u2060tim@example.com",  # word joiner
    "\u202evictim@example.com",  # right-to-left override
]


def test_spellings_of_one_address_make_one_subscriber_and_one_email(client, daily, mailoutbox):
    for email in VARIANTS:
        assert signup(client, email).status_code == 302, email
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "victim@example.com"
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("email", INVISIBLE)
def test_invisible_characters_are_refused_with_a_clear_error(client, daily, mailoutbox, email):
    response = signup(client, email)
    assert response.status_code == 400
    assert "invisible characters" in response.content.decode()
    assert not Subscriber.objects.exists()
    assert not mailoutbox


def test_a_quoted_local_part_that_needs_quotes_is_refused(client, daily):
    response = signup(client, '"two words"@example.com')
    assert response.status_code == 400
    assert "without quotation marks" in response.content.decode()


def test_international_domains_are_stored_in_ascii(client, daily):
    signup(client, "Oxu@Bakı.az")
    assert Subscriber.objects.get().email == "Oxu@xn--bak-lua.az"


def test_the_lookup_is_exact_and_served_by_the_unique_index(client, daily):
    with CaptureQueriesContext(connection) as queries:
        signup(client, "Reader@Example.org")
    lookups = [q["sql"] for q in queries if "newsletter_subscriber" in q["sql"]]
    assert lookups and not any("UPPER(" in sql or "LIKE" in sql for sql in lookups)
    if connection.vendor == "postgresql":
        query = Subscriber.objects.with_email("Reader@Example.org").values("pk")
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = off")
            sql, params = query.query.sql_with_params()
            cursor.execute("EXPLAIN " + sql, params)
            plan = " ".join(row[0] for row in cursor.fetchall())
            cursor.execute("RESET enable_seqscan")
        assert "subscriber_unique_email_ci" in plan, plan


def test_the_database_refuses_a_second_spelling_of_one_address(daily):
    Subscriber.objects.create(email="reader@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        Subscriber.objects.create(email="Reader@example.org")


def test_the_request_does_the_same_work_for_new_pending_and_confirmed(
    client, daily, settings, mailoutbox
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    SubscriberFactory(email="confirmed@example.org", lists=[daily])
    SubscriberFactory(email="pending@example.org", status="pending", lists=[daily])
    seen = []
    for email in ("new@example.org", "pending@example.org", "confirmed@example.org"):
        with CaptureQueriesContext(connection) as queries:
            response = signup(client, email)
        headers = {k: v for k, v in response.headers.items() if k != "Date"}
        sql = [q["sql"].replace(email, "<address>") for q in queries]
        seen.append((response.status_code, headers, response.content, len(sql), sql))
    assert seen[0] == seen[1] == seen[2]
    assert not any(email in " ".join(seen[0][4]) for email in ("new@", "pending@", "confirmed@"))
    assert not mailoutbox  # the worker decides and mails, not the request
    assert tasks.record_sign_up.get_backend().results
