"""Record an event in the site-wide audit trail (``newsroom.models.AuditEntry``).

Services call ``record`` where the decision is made, inside the same
transaction, so an event that rolls back leaves no record and a record
exists for every event that happened. ``actor`` is None for what the site
does by itself (a scheduled send, a daily digest)."""

from django.contrib.contenttypes.models import ContentType

from .models import AuditEntry


def _actor_name(actor) -> str:
    if actor is None:
        return ""
    return actor.get_full_name() or actor.get_username()


def record(
    *, actor, action: str, obj=None, details: dict | None = None, object_repr: str = ""
) -> AuditEntry:
    """One event: ``actor`` did ``action`` (e.g. "newsletter.send") to ``obj``."""
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=_actor_name(actor),
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=(object_repr or (str(obj) if obj is not None else ""))[:200],
        details=details or {},
    )


def roles_of(user) -> dict:
    """What makes up someone's role: their groups, own permissions, and flags."""
    return {
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "permissions": _permissions(user.user_permissions),
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "is_active": user.is_active,
    }


def _permissions(queryset) -> list[str]:
    return sorted(
        f"{app}.{codename}"
        for app, codename in queryset.values_list("content_type__app_label", "codename")
    )


def record_role_change(*, actor, user, before: dict | None) -> AuditEntry | None:
    """Record what changed in ``user``'s role since ``before`` (None: a new
    account, recorded only if it was given a role); nothing if nothing did."""
    after = roles_of(user)
    before = before or {
        "groups": [],
        "permissions": [],
        "is_staff": False,
        "is_superuser": False,
        "is_active": after["is_active"],
    }
    details = {}
    for key in ("groups", "permissions"):
        added = sorted(set(after[key]) - set(before[key]))
        removed = sorted(set(before[key]) - set(after[key]))
        if added or removed:
            details[key] = {"added": added, "removed": removed}
    for flag in ("is_staff", "is_superuser", "is_active"):
        if before[flag] != after[flag]:
            details[flag] = after[flag]
    if not details:
        return None
    return record(actor=actor, action="auth.role_change", obj=user, details=details)


def group_permissions(group) -> list[str]:
    return _permissions(group.permissions) if group.pk else []


def record_group_change(*, actor, group, before: list[str]) -> AuditEntry | None:
    """Record the permissions a role (a group) gained or lost since ``before``."""
    after = group_permissions(group)
    added, removed = sorted(set(after) - set(before)), sorted(set(before) - set(after))
    if not (added or removed):
        return None
    details = {"permissions": {"added": added, "removed": removed}}
    return record(actor=actor, action="auth.group_change", obj=group, details=details)
