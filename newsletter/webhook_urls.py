"""The ESP webhooks (bounces, complaints), mounted by the root URLconf under
/anymail/ and only when they can authenticate (see webhooks.py)."""

from .webhooks import anymail_urlpatterns

app_name = "anymail"
urlpatterns = anymail_urlpatterns()
