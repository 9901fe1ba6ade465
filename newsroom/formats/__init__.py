"""Date and number formats of the public site's languages (FORMAT_MODULE_PATH):
Django's own, but for the dates readers see, which name the month in words.

A date in a sentence takes the month's "alternative" form (the ``E`` format
character): the genitive in Russian ("2 декабря 2026"), lower case in
Azerbaijani ("2 dekabr 2026"). Django's Azerbaijani catalogue capitalises
them, so our catalogues translate these for Azerbaijani (and, to keep them in
one place, Russian).
"""

from django.utils.translation import pgettext_lazy

ALTERNATIVE_MONTHS = (
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)
