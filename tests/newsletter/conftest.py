import re

import pytest

from .factories import BreakingNewsFactory, DailyBriefingFactory

SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"}


@pytest.fixture
def daily(db):
    """The list the data migration creates (a transactional test's flush
    removes it: then it is created again)."""
    return DailyBriefingFactory()


@pytest.fixture
def breaking(db):
    return BreakingNewsFactory()


def signup(client, email, remote_addr="127.0.0.1", **fields):
    data = {"email": email, "source": "footer", **fields}
    return client.post("/newsletter/subscribe/", data, headers=SAME_ORIGIN, REMOTE_ADDR=remote_addr)


def link_in(message, kind: str) -> str:
    """The path of the first /newsletter/<kind>/ link in a message's text part."""
    match = re.search(rf"http://127\.0\.0\.1:8000(/newsletter/{kind}/[^\s/]+/)", message.body)
    assert match, message.body
    return match.group(1)
