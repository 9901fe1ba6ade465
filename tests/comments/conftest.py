import pytest

from comments.models import DiscussionSettings
from tests.factories import ArticleFactory

SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"}


@pytest.fixture
def rules(db):
    """Discussion settings with the timing check and rate limit out of the way
    unless a test turns them on."""
    settings_row = DiscussionSettings.load()
    settings_row.min_seconds = 0
    settings_row.comments_per_ip_per_hour = 1000
    settings_row.save()
    return settings_row


@pytest.fixture
def story(db, section, author):
    return ArticleFactory(
        headline="River bridge reopens", slug="river-bridge", section=section, authors=[author]
    )


def post_comment(client, article, remote_addr="127.0.0.1", **fields):
    data = {
        "article": article.pk,
        "body": "A thoughtful remark about the bridge.",
        "name": "Aysel",
        "email": "aysel@example.org",
        "url": "",
        **fields,
    }
    return client.post("/comments/post/", data, headers=SAME_ORIGIN, REMOTE_ADDR=remote_addr)
