"""Subscribers brought in from a CSV file (an old mailing list, another tool)."""

import csv
import io
import itertools

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from .forms import clean_email_address
from .models import NewsletterList, Subscriber

MAX_IMPORT_ROWS = 100_000
# Where csv.DictReader puts the cells of a row longer than the header.
EXTRA_FIELDS = "\0extra"
# Addresses per existence query: under SQLite's limit on query parameters.
LOOKUP_CHUNK = 10_000


def import_subscribers(upload, *, lists, source) -> dict:
    """Validate, de-duplicate and add subscribers from a CSV file.

    Imported addresses are recorded as confirmed, with the import as their
    consent source: the newsroom vouches that these readers agreed elsewhere.
    The report counts added, duplicate and invalid rows, with an error for each
    invalid row by its line number, or a fatal error for an unreadable file.
    """
    report = {"added": 0, "duplicates": 0, "invalid": 0, "errors": [], "fatal": ""}
    rows = _read_rows(upload, report)
    if rows is None:
        return report
    by_slug = {newsletter.slug: newsletter for newsletter in NewsletterList.objects.all()}
    candidates = {}  # lower-cased address -> (address, its lists), in file order
    for number, row in enumerate(rows, start=2):
        if EXTRA_FIELDS in row:
            report["invalid"] += 1
            report["errors"].append(
                (number, row.get("email") or "", _("This row has more fields than the header row."))
            )
            continue
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        try:
            email = clean_email_address(row.get("email", ""))
        except ValidationError as error:
            report["invalid"] += 1
            report["errors"].append((number, row.get("email", ""), " ".join(error.messages)))
            continue
        if email.lower() in candidates:
            report["duplicates"] += 1
            continue
        row_lists = {by_slug[s] for s in row.get("lists", "").split(";") if s.strip() in by_slug}
        candidates[email.lower()] = (email, set(lists) | row_lists)
    existing = _existing_addresses(list(candidates))
    report["duplicates"] += len(existing)
    new = {key: value for key, value in candidates.items() if key not in existing}
    _create(new.values(), source=source)
    report["added"] = len(new)
    return report


def _read_rows(upload, report) -> list[dict] | None:
    try:
        text = io.TextIOWrapper(upload.file, encoding="utf-8-sig", newline="")
        reader = csv.DictReader(text, restkey=EXTRA_FIELDS)
        if not reader.fieldnames or "email" not in [f.strip().lower() for f in reader.fieldnames]:
            report["fatal"] = _("The file needs a header row with an “email” column.")
            return None
        # One row past the limit is enough to refuse the file; never hold more.
        rows = list(itertools.islice(reader, MAX_IMPORT_ROWS + 1))
    except (UnicodeDecodeError, csv.Error) as error:
        report["fatal"] = _("This file could not be read as UTF-8 CSV (%(error)s).") % {
            "error": error
        }
        return None
    if len(rows) > MAX_IMPORT_ROWS:
        report["fatal"] = _("Import at most %(max)d rows at a time.") % {"max": MAX_IMPORT_ROWS}
        return None
    return rows


def _existing_addresses(lowered: list[str]) -> set[str]:
    """Which of these (lower-cased) addresses already subscribe, in any state."""
    existing = set()
    for start in range(0, len(lowered), LOOKUP_CHUNK):
        chunk = lowered[start : start + LOOKUP_CHUNK]
        existing.update(
            Subscriber.objects.annotate(lowered=Lower("email"))
            .filter(lowered__in=chunk)
            .values_list("lowered", flat=True)
        )
    return existing


def _create(new, *, source: str) -> None:
    """The new subscribers and their list memberships, in one transaction."""
    now = timezone.now()
    consent_text = _("Imported by the newsroom from: %(source)s") % {"source": source}
    new = list(new)
    with transaction.atomic():
        subscribers = Subscriber.objects.bulk_create(
            [
                Subscriber(
                    email=email,
                    status=Subscriber.Status.CONFIRMED,
                    confirmed_at=now,
                    consent_at=now,
                    consent_source=f"import: {source}"[:100],
                    consent_text=consent_text,
                )
                for email, _lists in new
            ],
            batch_size=1000,
        )
        Membership = Subscriber.lists.through
        Membership.objects.bulk_create(
            [
                Membership(subscriber_id=subscriber.pk, newsletterlist_id=newsletter.pk)
                for subscriber, (_email, lists) in zip(subscribers, new, strict=True)
                for newsletter in lists
            ],
            batch_size=1000,
        )
