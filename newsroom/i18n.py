"""Languages: which one a request is in, and the same page in the others.

Public pages are in the language their address names: ``/ru/...`` is Russian,
an address without a prefix is in ``LANGUAGE_CODE``. Nothing else is consulted,
so that a page is the same bytes for every reader, whatever their browser asks
for, and a shared cache can serve it. The admin is not a public page: it speaks
the editor's language, as chosen in its header (the ``django_language`` cookie)
or asked for by their browser.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers


def is_admin(request) -> bool:
    return request.path_info.startswith(settings.ADMIN_URL_PREFIX)


class LanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        if not is_admin(request):
            return super().process_request(request)
        translation.activate(translation.get_language_from_request(request, check_path=False))
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        if is_admin(request):
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        # Django's LocaleMiddleware adds "Vary: Accept-Language" to addresses
        # without a prefix; ours never read it, and the header would make
        # shared caches keep a copy per browser language.
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


def enabled_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def home_url(language: str) -> str:
    with translation.override(language):
        return reverse("articles:home")


def same_page(request, language: str) -> str:
    """This page's address in another language (a section page in Russian, say)."""
    return translate_url(request.path, language)


def page_versions(context) -> dict[str, str]:
    """The addresses of this page's versions, by language.

    A view that knows them says so in ``page_versions`` (an article's
    published translations; a tag page only itself, as a tag's stories are in
    one language); any other page exists in every language at its translated
    address (home, sections, search)."""
    if "page_versions" in context:
        return context["page_versions"]
    request = context.get("request")
    if request is None or request.resolver_match is None or "exception" in context:
        return {}  # an error page: its address names no page
    return {code: same_page(request, code) for code in enabled_languages()}


def x_default(versions: dict[str, str]) -> str | None:
    """The version for readers whose language none is in: the outlet's main
    language if the page has one, else the first in the settings' order. The
    same for every version of a page, so that the group is consistent."""
    if settings.LANGUAGE_CODE in versions:
        return versions[settings.LANGUAGE_CODE]
    return next((versions[code] for code in enabled_languages() if code in versions), None)
