"""Readers' rights over their personal data, across the apps that hold it:
one export and one erasure per email address (the admin actions call these)."""

from comments import services as comments
from newsletter import services as newsletter


def export_personal_data(*, email: str) -> dict:
    return {
        "email": email,
        "comments": comments.export_personal_data(email=email),
        "newsletter": newsletter.export_personal_data(email=email),
    }


def erase_personal_data(*, email: str) -> dict:
    return {
        "comments_anonymised": comments.erase_personal_data(email=email),
        "subscribers_deleted": newsletter.erase_personal_data(email=email),
    }
