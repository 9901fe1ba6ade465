"""Site-wide actions on people's accounts that the admin and the apps call."""

from django.contrib.auth.models import Group

from . import roles


def role_groups():
    """The groups that are the newsroom's roles, in the order ``roles.ALL`` gives."""
    groups = {group.name: group for group in Group.objects.filter(name__in=roles.ALL)}
    return [groups[name] for name in roles.ALL if name in groups]


def has_role(user) -> bool:
    return user.groups.filter(name__in=roles.ALL).exists()


def staff_follows_role(*, user) -> bool:
    """A person with a role is staff: without "Staff status" the role's
    permissions are useless, as the admin refuses to sign them in (issue 11).
    Ticks it when missing and says whether it did. Taking the role away leaves
    staff status as it is: a superuser or someone with their own permissions
    may still need it."""
    if user.is_staff or not has_role(user):
        return False
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return True
