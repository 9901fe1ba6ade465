"""Signed links in newsletter emails. They carry the subscriber's random key,
never the address or a row id; the signature is the authority."""

import uuid

from django.conf import settings
from django.core import signing

from newsroom.links import absolute_reverse

CONFIRM_SALT = "newsletter.confirm"
MANAGE_SALT = "newsletter.manage"


class ExpiredLink(Exception):
    """A confirmation link that was genuine but is too old; carries the key."""

    def __init__(self, key: uuid.UUID):
        super().__init__("expired")
        self.key = key


class InvalidLink(Exception):
    pass


def confirm_token(key: uuid.UUID) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(key.hex)


def read_confirm_token(token: str) -> uuid.UUID:
    signer = signing.TimestampSigner(salt=CONFIRM_SALT)
    max_age = settings.NEWSLETTER_CONFIRM_DAYS * 24 * 3600
    try:
        return uuid.UUID(signer.unsign(token, max_age=max_age))
    except signing.SignatureExpired:
        return _expired(signer, token)
    except (signing.BadSignature, ValueError):
        raise InvalidLink from None


def _expired(signer, token):
    try:
        raise ExpiredLink(uuid.UUID(signer.unsign(token)))
    except (signing.BadSignature, ValueError):
        raise InvalidLink from None


def manage_token(key: uuid.UUID) -> str:
    """For unsubscribe and preferences links: no expiry, as RFC 8058 expects."""
    return signing.Signer(salt=MANAGE_SALT).sign(key.hex)


def read_manage_token(token: str) -> uuid.UUID:
    try:
        return uuid.UUID(signing.Signer(salt=MANAGE_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        raise InvalidLink from None


def confirm_url(subscriber) -> str:
    return absolute_reverse("newsletter:confirm", token=confirm_token(subscriber.key))


def unsubscribe_url(subscriber) -> str:
    return absolute_reverse("newsletter:unsubscribe", token=manage_token(subscriber.key))


def preferences_url(subscriber) -> str:
    return absolute_reverse("newsletter:preferences", token=manage_token(subscriber.key))
