"""Pages a ModelAdmin adds beside its list and change form (a calendar, a
revision history, an import form): routed, guarded by the admin's login and
rendered with the admin's own context in one way for every app."""

from django.template.response import TemplateResponse
from django.urls import path


class AdminPagesMixin:
    """Declare the pages as ``admin_pages = [(route, view method name, URL name
    suffix), ...]``; each is reachable as ``admin:<app>_<model>_<suffix>``."""

    admin_pages: list[tuple[str, str, str]] = []

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        pages = [
            path(route, self.admin_site.admin_view(getattr(self, view)), name=f"{prefix}_{suffix}")
            for route, view, suffix in self.admin_pages
        ]
        # Before the model's own patterns, whose "<path:object_id>/" would match them.
        return pages + super().get_urls()

    def render_page(self, request, template: str, *, title: str, **context):
        """``template`` with what every admin page needs (site header, breadcrumbs)."""
        return TemplateResponse(
            request,
            template,
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": title,
                **context,
            },
        )
