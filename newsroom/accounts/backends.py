"""The password check of the admin's sign-in, plus the two-factor code of an
account that has enrolled an authenticator.

A wrong or missing code is a failed sign-in like a wrong password (None):
Django then sends user_login_failed, so django-axes counts code guesses too,
and the answer does not tell an attacker that the password was right.
"""

from django.contrib.auth.backends import ModelBackend
from django_otp import match_token

from .two_factor import has_two_factor


class TwoFactorBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, otp_token=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None or not has_two_factor(user):
            return user
        device = match_token(user, otp_token.strip()) if otp_token else None
        if device is None:
            return None
        # django-otp marks the session verified with this device at login.
        user.otp_device = device
        return user
