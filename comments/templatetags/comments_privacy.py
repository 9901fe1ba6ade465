from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def comment_ip_retention_days() -> int:
    """For the privacy notice: how long commenters' IP addresses are kept."""
    return settings.COMMENTS_IP_RETENTION_DAYS
