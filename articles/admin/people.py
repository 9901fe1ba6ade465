"""People: the user admin's "Add a person" (account, role, staff status and
byline in one step) and the user's page linking their author profile (issue 11).

The user admin is the site's (newsroom/admin.py); it is extended here because
a byline is an articles ``Author``, which newsroom/ may not know about."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from newsroom import roles
from newsroom.admin import RecordedRolesUserAdmin
from newsroom.services import role_groups

from .. import services
from ..models import Author

User = get_user_model()

NEW, EXISTING, NONE = "new", "existing", "none"


class AddPersonForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("What they sign in with: letters, digits and @ . + - _ only."),
    )
    email = forms.EmailField(label=_("E-mail address"))
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    role = forms.ChoiceField(label=_("Role"), widget=forms.RadioSelect)
    byline = forms.ChoiceField(label=_("Byline"), widget=forms.RadioSelect)
    display_name = forms.CharField(
        label=_("Byline name"),
        max_length=120,
        required=False,
        help_text=_("As printed under headlines. Left empty: their first and last name."),
    )
    slug = forms.SlugField(
        label=_("Slug"),
        max_length=120,
        required=False,
        help_text=_("Their author page's address after /author/. Left empty: made from the name."),
    )
    bio = forms.CharField(
        label=_("Biography"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    author = forms.ModelChoiceField(
        label=_("Existing author profile"),
        queryset=Author.objects.filter(user__isnull=True),
        required=False,
        help_text=_("A byline already on the site that has no account yet."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [
            (role.name, format_html("<strong>{}</strong>: {}", role.name, roles.GIVES[role.name]))
            for role in role_groups()
        ]
        # A byline is created or linked only by those who may do so in the author admin.
        byline = []
        if user.has_perm("articles.add_author"):
            byline.append((NEW, _("Create their author profile")))
        if user.has_perm("articles.change_author"):
            byline.append((EXISTING, _("Link an existing author profile")))
        byline.append((NONE, _("No byline (they do not sign articles)")))
        self.fields["byline"].choices = byline
        self.fields["byline"].initial = byline[0][0]
        self.fields["role"].initial = roles.REPORTER

    def clean(self):
        data = super().clean()
        one, two = data.get("password1"), data.get("password2")
        if one and two and one != two:
            self.add_error("password2", _("The two passwords differ."))
        elif one:
            candidate = User(
                username=data.get("username", ""),
                email=data.get("email", ""),
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                password_validation.validate_password(one, candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        byline = data.get("byline")
        if byline == EXISTING and not data.get("author"):
            self.add_error("author", _("Choose the author profile to link."))
        if byline == NEW and not data.get("display_name"):
            name = " ".join(filter(None, [data.get("first_name"), data.get("last_name")]))
            data["display_name"] = name
        return data

    def person(self) -> dict:
        """What ``services.add_person`` takes, from the cleaned form."""
        data = self.cleaned_data
        author = None
        if data["byline"] == NEW:
            author = Author(display_name=data["display_name"], slug=data["slug"], bio=data["bio"])
        elif data["byline"] == EXISTING:
            author = data["author"]
        return {
            "username": data["username"],
            "email": data["email"],
            "password": data["password1"],
            "role": data["role"],
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "author": author,
        }


admin.site.unregister(User)


@admin.register(User)
class PersonAdmin(RecordedRolesUserAdmin):
    """The site's user admin, whose "add" is "Add a person" and whose page
    links the person's author profile."""

    role_fields = [*RecordedRolesUserAdmin.role_fields, "byline"]
    change_list_template = "admin/auth/user/people_change_list.html"
    sections = [
        (_("Who"), "", ["first_name", "last_name", "username", "email", "password1", "password2"]),
        (
            _("Role"),
            _("Staff status (signing in to the admin) comes with the role."),
            ["role"],
        ),
        (
            _("Byline"),
            _("The author profile that signs their articles and has its own page."),
            ["byline", "display_name", "slug", "bio", "author"],
        ),
    ]

    def add_view(self, request, form_url="", extra_context=None):
        """Django's "Add user" (admin:auth_user_add), answered by the one-step form."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = AddPersonForm(request.POST or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            try:
                person = services.add_person(by=request.user, **form.person())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.log_addition(request, person, [{"added": {}}])
                messages.success(
                    request,
                    _("%(name)s was added: they can sign in now.")
                    % {"name": person.get_full_name() or person.get_username()},
                )
                return redirect("admin:auth_user_change", person.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Add a person"),
            "form": form,
            "sections": [
                (title, help_text, [form[name] for name in names if name in form.fields])
                for title, help_text, names in self.sections
            ],
        }
        return TemplateResponse(request, "admin/auth/user/add_person.html", context)

    @admin.display(description=_("author profile"))
    def byline(self, obj):
        author = Author.objects.filter(user=obj).first()
        if author is None:
            return format_html(
                '{} <a href="{}?user={}">{}</a>',
                _("None: they have no byline."),
                reverse("admin:articles_author_add"),
                obj.pk,
                _("Create one"),
            )
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:articles_author_change", args=[author.pk]),
            author.display_name,
            author.get_absolute_url(),
            _("their public page"),
        )
