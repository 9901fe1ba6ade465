"""Sign-in throttling (defect 7 of issue 10): failures per account and per
address lock sign-in for a cool-off, without any password being checked."""

from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth.models import Group
from django.test import override_settings
from django.utils import timezone

from newsroom import roles
from newsroom.maintenance import prune_sign_in_records

PASSWORD = "correct horse battery staple"
LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=roles.EDITOR))
    return user


@pytest.fixture
def reporter(django_user_model):
    user = django_user_model.objects.create_user("reporter", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=roles.REPORTER))
    return user


def sign_in(client, username, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_fifty_wrong_passwords_then_the_right_one_is_refused(client, editor):
    for _ in range(50):
        response = sign_in(client, "editor", "wrong password")
    assert response.status_code == 429

    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == 429
    assert not signed_in(response)
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    # The reason sits beside the form, which is there to try again later.
    assert 'class="errornote" role="alert">Too many failed sign-ins' in page
    assert 'id="login-form"' in page
    assert 'value="editor"' in page


def test_failures_below_the_limit_then_success_reset_the_count(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "editor", "wrong").status_code == 200
    assert signed_in(sign_in(client, "editor", PASSWORD))
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "editor", "wrong").status_code == 200
    assert signed_in(sign_in(client, "editor", PASSWORD))


def test_a_locked_out_attempt_checks_no_password(client, editor, settings, monkeypatch):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "editor", "wrong")
    checked = []
    original = type(editor).check_password
    monkeypatch.setattr(
        type(editor), "check_password", lambda self, raw: checked.append(raw) or original(self, raw)
    )
    assert sign_in(client, "editor", PASSWORD).status_code == 429
    assert checked == []


def test_the_account_is_locked_from_every_address(client, editor, reporter, settings):
    """Per account: guessing one editor's password from many addresses (a
    botnet) is stopped too. Other accounts from other addresses are not affected."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "editor", "wrong", address="203.0.113.7")
    assert sign_in(client, "editor", PASSWORD, address="198.51.100.20").status_code == 429
    assert signed_in(sign_in(client, "reporter", PASSWORD, address="198.51.100.20"))


def test_the_address_is_locked_for_every_account(client, editor, reporter, settings):
    """Per address: one address trying many accounts (credential stuffing)."""
    for number in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"someone{number}", "wrong", address="203.0.113.7")
    assert sign_in(client, "reporter", PASSWORD, address="203.0.113.7").status_code == 429
    assert signed_in(sign_in(client, "editor", PASSWORD, address="198.51.100.20"))


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_the_readers_address_counts(client, editor, reporter, settings):
    """The proxy's address is everyone's: the address nginx saw is the one locked."""
    for number in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": f"someone{number}", "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    response = client.post(
        LOGIN,
        {"username": "reporter", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert signed_in(response)


def test_the_lockout_ends_after_the_cool_off(client, editor, settings):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        for _ in range(settings.AXES_FAILURE_LIMIT):
            sign_in(client, "editor", "wrong")
        # Attempts during the lockout do not extend it.
        traveller.shift(settings.AXES_COOLOFF_TIME - timedelta(minutes=1))
        assert sign_in(client, "editor", PASSWORD).status_code == 429
        assert sign_in(client, "editor", "wrong").status_code == 429
        traveller.shift(timedelta(minutes=1, seconds=1))
        assert signed_in(sign_in(client, "editor", PASSWORD))


def test_sign_in_records_are_pruned(client, editor, reporter, settings):
    """The addresses of staff sign-ins are not kept for ever."""
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        assert signed_in(sign_in(client, "editor", PASSWORD))
        sign_in(client, "nobody", "wrong")
        assert AccessAttempt.objects.filter(username="nobody").exists()
        traveller.shift(timedelta(days=settings.LOGIN_LOG_RETENTION_DAYS - 1))
        assert signed_in(sign_in(client, "reporter", PASSWORD, address="198.51.100.20"))
        traveller.shift(timedelta(days=2))
        prune_sign_in_records.call()
    assert list(AccessLog.objects.values_list("username", flat=True)) == ["reporter"]
    assert not AccessAttempt.objects.exists()
