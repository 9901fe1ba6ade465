from django.contrib import admin
from django.shortcuts import redirect

from .accounts.forms import SignInForm
from .models import SecuritySettings

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
