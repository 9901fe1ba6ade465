"""The Newsletter manager picks published articles for issues, and sees no
unpublished work: not its form, its history, its revisions nor its preview."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from articles.models import Article
from newsroom import roles
from tests.articles.helpers import ADMIN, login, make_staff
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SECRET = "The minister's resignation letter, not yet confirmed"


@pytest.fixture
def manager(django_user_model):
    user = django_user_model.objects.create_user(
        "nm", "nm@example.org", "pw", is_staff=True, first_name="Nuray"
    )
    user.groups.add(Group.objects.get(name=roles.NEWSLETTER_MANAGER))
    return login(user)


def _unpublished():
    return {
        "draft": ArticleFactory(draft=True, headline=f"{SECRET} (draft)", body=f"<p>{SECRET}</p>"),
        "review": ArticleFactory(
            status=Article.Status.REVIEW,
            published_at=None,
            headline=f"{SECRET} (review)",
            body=f"<p>{SECRET}</p>",
        ),
        "scheduled": ArticleFactory(
            scheduled=True, headline=f"{SECRET} (scheduled)", body=f"<p>{SECRET}</p>"
        ),
        "withdrawn": ArticleFactory(
            expires_at=timezone.now() - timedelta(minutes=5),
            headline=f"{SECRET} (expired)",
            body=f"<p>{SECRET}</p>",
        ),
    }


@pytest.mark.parametrize("state", ["draft", "review", "scheduled", "withdrawn"])
@pytest.mark.parametrize("page", ["change/", "history/", "revisions/", "preview/"])
def test_unpublished_article_pages_are_forbidden_to_the_newsletter_manager(manager, state, page):
    article = _unpublished()[state]
    response = manager.get(f"{ADMIN}{article.pk}/{page}")
    assert response.status_code == 403
    assert SECRET not in response.content.decode()


@pytest.mark.parametrize("page", ["change/", "revisions/", "preview/"])
def test_published_article_pages_stay_open_to_the_newsletter_manager(manager, page):
    article = ArticleFactory(headline="Ganja opens its new river bridge")
    response = manager.get(f"{ADMIN}{article.pk}/{page}")
    assert response.status_code == 200
    assert "Ganja opens its new river bridge" in response.content.decode()


def test_the_desk_still_reads_a_reporters_draft(django_user_model):
    editor = login(make_staff(django_user_model, "ed", roles.EDITOR, "Elvin", "Aliyev"))
    draft = _unpublished()["draft"]
    for page in ["change/", "revisions/", "preview/"]:
        assert editor.get(f"{ADMIN}{draft.pk}/{page}").status_code == 200


def test_the_article_list_shows_the_newsletter_manager_published_articles_only(manager):
    _unpublished()
    ArticleFactory(headline="Ganja opens its new river bridge")
    page = manager.get(ADMIN).content.decode()
    assert "Ganja opens its new river bridge" in page
    assert SECRET not in page


def test_the_issue_forms_article_search_finds_published_articles_only(manager):
    _unpublished()
    published = ArticleFactory(headline=f"{SECRET}: now confirmed")
    response = manager.get(
        "/admin/autocomplete/",
        {
            "app_label": "newsletter",
            "model_name": "issue",
            "field_name": "articles",
            "term": "minister",
        },
    )
    assert response.status_code == 200
    found = [result["id"] for result in response.json()["results"]]
    assert found == [str(published.pk)]
