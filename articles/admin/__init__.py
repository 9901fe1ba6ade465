"""The newsroom's admin for articles, one module per job: forms, inlines,
filters, the article admin and its own pages, the audit trail, sections and
authors. Importing the modules registers their admins."""

from django.conf import settings
from django.contrib import admin
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from . import article, audit, people, sections_authors, tags  # noqa: F401 - registers the admins

admin.site.site_header = format_lazy("{} · {}", settings.SITE_NAME, _("Newsroom"))
admin.site.site_title = _("Newsroom")
admin.site.index_title = _("Newsroom")
