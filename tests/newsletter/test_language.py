"""Newsletter lists are written in one language each (issue 12): a page in a
language offers its lists, and everything a list's reader gets (the
confirmation, the pages its links open, every issue) is in the list's
language, whatever language the worker or the editor is in."""

import email
import email.policy
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format

from newsletter import issues, signup, tasks
from newsletter.models import Issue, NewsletterList, Subscriber
from tests.conftest import committed
from tests.factories import ArticleFactory

from .conftest import SAME_ORIGIN
from .factories import IssueFactory, NewsletterListFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"


@pytest.fixture
def russian(db):
    return NewsletterListFactory(name="Утренний выпуск", slug="utro", language="ru")


@pytest.fixture
def vecherniy(db):
    return NewsletterListFactory(name="Вечерний выпуск", slug="vecher", language="ru")


def raw(message) -> email.message.EmailMessage:
    """The message as the mail server receives it."""
    return email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)


def offered(page: str) -> set[str]:
    return set(re.findall(r'name="lists" value="(\d+)"', page))


def test_a_list_is_in_the_main_language_unless_told(db):
    assert NewsletterList.objects.create(name="Sport", slug="sport").language == "en"


def test_the_footer_on_a_russian_page_offers_only_the_russian_lists(
    client, daily, breaking, russian, vecherniy
):
    russian_page = client.get("/ru/").content.decode()
    assert offered(russian_page) == {str(russian.pk), str(vecherniy.pk)}
    assert "Утренний выпуск" in russian_page and "Daily briefing" not in russian_page
    assert 'action="/ru/newsletter/subscribe/"' in russian_page
    english_page = client.get("/").content.decode()
    assert offered(english_page) == {str(daily.pk), str(breaking.pk)}
    assert "Утренний выпуск" not in english_page


def test_a_language_without_lists_offers_no_sign_up_that_cannot_work(client, daily):
    page = client.get("/az/").content.decode()
    assert "/az/newsletter/subscribe/" not in page
    with translation.override("az"):
        # In the page's language (the catalogues came after this test).
        note = translation.gettext(
            "We are not sending any newsletters in this language at the moment."
        )
    assert note in page and not note.startswith("We are")
    assert 'action="/newsletter/subscribe/"' in client.get("/").content.decode()


def test_the_newsletter_page_describes_the_lists_of_its_language(client, daily, russian):
    page = client.get("/ru/newsletter/").content.decode()
    assert "Утренний выпуск" in page and "Daily briefing" not in page
    assert "Утренний выпуск" not in client.get("/newsletter/").content.decode()


def test_a_language_with_one_list_signs_up_to_it_without_a_choice(client, daily, russian):
    page = client.get("/ru/").content.decode()
    assert offered(page) == set()  # one list: no boxes to tick
    client.post(
        "/ru/newsletter/subscribe/",
        {"email": "anya@example.org", "source": "footer"},
        headers=SAME_ORIGIN,
    )
    assert list(Subscriber.objects.get().lists.all()) == [russian]


def test_a_list_of_another_language_is_not_a_choice(client, daily, breaking, russian, vecherniy):
    response = client.post(
        "/ru/newsletter/subscribe/",
        {"email": "anya@example.org", "lists": [daily.pk], "choice": "1", "source": "footer"},
        headers=SAME_ORIGIN,
    )
    assert response.status_code == 400
    assert "lists" in response.context["signup"].errors
    page = response.content.decode()
    assert 'class="field-error"' in page
    assert 'value="anya@example.org"' in page
    assert not Subscriber.objects.exists()


