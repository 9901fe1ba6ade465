"""Readers' rights over their personal data, across whatever apps hold it.

Each app that keeps personal data registers one kind of it in its
``AppConfig.ready()``: a module with ``export_personal_data(email=...)`` and
``erase_personal_data(email=...)``, and the permission each needs. An export
or an erasure made through the admin covers exactly the kinds its user may
handle, so one app's managers never see another app's data.
This module knows no app: the apps come to it.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.utils.translation import gettext as _

from . import audit


@dataclass(frozen=True)
class PersonalDataKind:
    name: str  # the key of this kind in an export, e.g. "comments"
    export: Callable[..., Any]  # export(email=...) -> JSON-ready data
    erase: Callable[..., int]  # erase(email=...) -> how many records were erased
    export_permission: str  # e.g. "comments.view_comment"
    erase_permission: str


_kinds: dict[str, PersonalDataKind] = {}


def register(name: str, module, *, export_permission: str, erase_permission: str) -> None:
    _kinds[name] = PersonalDataKind(
        name=name,
        export=module.export_personal_data,
        erase=module.erase_personal_data,
        export_permission=export_permission,
        erase_permission=erase_permission,
    )


def withheld(*, by, erasing: bool) -> list[str]:
    """The kinds of data ``by`` may not export (or erase): what an export or an
    erasure made by them leaves out, to be said, never passed over in silence."""
    return [
        kind.name
        for kind in _kinds.values()
        if not by.has_perm(kind.erase_permission if erasing else kind.export_permission)
    ]


def export_personal_data(*, email: str, by) -> dict:
    """Everything held about ``email`` that ``by`` may export, kind by kind;
    recorded in the audit trail (who, when, which address, which kinds)."""
    data: dict[str, Any] = {"email": email}
    for kind in _kinds.values():
        if by.has_perm(kind.export_permission):
            data[kind.name] = kind.export(email=email)
    kinds = [name for name in data if name != "email"]
    details = {"email": email, "kinds": kinds}
    audit.record(actor=by, action="privacy.export", object_repr=email, details=details)
    return data


def erase_personal_data(*, email: str, by) -> dict[str, int]:
    """Erase every kind of data about ``email`` that ``by`` may erase; recorded
    in the audit trail with how many records of each kind went."""
    with transaction.atomic():
        erased = {
            kind.name: kind.erase(email=email)
            for kind in _kinds.values()
            if by.has_perm(kind.erase_permission)
        }
        # The address stays in the record: proof of what was erased, and when.
        details = {"email": email, "kinds": list(erased), "erased": erased}
        audit.record(actor=by, action="privacy.erase", object_repr=email, details=details)
    return erased


# The admin actions on comments and subscribers -------------------------------


def export_download(*, emails, by) -> HttpResponse:
    """A JSON download of what ``by`` may export about each address."""
    data = {email: export_personal_data(email=email, by=by) for email in emails}
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
    return response


def erase_and_report(modeladmin, request, *, emails) -> None:
    """Erase what the user may erase about each address, and say what was left."""
    for email in emails:
        erase_personal_data(email=email, by=request.user)
    modeladmin.message_user(
        request,
        _("Personal data erased for %(count)d address(es).") % {"count": len(emails)},
        messages.SUCCESS,
    )
    left = withheld(by=request.user, erasing=True)
    if left:
        modeladmin.message_user(
            request,
            _("Not erased, as your account may not: %(kinds)s. Ask a chief editor.")
            % {"kinds": ", ".join(left)},
            messages.WARNING,
        )
