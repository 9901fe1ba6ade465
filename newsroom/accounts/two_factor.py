"""Two-factor rules: who has it, who must have it, enrolling and recovery codes.
Views, the sign-in backend and the middleware all ask these functions."""

import base64
from binascii import unhexlify

import segno
from django.conf import settings
from django.db import transaction
from django.db.models import Exists
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom.models import RecoveryCodeDevice, SecuritySettings

AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"


def has_two_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def publishes(user) -> bool:
    """May publish or send newsletters (a superuser may do everything)."""
    return (
        user.is_active
        and user.is_staff
        and any(user.has_perm(perm) for perm in settings.TWO_FACTOR_REQUIRED_PERMISSIONS)
    )


def must_use_two_factor(user) -> bool:
    """Whether the chief editors' rule applies to this account."""
    return publishes(user) and SecuritySettings.load().require_two_factor


def state(user) -> tuple[bool, bool]:
    """(has an authenticator, must have one): in one query, as the admin asks
    on every request of a session that did not give a code."""
    row = (
        SecuritySettings.objects.filter(pk=1)
        .annotate(has_device=Exists(TOTPDevice.objects.filter(user=user, confirmed=True)))
        .values_list("has_device", "require_two_factor")
        .first()
    )
    if row is None:
        return has_two_factor(user), must_use_two_factor(user)
    has_device, required = row
    return has_device, required and publishes(user)


def pending_device(user) -> TOTPDevice:
    """The authenticator being set up: the same secret until it is confirmed,
    so that reloading the page does not invalidate what the app has scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def secret(device: TOTPDevice) -> str:
    """The key as authenticator apps ask for it when typed in (base32)."""
    return base64.b32encode(unhexlify(device.key)).decode().rstrip("=")


def qr_code_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG QR code (no third-party request)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, border=2)


@transaction.atomic
def confirm(*, request, device: TOTPDevice, token: str) -> list[str] | None:
    """Turn on two-factor if the code from the app is right: this session
    counts as verified, and the recovery codes are returned (shown once)."""
    if not device.verify_token(token):
        return None
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    return new_recovery_codes(device.user)


def new_recovery_codes(user) -> list[str]:
    """Replace the account's recovery codes; the old ones stop working."""
    device, _ = RecoveryCodeDevice.objects.get_or_create(user=user, name=RECOVERY_NAME)
    return device.generate_codes()


def recovery_codes_left(user) -> int:
    device = RecoveryCodeDevice.objects.filter(user=user).first()
    return device.codes.count() if device else 0


@transaction.atomic
def turn_off(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    RecoveryCodeDevice.objects.filter(user=user).delete()
