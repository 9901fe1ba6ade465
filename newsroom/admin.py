from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import Group
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from . import audit, roles, services
from .accounts.forms import SignInForm
from .models import AuditEntry, SecuritySettings

# The sign-in page asks for the two-factor code of accounts that use it.
admin.site.login_form = SignInForm


@admin.register(SecuritySettings)
class SecuritySettingsAdmin(admin.ModelAdmin):
    """One row: the list opens it."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        return redirect("admin:newsroom_securitysettings_change", SecuritySettings.load().pk)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Who did what, when: a record, so nobody adds, changes or deletes one here."""

    list_display = ["created_at", "actor_name", "action", "object_link", "summary"]
    list_filter = ["action", "created_at"]
    list_select_related = ["content_type"]
    search_fields = ["object_repr", "actor_name", "action"]
    date_hierarchy = "created_at"
    fields = ["created_at", "actor", "actor_name", "action", "object_link", "details"]
    readonly_fields = fields
    change_list_template = "admin/newsroom/auditentry/change_list.html"

    @admin.display(description=_("what"), ordering="object_repr")
    def object_link(self, obj):
        if obj.content_type is None or not obj.object_id:
            return obj.object_repr or "—"
        try:
            url = reverse(
                f"admin:{obj.content_type.app_label}_{obj.content_type.model}_change",
                args=[obj.object_id],
            )
        except NoReverseMatch:
            return obj.object_repr
        return format_html('<a href="{}">{}</a>', url, obj.object_repr)

    @admin.display(description=_("details"))
    def summary(self, obj):
        return ", ".join(f"{key}: {value}" for key, value in obj.details.items()) or "—"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


User = get_user_model()
admin.site.unregister(User)
admin.site.unregister(Group)


class PersonChangeForm(UserChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "is_staff" in self.fields:
            self.fields["is_staff"].help_text = _(
                "Lets this person sign in to the admin. Ticked automatically for "
                "anyone with a role (the groups below), who cannot work without it."
            )


@admin.register(User)
class RecordedRolesUserAdmin(UserAdmin):
    """Django's user admin; a change of someone's groups, permissions, staff or
    superuser status is recorded in the audit trail with who made it, and the
    page says what the person's role gives them."""

    form = PersonChangeForm
    role_fields = ["role_summary"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        # What the role gives comes first: it is what the page is opened for.
        return [fieldsets[0], (_("Role"), {"fields": self.role_fields}), *fieldsets[1:]]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly + self.role_fields if obj is not None else readonly

    @admin.display(description=_("what the role gives"))
    def role_summary(self, obj):
        names = sorted(obj.groups.filter(name__in=roles.ALL).values_list("name", flat=True))
        if not names:
            if obj.is_superuser:
                return _("No role: a superuser may do everything anyway.")
            return _("No role: this person can do nothing in the admin. Give one below.")
        return format_html(
            "<ul style='margin:0;padding-left:1.2em'>{}</ul>",
            format_html_join(
                "", "<li><strong>{}</strong>: {}</li>", ((n, roles.GIVES[n]) for n in names)
            ),
        )

    def save_model(self, request, obj, form, change):
        # Read before the save: the groups are saved after it (save_related).
        request._roles_before = audit.roles_of(User.objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if services.staff_follows_role(user=form.instance):
            messages.info(
                request,
                _("Staff status was ticked: a person with a role needs it to sign in."),
            )
        audit.record_role_change(
            actor=request.user, user=form.instance, before=request._roles_before
        )


@admin.register(Group)
class RecordedRolesGroupAdmin(GroupAdmin):
    """Django's group admin; what a role may do changing is recorded too."""

    def save_model(self, request, obj, form, change):
        before = audit.group_permissions(Group.objects.get(pk=obj.pk)) if change else []
        request._permissions_before = before
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        audit.record_group_change(
            actor=request.user, group=form.instance, before=request._permissions_before
        )
