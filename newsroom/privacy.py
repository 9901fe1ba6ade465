"""Readers' rights over their personal data, across whatever apps hold it.

Each app that keeps personal data registers one kind of it in its
``AppConfig.ready()``: a module with ``export_personal_data(email=...)`` and
``erase_personal_data(email=...)``, and the permission each needs. An export
or an erasure made through the admin covers exactly the kinds its user may
handle, so one app's managers never see another app's data.
This module knows no app: the apps come to it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


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


def kinds() -> list[PersonalDataKind]:
    return list(_kinds.values())


def export_personal_data(*, email: str, by) -> dict:
    """Everything held about ``email`` that ``by`` may export, kind by kind."""
    data: dict[str, Any] = {"email": email}
    for kind in _kinds.values():
        if by.has_perm(kind.export_permission):
            data[kind.name] = kind.export(email=email)
    return data


def erase_personal_data(*, email: str, by) -> dict[str, int]:
    """Erase every kind of data about ``email`` that ``by`` may erase."""
    return {
        kind.name: kind.erase(email=email)
        for kind in _kinds.values()
        if by.has_perm(kind.erase_permission)
    }
