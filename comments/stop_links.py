"""The signed token in a reply notification's "stop" link: the link is the
authority (no account, no cookie), so it must carry the address, signed."""

from django.core import signing

STOP_SALT = "comments.stop-notifications"


def stop_token(email: str) -> str:
    """A URL-safe token for the stop link. signing.dumps encodes the address
    (base64, not the raw address with its "/" or "+"), which also keeps it out
    of plain sight in URLs and logs."""
    return signing.dumps(email.lower(), salt=STOP_SALT, compress=True)


def read_stop_token(token: str) -> str | None:
    try:
        email = signing.loads(token, salt=STOP_SALT)
    except (signing.BadSignature, ValueError):
        # An old link passes the signature check but has no timestamp (ValueError).
        # Links mailed before signing.dumps signed the bare address; they keep working.
        try:
            email = signing.Signer(salt=STOP_SALT).unsign(token)
        except signing.BadSignature:
            return None
    return email if isinstance(email, str) else None