def test_the_confirmation_for_a_russian_list_is_in_russian(client, daily, russian, mailoutbox):
    with translation.override("en"):  # the worker's language does not matter
        client.post(
            "/ru/newsletter/subscribe/",
            {"email": "anya@example.org", "source": "footer"},
            headers=SAME_ORIGIN,
        )
    [message] = mailoutbox
    parsed = raw(message)
    assert parsed["Content-Language"] == "ru"
    # The Russian catalogue's words (locale/ru), not the worker's English.
    assert parsed["Subject"] == "Подтвердите подписку на Новости Азербайджана"
    text = parsed.get_body(preferencelist=("plain",)).get_content()
    html = parsed.get_body(preferencelist=("html",)).get_content()
    assert re.search(rf"{SITE}/ru/newsletter/confirm/[^\s/]+/", text)
    assert f"{SITE}/newsletter/" not in text
    assert f"{SITE}/ru/" in text  # the site's address: its Russian home page
    assert '<html lang="ru">' in html
    assert "Утренний выпуск" in html

    # The link opens the Russian welcome page.
    path = re.search(rf"{SITE}(/ru/newsletter/confirm/[^\s/]+/)", text).group(1)
    welcome = client.get(path)
    assert welcome.status_code == 200
    assert welcome["Content-Language"] == "ru"
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED


def test_the_confirmation_for_an_english_list_stays_in_english(client, daily, russian, mailoutbox):
    with translation.override("ru"):
        client.post(
            "/newsletter/subscribe/",
            {"email": "anya@example.org", "source": "footer"},
            headers=SAME_ORIGIN,
        )
    parsed = raw(mailoutbox[0])
    assert parsed["Content-Language"] == "en"
    assert parsed["Subject"] == "Confirm your subscription to Azerbaijan news"
    assert re.search(rf"{SITE}/newsletter/confirm/", parsed.get_body(("plain",)).get_content())


def test_a_resent_confirmation_is_in_the_language_of_the_lists(russian, mailoutbox):
    subscriber = SubscriberFactory(status=Subscriber.Status.PENDING, lists=[russian])
    with committed(), translation.override("en"):
        tasks.resend_confirmation(key=subscriber.key)
    parsed = raw(mailoutbox[0])
    assert parsed["Content-Language"] == "ru"
    assert f"{SITE}/ru/newsletter/confirm/" in parsed.get_body(("plain",)).get_content()


def test_a_reader_of_lists_in_several_languages_hears_in_the_main_one(daily, russian):
    assert signup.language_of([daily, russian]) == "en"
    assert signup.language_of([russian]) == "ru"


def test_an_issue_of_a_russian_list_is_written_in_russian(russian, section, mailoutbox):
    ArticleFactory(headline="Паром возобновит рейсы", section=section, language="ru")
    ArticleFactory(headline="Ferry service to resume", section=section)
    reader = SubscriberFactory(lists=[russian])
    issue = IssueFactory(newsletter_list=russian, subject="Утро: главное")
    with committed(), translation.override("en"):
        tasks.start_sending(issue=issue)
    [message] = mailoutbox
    parsed = raw(message)
    assert parsed["Content-Language"] == "ru"
    assert parsed["Subject"] == "Утро: главное"
    unsubscribe = parsed["List-Unsubscribe"].strip("<>")
    assert unsubscribe.startswith(f"{SITE}/ru/newsletter/unsubscribe/")
    text = parsed.get_body(("plain",)).get_content()
    html = parsed.get_body(("html",)).get_content()
    assert '<html lang="ru">' in html
    assert f"{SITE}/ru/newsletter/preferences/" in text
    assert f"Отписаться: {unsubscribe}" in text  # the footer, in Russian
    # The articles chosen for it by itself are the list's language's.
    assert "Паром возобновит рейсы" in text and "Ferry service to resume" not in text
    assert "Утренний выпуск" in parsed["List-Id"]
    assert reader.email in parsed["To"]

    # The unsubscribe page it leads to is the Russian one.
    response = Client().get(unsubscribe.removeprefix(SITE))
    assert response.status_code == 200
    assert response["Content-Language"] == "ru"


def test_a_daily_digest_of_a_russian_list_is_dated_in_russian(russian, section):
    ArticleFactory(section=section, language="ru")
    day = timezone.localdate()
    issue = issues.build_digest(newsletter=russian, day=day)
    with translation.override("ru"):
        # The month as in a Russian date: "2 декабря", the genitive (the
        # nominative "2 Декабрь" was wrong; newsroom/formats).
        month = date_format(day, "E")
    assert re.search(r"[а-я]", month) and month == month.lower()
    assert issue.subject == f"Утренний выпуск: {day.day} {month} {day.year}"


