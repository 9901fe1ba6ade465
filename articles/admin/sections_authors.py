"""Sections and authors: the lists articles are filed under and signed by."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from newsroom.admin_pages import AdminPagesMixin

from .. import services
from ..models import Author, Section
from ..permissions import can_keep_own_byline


def other_languages() -> list[tuple[str, str]]:
    """The enabled languages besides the main one (in which ``name`` and
    ``description`` are written)."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


TRANSLATED = ["name", "description"]


class SectionForm(forms.ModelForm):
    """The section with its name and description in each other language: form
    fields ``name_<code>`` and ``description_<code>``, stored in
    ``Section.translations`` (issue 12). Left blank, pages use the main
    language's."""

    class Meta:
        model = Section
        fields = ["name", "slug", "description", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = self.instance.translations or {}
        for code, language in other_languages():
            self.fields[f"name_{code}"] = forms.CharField(
                label=_("Name (%(language)s)") % {"language": language},
                max_length=Section._meta.get_field("name").max_length,
                required=False,
                initial=stored.get(code, {}).get("name", ""),
                # Spell-checkers and screen readers read it in its own language.
                widget=forms.TextInput(attrs={"lang": code}),
            )
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("Description (%(language)s)") % {"language": language},
                widget=forms.Textarea(attrs={"rows": 3, "lang": code}),
                required=False,
                initial=stored.get(code, {}).get("description", ""),
            )

    def save(self, commit=True):
        translations = dict(self.instance.translations or {})
        for code, _language in other_languages():
            values = {
                field: self.cleaned_data.get(f"{field}_{code}", "").strip() for field in TRANSLATED
            }
            values = {field: value for field, value in values.items() if value}
            if values:
                translations[code] = values
            else:
                translations.pop(code, None)
        self.instance.translations = translations
        return super().save(commit)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    form = SectionForm
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The model's fields: the form adds those of each language itself.
        kwargs["fields"] = SectionForm.Meta.fields
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        return [
            (None, {"fields": ["name", "slug", "description", "order"]}),
            *(
                (language, {"fields": [f"{field}_{code}" for field in TRANSLATED]})
                for code, language in other_languages()
            ),
        ]


class MyBylineForm(forms.ModelForm):
    class Meta:
        model = Author
        fields = ["display_name", "slug", "bio", "photo"]
        help_texts = {
            "display_name": _("As printed under your headlines."),
            "slug": _("Your page's address after /author/. Left empty: made from the name."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False

    def clean_slug(self):
        # An empty slug is made from the name when saved (services.save_own_byline).
        return self.cleaned_data["slug"] or services.unique_author_slug(
            self.cleaned_data.get("display_name", "")
        )


@admin.register(Author)
class AuthorAdmin(AdminPagesMixin, admin.ModelAdmin):
    """Editors change any profile here; everyone on the desk keeps their own on
    "My byline" (issue 11), which never opens anyone else's."""

    admin_pages = [("mine/", "my_byline_view", "mine")]
    list_display = ["display_name", "slug", "user"]
    prepopulated_fields = {"slug": ["display_name"]}
    search_fields = ["display_name", "user__username", "user__email"]
    autocomplete_fields = ["user"]
    list_select_related = ["user"]

    def my_byline_view(self, request):
        if not can_keep_own_byline(request.user):
            raise PermissionDenied
        author = Author.objects.filter(user=request.user).first() or Author()
        form = MyBylineForm(request.POST or None, request.FILES or None, instance=author)
        if request.method == "POST" and form.is_valid():
            try:
                services.save_own_byline(author=form.save(commit=False), by=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your byline is saved."))
                return redirect("admin:articles_author_mine")
        sections = [(_("Your byline"), "", list(form))]
        return self.render_page(
            request,
            "admin/articles/author/my_byline.html",
            title=_("My byline"),
            form=form,
            author=author,
            sections=sections,
        )
