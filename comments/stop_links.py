"""The signed token in a reply notification's "stop" link: the link is the
authority (no account, no cookie). It names the comment whose replies are
mailed, by its random key, never the address: a signed token is readable by
anyone who sees the link (base64), in a forwarded mail or a proxy's log."""

from django.core import signing

from .models import Comment

STOP_SALT = "comments.stop-notifications"


def stop_token(comment: Comment) -> str:
    return signing.dumps({"c": comment.key.hex}, salt=STOP_SALT)


def read_stop_token(token: str) -> str | None:
    """The address whose reply notifications the link stops, or None."""
    try:
        payload = signing.loads(token, salt=STOP_SALT)
    except (signing.BadSignature, ValueError):
        # An old link passes the signature check but has no timestamp (ValueError).
        # Links mailed before signing.dumps signed the bare address; they keep working.
        try:
            payload = signing.Signer(salt=STOP_SALT).unsign(token)
        except signing.BadSignature:
            return None
    if isinstance(payload, dict):
        key = str(payload.get("c", ""))
        if len(key) != 32 or not key.isalnum():
            return None
        return Comment.objects.filter(key=key).values_list("email", flat=True).first()
    # Links mailed before this change carry the (signed) address itself.
    return payload if isinstance(payload, str) else None
