"""The editorial calendar: a week or a month of scheduled, published and
planned stories, so the desk sees tomorrow's front page at a glance."""

import calendar as stdlib_calendar
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import Article


def _parse(start: str | None) -> date:
    try:
        day = date.fromisoformat(start) if start else timezone.localdate()
    except ValueError:
        return timezone.localdate()
    # Far-off dates would overflow the previous/next arithmetic.
    return day if date(1900, 1, 1) <= day <= date(9000, 12, 31) else timezone.localdate()


def build(view: str, start: str | None) -> dict:
    day = _parse(start)
    if view == "month":
        first = day.replace(day=1)
        weeks = stdlib_calendar.Calendar().monthdatescalendar(first.year, first.month)
        begin, end = weeks[0][0], weeks[-1][-1]
        previous = (first - timedelta(days=1)).replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        title = first.strftime("%B %Y")
    else:
        view = "week"
        begin = day - timedelta(days=day.weekday())
        end = begin + timedelta(days=6)
        weeks = [[begin + timedelta(days=n) for n in range(7)]]
        previous, following = begin - timedelta(days=7), begin + timedelta(days=7)
        title = f"{begin:%-d %b} – {end:%-d %b %Y}"
    tz = timezone.get_current_timezone()
    since = datetime.combine(begin, time.min, tzinfo=tz)
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz)
    articles = (
        Article.objects.filter(
            Q(published_at__gte=since, published_at__lt=until)
            | Q(planned_for__gte=since, planned_for__lt=until, published_at__isnull=True)
        )
        .select_related("section")
        # Each day in the order of its times, whatever the kind of story.
        .annotate(moment=Coalesce("published_at", "planned_for"))
        .order_by("moment", "pk")
    )
    by_day: dict[date, list] = {}
    for article in articles:
        moment = article.published_at or article.planned_for
        article.calendar_kind = (
            "planned"
            if article.published_at is None
            else "scheduled"
            if article.is_scheduled
            else "published"
            if article.is_live
            else "unpublished"
            if article.is_withdrawn
            else article.status
        )
        by_day.setdefault(timezone.localtime(moment).date(), []).append(article)
    today = timezone.localdate()
    return {
        "view": view,
        "calendar_title": title,
        "weeks": [
            [
                {
                    "date": d,
                    "articles": by_day.get(d, []),
                    "today": d == today,
                    "other_month": view == "month" and d.month != day.month,
                }
                for d in week
            ]
            for week in weeks
        ],
        "previous": previous.isoformat(),
        "following": following.isoformat(),
        "today": today.isoformat(),
    }
