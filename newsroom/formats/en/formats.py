# The dates readers see: "2 December 2026, 09:30" (British order, 24 hours).
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
