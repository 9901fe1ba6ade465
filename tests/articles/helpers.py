"""Driving the article admin as the newsroom's people do: signed-in clients,
the change form opened, changed and saved, bulk actions, and what the pages show."""

import re
from datetime import datetime, timedelta
from html import unescape
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory
from tests.forms import form_fields

Status = Article.Status
ADMIN = "/admin/articles/article/"
ADD_URL = f"{ADMIN}add/"
CALENDAR_URL = f"{ADMIN}calendar/"
NO_PERMISSION = "You do not have permission to do that to this article."

BAKU = ZoneInfo("Asia/Baku")
# A Wednesday: the week runs from Monday 13 to Sunday 19 May 2030.
FROZEN_NOW = datetime(2030, 5, 15, 10, 0, tzinfo=BAKU)


def change_url(article) -> str:
    return f"{ADMIN}{article.pk}/change/"


def open_form(client, article) -> dict:
    return form_fields(client.get(change_url(article)))


def save(client, article, button=None, *, data=None, **changes):
    """Open the change form (unless ``data`` was read already), change fields,
    press ``button`` (or plain Save) and POST."""
    data = dict(open_form(client, article) if data is None else data)
    data.update(changes)
    if button:
        data[button] = "clicked"
    return client.post(change_url(article), data)


def bulk(client, articles, action, **kwargs):
    """Tick the articles in the change list, choose the action, press Go."""
    data = {
        "action": action,
        "select_across": "0",
        "index": "0",
        "_selected_action": [str(article.pk) for article in articles],
    }
    return client.post(ADMIN, data, **kwargs)


def text(response) -> str:
    return unescape(response.content.decode())


def page_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def public_status(article) -> int:
    article.refresh_from_db()
    return Client().get(article.get_absolute_url()).status_code


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def make_staff(django_user_model, username, group, first_name, last_name):
    user = django_user_model.objects.create_user(
        username,
        f"{username}@example.org",
        "pw",
        is_staff=True,
        first_name=first_name,
        last_name=last_name,
    )
    user.groups.add(Group.objects.get(name=group))
    return user


def draft_by(owner, section, **kwargs):
    return ArticleFactory(section=section, created_by=owner, draft=True, **kwargs)


def hours_from_now(hours):
    return timezone.now() + timedelta(hours=hours)


def dashboard_modules(html: str) -> dict[str, str]:
    return dict(re.findall(r'<div class="module"><h2>([^<]+)</h2><ul[^>]*>(.*?)</ul></div>', html))


def calendar_days(html: str) -> dict[str, str]:
    cells = re.findall(
        r'<td class="[^"]*">\s*<span class="day">([^<]+)</span>(.*?)</td>', html, re.S
    )
    return dict(cells)


def calendar_entry(days: dict[str, str], article) -> tuple[str, str] | None:
    """(day label, kind) of the article's entry in the calendar, if any."""
    for day, cell in days.items():
        found = re.search(rf'class="item (\w+)" href="{change_url(article)}"', cell)
        if found:
            return day, found.group(1)
    return None
