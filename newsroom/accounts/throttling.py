"""What a locked-out sign-in gets from django-axes: the sign-in page again,
with the reason beside the form, and no password checked."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .forms import SignInForm


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return ngettext(
        "Too many failed sign-ins for this account or from this address. "
        "Sign-in is paused for %(minutes)d minute after the last of them; try again later.",
        "Too many failed sign-ins for this account or from this address. "
        "Sign-in is paused for %(minutes)d minutes after the last of them; try again later.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    # Unbound, so that nothing checks the password; the name typed stays.
    form = SignInForm(request, initial={"username": request.POST.get("username", "")})
    form.full_clean()
    form.cleaned_data = {}
    form.add_error(None, lockout_message())
    context = {
        **admin.site.each_context(request),
        "form": form,
        "title": _("Log in"),
        "app_path": request.get_full_path(),
        "username": request.user.get_username(),
        REDIRECT_FIELD_NAME: request.POST.get(REDIRECT_FIELD_NAME, ""),
    }
    response = TemplateResponse(request, "admin/login.html", context, status=429)
    return response.render()
