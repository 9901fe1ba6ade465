"""The newsroom's people (in the groups the data migration creates) and a
desk's worth of stories, for the admin tests."""

from datetime import datetime

import pytest
import time_machine

from tests.articles.helpers import BAKU, FROZEN_NOW, Status, draft_by, make_staff
from tests.factories import ArticleFactory


@pytest.fixture
def users(db, django_user_model):
    return {
        "owner": make_staff(django_user_model, "rena", "Reporter", "Rena", "Aliyeva"),
        "other_reporter": make_staff(django_user_model, "tural", "Reporter", "Tural", "Mammadov"),
        "editor": make_staff(django_user_model, "aynur", "Editor", "Aynur", "Huseynova"),
        "chief": make_staff(django_user_model, "farid", "Chief editor", "Farid", "Guliyev"),
    }


@pytest.fixture
def second_editor(django_user_model):
    return make_staff(django_user_model, "kamran", "Editor", "Kamran", "Ismayilov")


@pytest.fixture
def desk(users, section):
    """A desk's worth of stories around FROZEN_NOW."""
    with time_machine.travel(FROZEN_NOW, tick=False):
        owner, other = users["owner"], users["other_reporter"]
        yield {
            "my_draft": draft_by(owner, section, headline="My draft on school meals"),
            "others_draft": draft_by(other, section, headline="Someone else's draft"),
            "in_review": draft_by(
                other, section, status=Status.REVIEW, headline="Hospital waiting times"
            ),
            "scheduled": ArticleFactory(
                section=section,
                headline="Tomorrow's budget preview",
                published_at=datetime(2030, 5, 16, 9, 0, tzinfo=BAKU),
            ),
            "published": ArticleFactory(
                section=section,
                headline="Yesterday's council vote",
                published_at=datetime(2030, 5, 14, 18, 30, tzinfo=BAKU),
            ),
            "earlier": ArticleFactory(
                section=section,
                headline="Early May flood report",
                published_at=datetime(2030, 5, 3, 8, 0, tzinfo=BAKU),
            ),
            "planned": draft_by(
                owner,
                section,
                headline="Election candidates profile",
                planned_for=datetime(2030, 5, 17, 12, 0, tzinfo=BAKU),
            ),
        }
