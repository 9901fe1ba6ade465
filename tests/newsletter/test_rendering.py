"""An issue is rendered once for all its readers and personalised only where it
must be: each reader's own links, safely put in (issue 9, "Newsletter at
scale")."""

import email
import email.policy
import re
from collections import Counter

import pytest
from django.test.signals import template_rendered

from newsletter import delivery, issues, tasks, tokens
from newsletter.models import Subscriber
from tests.conftest import committed
from tests.factories import ArticleFactory

from .factories import IssueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue(daily, section):
    ArticleFactory(headline="Ferry service to resume", section=section)
    return IssueFactory(newsletter_list=daily, subject="Morning briefing", intro="Hello.")


def readers(newsletter, count, start=0):
    made = Subscriber.objects.bulk_create(
        Subscriber(email=f"r{n}@example.org", status="confirmed", confirmed_at="2026-01-01T00:00Z")
        for n in range(start, start + count)
    )
    newsletter.subscribers.add(*made)
    return made


def send_counting_templates(issue, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    tasks.start_sending(issue=issue)
    rendered = Counter()

    def count(sender, template, **kwargs):
        rendered[template.name] += 1

    template_rendered.connect(count)
    try:
        handled = delivery.send_pending_deliveries(issue_id=issue.pk, limit=10_000)
    finally:
        template_rendered.disconnect(count)
    return handled, rendered


@pytest.mark.parametrize("count", [10, 100])
def test_a_batch_renders_the_issue_once_however_many_readers(
    issue, daily, mailoutbox, settings, count
):
    readers(daily, count)
    handled, rendered = send_counting_templates(issue, settings)
    assert handled == len(mailoutbox) == count
    # Once each: the text part, the HTML part and the layout the HTML extends.
    assert rendered == {
        "newsletter/email/issue.txt": 1,
        "newsletter/email/issue.html": 1,
        "newsletter/email/_layout.html": 1,
    }


def parts(message):
    parsed = email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)
    text = parsed.get_body(preferencelist=("plain",)).get_content()
    html = parsed.get_body(preferencelist=("html",)).get_content()
    header = re.fullmatch(r"<(.+)>", parsed["List-Unsubscribe"]).group(1)
    return text, html, header


def test_each_reader_gets_their_own_links_and_nobody_elses(issue, daily, mailoutbox):
    everyone = readers(daily, 5)
    with committed():
        tasks.start_sending(issue=issue)
    assert len(mailoutbox) == 5
    keys = {s.email: s for s in everyone}
    all_links = {tokens.unsubscribe_url(s) for s in everyone} | {
        tokens.preferences_url(s) for s in everyone
    }
    for message in mailoutbox:
        reader = keys[message.to[0]]
        own = {tokens.unsubscribe_url(reader), tokens.preferences_url(reader)}
        text, html, header = parts(message)
        assert header == tokens.unsubscribe_url(reader)
        for link in own:
            assert link in text and link in html
        for other in all_links - own:
            assert other not in text and other not in html
        assert "Ferry service to resume" in text and "Ferry service to resume" in html


def test_text_that_looks_like_a_slot_or_a_template_stays_text(daily, section, mailoutbox):
    """Nobody can write a slot or template code into an issue: it is sent as written
    (escaped in the HTML part), and every reader's links are where the template puts them."""
    sneaky = "{{ unsubscribe_url }} {% now 'Y' %} nlunsubscribe_url <b>&</b>"
    ArticleFactory(headline=sneaky, standfirst=sneaky, section=section)
    issue = IssueFactory(newsletter_list=daily, subject="Careful", intro=sneaky)
    (reader,) = readers(daily, 1)
    rendered = issues.RenderedIssue(issue, issues.issue_articles(issue))
    text, html = rendered.parts(reader)
    assert text.count(sneaky) == 3  # introduction, headline, standfirst
    assert html.count("{{ unsubscribe_url }} {% now &#x27;Y&#x27; %} nlunsubscribe_url") == 3
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in html and "<b>&</b>" not in html
    assert text.count(tokens.unsubscribe_url(reader)) == 1
    assert html.count(tokens.unsubscribe_url(reader)) == 1


def test_a_readers_links_are_escaped_in_the_html_part(issue, daily, settings):
    """A site address with a character HTML must escape (an ampersand) is escaped
    in the HTML part and left as it is in the text part and the header."""
    settings.SITE_URL = "https://news.example.org/az?x=1&y=2"
    (reader,) = readers(daily, 1)
    message = issues.RenderedIssue(issue, issues.issue_articles(issue)).message(reader)
    link = tokens.unsubscribe_url(reader)
    assert "&y=2" in link
    html = message.alternatives[0].content
    assert link.replace("&", "&amp;") in html and link not in html
    assert link in message.body
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"


def test_a_template_without_the_readers_links_stops_the_send(issue, daily, settings, tmp_path):
    """Better no e-mail than 1,000 e-mails without a way to unsubscribe."""
    (tmp_path / "newsletter" / "email").mkdir(parents=True)
    (tmp_path / "newsletter" / "email" / "issue.txt").write_text("{{ issue.subject }}")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    with pytest.raises(ValueError, match="each reader's own links"):
        issues.RenderedIssue(issue, issues.issue_articles(issue))


def test_the_preview_has_inert_personal_links(issue):
    text, html = issues.render_issue(issue, None)
    assert "Unsubscribe: #" in text
    assert 'href="#"' in html
