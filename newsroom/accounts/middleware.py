from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse

from .two_factor import state


class TwoFactorMiddleware:
    """In the admin: a session that signed in without the code of the
    account's authenticator (it was enrolled later, from another session) is
    signed out; an account that must use two-factor and has none is sent to
    enrol before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.check(request) or self.get_response(request)

    def check(self, request):
        if not request.path.startswith(reverse("admin:index")):
            return None
        user = request.user
        if not (user.is_authenticated and user.is_staff):
            return None
        if request.path in (reverse("two_factor:setup"), reverse("admin:logout")):
            return None
        if user.is_verified():
            return None
        has_device, required = state(user)
        if has_device:
            logout(request)
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if required:
            return redirect("two_factor:setup")
        return None
