"""The demo newsletter that `make run` loads: something for the newsletter
manager to preview, test and send on the first run."""

from django.core.management import call_command

from newsletter.models import Issue, Subscriber


def _state():
    return (
        list(Subscriber.objects.values_list("email", "status").order_by("email")),
        list(Issue.objects.values_list("subject", "status")),
        list(Issue.objects.values_list("articles__slug", flat=True).order_by("articles__slug")),
    )


def test_demo_has_confirmed_readers_and_a_draft_of_published_stories(demo, admin_client):
    issue = Issue.objects.get()
    assert issue.status == Issue.Status.DRAFT
    assert issue.newsletter_list.slug == "daily-briefing"
    assert issue.articles.exists()
    assert all(article.is_live for article in issue.articles.all())
    # The briefing is in English: the demo's Azerbaijani and Russian stories stay out.
    assert {article.language for article in issue.articles.all()} == {"en"}
    readers = Subscriber.objects.filter(lists=issue.newsletter_list)
    assert readers.count() == 3
    assert all(reader.can_receive for reader in readers)

    preview = admin_client.get(f"/admin/newsletter/issue/{issue.pk}/preview/")
    assert preview.status_code == 200
    assert issue.articles.first().headline.encode() in preview.content


def test_demo_newsletter_loads_once(demo):
    before = _state()
    call_command("load_demo", verbosity=0)
    assert _state() == before
