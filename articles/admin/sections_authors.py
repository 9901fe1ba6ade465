"""Sections and authors: the lists articles are filed under and signed by."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from newsroom.admin_pages import AdminPagesMixin

from .. import services
from ..models import Author, Section
from ..permissions import can_keep_own_byline


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


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
