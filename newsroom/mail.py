"""E-mail as every app sends it: rendered from templates, from the newsroom's
address, and, for mail a reader can stop, with one-click unsubscribe headers.

The apps say what to send; how a message is put together lives here once.

A message is written in one language, the reader's (the article's, the
list's: issue 12), not the active one: a task has no request, and a moderator
acting in the admin in English may cause a Russian reader's e-mail. Callers
build everything language-dependent (links, subjects) inside ``in_language``;
``templated`` renders in it and the message says so (``Content-Language``).
"""

import contextlib
import email.policy

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

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
    language: str | None = None,
    connection=None,
) -> EmailMultiAlternatives:
    """A message from ``DEFAULT_FROM_EMAIL``, with an HTML part when given.

    With ``unsubscribe_url`` it carries ``List-Unsubscribe`` (RFC 2369) and
    ``List-Unsubscribe-Post`` (RFC 8058), so mail clients offer a one-click stop.
    With ``language``, ``Content-Language`` (RFC 3282) names the language it is in.
    """
    all_headers = {}
    if language:
        all_headers["Content-Language"] = language
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
    language: str | None = None,
) -> EmailMultiAlternatives:
    """A message rendered from ``<template>.txt`` (and ``<template>.html``),
    in ``language`` (the active one if not given).

    Without ``subject``, it is rendered from ``<template>_subject.txt``.
    """
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    with in_language(language):
        if subject is None:
            subject = render_to_string(f"{template}_subject.txt", context).strip()
        text = render_to_string(f"{template}.txt", context)
        html_part = render_to_string(f"{template}.html", context) if html else None
    return compose(
        to=to,
        subject=subject,
        text=text,
        html=html_part,
        unsubscribe_url=unsubscribe_url,
        headers=headers,
        language=language,
    )


def site_name() -> str:
    """The outlet's name in the active language: a message's, inside
    ``in_language`` (its translation, as pages show it: context_processors)."""
    return gettext(settings.SITE_NAME)


def in_language(language: str | None):
    """Write a message in ``language``: gettext, ``{% translate %}`` and
    ``reverse()`` (whose addresses then carry the language's prefix, /ru/...)
    answer in it until the block ends. None keeps the active language."""
    return translation.override(language) if language else contextlib.nullcontext()
