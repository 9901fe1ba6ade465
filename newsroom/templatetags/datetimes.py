"""Machine-readable times for pages: ISO 8601 in whole seconds.

Django's ``|date:'c'`` and ``isoformat()`` print microseconds, which HTML's
``<time datetime>`` does not allow (at most three decimals) and no reader or
crawler needs (issue 11).
"""

from datetime import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def iso_seconds(value: datetime | None) -> str:
    """``value`` in the site's time zone, to the second: 2026-03-14T09:30:00+04:00."""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0).isoformat()
