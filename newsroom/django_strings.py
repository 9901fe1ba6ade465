"""Strings of Django 6.1 itself that its Azerbaijani and Russian catalogues do
not translate yet: listed here so that our catalogues (locale/) carry their
translations, which Django then finds first (LOCALE_PATHS). Remove one once
Django's own catalogue has it."""

from django.utils.translation import gettext_noop

STRINGS = (
    # The empty choice of every select (django.db.models.fields.BLANK_CHOICE_LABEL).
    gettext_noop("- Select an option -"),
    # The admin's date hierarchy (admin/date_hierarchy.html).
    gettext_noop("Filter by %(field_name)s"),
)
