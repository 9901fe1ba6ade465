"""Two-factor sign-in for staff (defect 7 of issue 10): enrol an authenticator
app from the admin, sign in with password and code, recovery codes, and the
chief editors' rule that makes it compulsory for those who publish or send."""

import base64
import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.oath import totp

from newsroom import roles
from newsroom.models import RecoveryCode, SecuritySettings

PASSWORD = "correct horse battery staple"
SETUP = "/admin/two-factor/"
LOGIN = "/admin/login/?next=/admin/"


def staff(django_user_model, username, role):
    user = django_user_model.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def editor(django_user_model):
    return staff(django_user_model, "editor", roles.EDITOR)


@pytest.fixture
def reporter(django_user_model):
    return staff(django_user_model, "reporter", roles.REPORTER)


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def code_for(secret: str) -> str:
    """What the reader's authenticator app shows for the key the page gave."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key):06d}"


def enrol(client) -> tuple[str, list[str]]:
    page = client.get(SETUP).content.decode()
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1)
    response = client.post(SETUP, {"otp_token": code_for(secret)})
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([0-9a-f-]+)</code></li>", response.content.decode())
    return secret, codes


def sign_in(client, username, code=None):
    data = {"username": username, "password": PASSWORD}
    if code is not None:
        data["otp_token"] = code
    return client.post(LOGIN, data)


def signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_enrolment_page_shows_a_qr_code_key_and_setup_address(client, editor):
    client.force_login(editor)
    page = client.get(SETUP).content.decode()
    assert "<svg" in page
    assert re.search(r'id="totp-secret">[A-Z2-7]{32}<', page)
    assert re.search(r'id="otpauth-uri">otpauth://totp/[^<]*secret=[A-Z2-7]+', page)
    # Reloading keeps the key the app may already have scanned.
    assert re.search(r'id="totp-secret">([A-Z2-7]+)<', client.get(SETUP).content.decode()).group(
        1
    ) == re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1)


def test_a_wrong_code_does_not_turn_it_on(client, editor, clock):
    client.force_login(editor)
    response = client.post(SETUP, {"otp_token": "000000"})
    assert "That code is not right" in response.content.decode()
    client.logout()
    assert signed_in(sign_in(client, "editor"))


def test_once_enrolled_signing_in_needs_the_code(client, editor, clock):
    client.force_login(editor)
    secret, codes = enrol(client)
    assert len(codes) == 10
    # Only hashes are kept.
    stored = set(RecoveryCode.objects.values_list("code_hash", flat=True))
    assert not stored & set(codes)
    client.logout()

    response = sign_in(client, "editor")
    assert response.status_code == 200
    assert "two-factor code" in response.content.decode()
    clock.shift(timedelta(seconds=31))
    assert sign_in(client, "editor", "123456").status_code == 200
    clock.shift(timedelta(seconds=31))
    assert signed_in(sign_in(client, "editor", code_for(secret)))
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_counts_as_a_failed_sign_in(client, editor, settings, clock):
    client.force_login(editor)
    secret, _ = enrol(client)
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "editor", "999999")
    clock.shift(timedelta(seconds=31))
    assert sign_in(client, "editor", code_for(secret)).status_code == 429


def test_a_recovery_code_works_once(client, editor, clock):
    client.force_login(editor)
    _, codes = enrol(client)
    client.logout()
    assert signed_in(sign_in(client, "editor", codes[0].upper()))
    client.logout()
    clock.shift(timedelta(seconds=31))
    assert sign_in(client, "editor", codes[0]).status_code == 200
    assert "_auth_user_id" not in client.session
    assert signed_in(sign_in(client, "editor", codes[1]))
    assert "8 recovery codes left" in client.get(SETUP).content.decode()


def test_new_recovery_codes_replace_the_old(client, editor, clock):
    client.force_login(editor)
    _, old = enrol(client)
    response = client.post("/admin/two-factor/recovery-codes/")
    new = re.findall(r"<li><code>([0-9a-f-]+)</code></li>", response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    client.logout()
    assert sign_in(client, "editor", old[2]).status_code == 200
    assert signed_in(sign_in(client, "editor", new[2]))


def test_a_session_without_the_code_is_signed_out_once_enrolled(client, editor, clock):
    """Enrolling from one browser ends the password-only sessions of the others."""
    client.force_login(editor)
    other = type(client)()
    other.force_login(editor)
    enrol(client)
    response = other.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert client.get("/admin/").status_code == 200


def test_when_required_publishers_must_enrol_before_anything_else(client, editor, clock):
    SecuritySettings.objects.filter(pk=1).update(require_two_factor=True)
    assert signed_in(sign_in(client, "editor"))
    for path in ("/admin/", "/admin/articles/article/", "/admin/newsroom/securitysettings/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == SETUP
    page = client.get(SETUP).content.decode()
    assert "require two-factor sign-in" in page
    enrol(client)
    assert client.get("/admin/").status_code == 200
    # Required: it cannot be turned off.
    assert client.post("/admin/two-factor/turn-off/").status_code == 403


def test_the_rule_leaves_roles_that_do_not_publish_alone(client, reporter):
    SecuritySettings.objects.filter(pk=1).update(require_two_factor=True)
    assert signed_in(sign_in(client, "reporter"))
    assert client.get("/admin/").status_code == 200


def test_newsletter_managers_send_so_the_rule_covers_them(client, django_user_model):
    staff(django_user_model, "letters", roles.NEWSLETTER_MANAGER)
    SecuritySettings.objects.filter(pk=1).update(require_two_factor=True)
    sign_in(client, "letters")
    assert client.get("/admin/")["Location"] == SETUP


def test_chief_editors_turn_the_rule_on_in_the_admin(client, django_user_model):
    chief = staff(django_user_model, "chief", roles.CHIEF_EDITOR)
    client.force_login(chief)
    response = client.get("/admin/newsroom/securitysettings/")
    assert response["Location"] == "/admin/newsroom/securitysettings/1/change/"
    response = client.post(
        "/admin/newsroom/securitysettings/1/change/", {"require_two_factor": "on"}
    )
    assert response.status_code == 302
    assert SecuritySettings.load().require_two_factor
    # The chief editor publishes too: enrol first.
    assert client.get("/admin/")["Location"] == SETUP


def test_editors_cannot_change_the_rule(client, editor):
    client.force_login(editor)
    assert client.get("/admin/newsroom/securitysettings/1/change/").status_code == 403
    client.post("/admin/newsroom/securitysettings/1/change/", {"require_two_factor": "on"})
    assert not SecuritySettings.load().require_two_factor


def test_turning_it_off_when_not_required(client, editor, clock):
    client.force_login(editor)
    enrol(client)
    client.post("/admin/two-factor/turn-off/")
    client.logout()
    assert signed_in(sign_in(client, "editor"))