def test_a_story_of_another_language_chosen_before_the_list_changed_stays_out(russian, section):
    """The form refuses a story of another language; one chosen while the list
    had another language is left out of the e-mail rather than sent in it."""
    english = ArticleFactory(headline="Ferry service to resume", section=section)
    russian_story = ArticleFactory(headline="Паром", section=section, language="ru")
    issue = IssueFactory(newsletter_list=russian)
    issues.set_articles(issue=issue, articles=[english, russian_story])
    assert issues.issue_articles(issue) == [russian_story]


def issue_form(newsletter, articles, **extra):
    """The admin's issue form with ``articles`` chosen in its article rows."""
    data = {
        "newsletter_list": newsletter.pk,
        "subject": "Утро",
        "preheader": "",
        "intro": "Доброе утро.",
        "auto_articles": 10,
        "scheduled_at_0": "",
        "scheduled_at_1": "",
        "deliveries-TOTAL_FORMS": 0,
        "deliveries-INITIAL_FORMS": 0,
        "deliveries-MIN_NUM_FORMS": 0,
        "deliveries-MAX_NUM_FORMS": 0,
        "article_links-TOTAL_FORMS": len(articles),
        "article_links-INITIAL_FORMS": 0,
        "article_links-MIN_NUM_FORMS": 0,
        "article_links-MAX_NUM_FORMS": 1000,
    }
    for i, article in enumerate(articles):
        data[f"article_links-{i}-article"] = article.pk
        data[f"article_links-{i}-position"] = ""
    return {**data, **extra}


def row_errors(response) -> list[dict]:
    [formset] = [
        f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "article_links"
    ]
    return formset.formset.errors


def test_an_issue_of_a_russian_list_takes_only_russian_articles(admin_client, russian, section):
    english = ArticleFactory(headline="Ferry service to resume", section=section)
    russian_story = ArticleFactory(headline="Паром", section=section, language="ru")
    response = admin_client.post(
        "/admin/newsletter/issue/add/", issue_form(russian, [russian_story, english])
    )
    assert response.status_code == 200
    assert not Issue.objects.exists()
    first, second = row_errors(response)
    assert first == {}
    assert list(second) == ["article"]
    assert "“Утренний выпуск” is in Russian; this article is in English" in second["article"][0]
    assert "Доброе утро." in response.content.decode()  # what was typed is kept

    response = admin_client.post(
        "/admin/newsletter/issue/add/", issue_form(russian, [russian_story])
    )
    assert response.status_code == 302
    assert [link.article for link in Issue.objects.get().article_links.all()] == [russian_story]


def test_moving_an_issue_to_a_list_of_another_language_names_its_articles(
    admin_client, daily, russian, section
):
    story = ArticleFactory(headline="Ferry service to resume", section=section)
    issue = IssueFactory(newsletter_list=daily, subject="Morning")
    issues.set_articles(issue=issue, articles=[story])
    link = issue.article_links.get()
    data = issue_form(
        russian,
        [story],
        **{
            "article_links-INITIAL_FORMS": 1,
            "article_links-0-id": link.pk,
            "article_links-0-issue": issue.pk,
            "article_links-0-position": 1,
        },
    )
    response = admin_client.post(f"/admin/newsletter/issue/{issue.pk}/change/", data)
    assert response.status_code == 200
    assert "article" in row_errors(response)[0]
    issue.refresh_from_db()
    assert issue.newsletter_list == daily


def test_the_list_admin_shows_and_filters_by_language(admin_client, daily, russian):
    page = admin_client.get("/admin/newsletter/newsletterlist/?language__exact=ru")
    assert page.status_code == 200
    assert list(page.context["cl"].result_list) == [russian]
    assert "column-language" in page.content.decode()


def test_the_demo_has_a_morning_list_in_each_language_once(demo):
    languages = set(NewsletterList.objects.values_list("language", flat=True))
    assert languages == {"en", "az", "ru"}
    before = NewsletterList.objects.count()
    call_command("load_demo", verbosity=0)
    assert NewsletterList.objects.count() == before
