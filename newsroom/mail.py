"""E-mail as every app sends it: rendered from templates, from the newsroom's
address, and, for mail a reader can stop, with one-click unsubscribe headers.

The apps say what to send; how a message is put together lives here once.
"""

import email.policy

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

# RFC 5322's limit for a line. Python folds a header longer than the policy's
# line length, and a header with no space to fold at (an unsubscribe URL) it
# rewrites as RFC 2047 encoded words, which RFC 2369 does not allow and mail
# providers' one-click unsubscribe does not read.
LONGEST_LINE = 998


class Message(EmailMultiAlternatives):
    """A message whose long headers stay as written, however the backend
    serialises it (the SMTP backend asks for email.policy.SMTP)."""

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=LONGEST_LINE))


def compose(
    *,
    to: list[str],
    subject: str,
    text: str,
    html: str | None = None,
    unsubscribe_url: str | None = None,
    headers: dict[str, str] | None = None,
    connection=None,
) -> EmailMultiAlternatives:
    """A message from ``DEFAULT_FROM_EMAIL``, with an HTML part when given.

    With ``unsubscribe_url`` it carries ``List-Unsubscribe`` (RFC 2369) and
    ``List-Unsubscribe-Post`` (RFC 8058), so mail clients offer a one-click stop.
    """
    all_headers = {}
    if unsubscribe_url:
        all_headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        all_headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    all_headers.update(headers or {})
    message = Message(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        headers=all_headers,
        connection=connection,
    )
    if html is not None:
        message.attach_alternative(html, "text/html")
    return message


def templated(
    template: str,
    context: dict,
    *,
    to: list[str],
    subject: str | None = None,
    html: bool = True,
    unsubscribe_url: str | None = None,
    headers: dict[str, str] | None = None,
) -> EmailMultiAlternatives:
    """A message rendered from ``<template>.txt`` (and ``<template>.html``).

    Without ``subject``, it is rendered from ``<template>_subject.txt``.
    """
    if subject is None:
        subject = render_to_string(f"{template}_subject.txt", context).strip()
    return compose(
        to=to,
        subject=subject,
        text=render_to_string(f"{template}.txt", context),
        html=render_to_string(f"{template}.html", context) if html else None,
        unsubscribe_url=unsubscribe_url,
        headers=headers,
    )
