"""The admin's two-factor page: enrol an authenticator app, see how many
recovery codes are left, get new ones, turn two-factor off (unless required)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import two_factor
from .forms import ConfirmDeviceForm


def setup(request):
    user = request.user
    context = {
        **admin.site.each_context(request),
        "title": _("Two-factor sign-in"),
        "required": two_factor.must_use_two_factor(user),
    }
    if two_factor.has_two_factor(user):
        context["codes_left"] = two_factor.recovery_codes_left(user)
        return TemplateResponse(request, "admin/accounts/two_factor.html", context)

    device = two_factor.pending_device(user)
    form = ConfirmDeviceForm(request.POST or None)
    if form.is_valid():
        codes = two_factor.confirm(
            request=request, device=device, token=form.cleaned_data["otp_token"]
        )
        if codes is not None:
            return _show_codes(request, codes, _("Two-factor sign-in is on."))
        form.add_error(
            "otp_token",
            _(
                "That code is not right. After a wrong code the next is refused for a few "
                "seconds: wait, check the phone's clock, then type the current code."
            ),
        )
    context.update(
        form=form,
        secret=two_factor.secret(device),
        otpauth_uri=device.config_url,
        qr_code=two_factor.qr_code_svg(device),
    )
    return TemplateResponse(request, "admin/accounts/two_factor_enrol.html", context)


@require_POST
def recovery_codes(request):
    if not two_factor.has_two_factor(request.user):
        return redirect("two_factor:setup")
    codes = two_factor.new_recovery_codes(request.user)
    return _show_codes(request, codes, _("New recovery codes: the old ones no longer work."))


@require_POST
def turn_off(request):
    if two_factor.must_use_two_factor(request.user):
        raise PermissionDenied(_("Two-factor sign-in is required for your role."))
    two_factor.turn_off(request.user)
    messages.success(request, _("Two-factor sign-in is off."))
    return redirect("two_factor:setup")


def _show_codes(request, codes, message):
    """Shown once, in this response only: the database keeps only their hashes."""
    messages.success(request, message)
    context = {
        **admin.site.each_context(request),
        "title": _("Your recovery codes"),
        "codes": codes,
    }
    return TemplateResponse(request, "admin/accounts/recovery_codes.html", context)
