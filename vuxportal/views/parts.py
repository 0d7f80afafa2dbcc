"""A part's start page (``/kompetens/``, ``/organisation/``, ``/it/``): the part's key
figures and its pages. One view for every part: the apps give the figures as start-page
panels of their part and the links as menu entries, both through the registry."""

from django.views.generic import TemplateView

from vuxportal.access import PortalAccessMixin
from vuxportal.navigation import menu_for
from vuxportal.startpage import panels_for


class PartStartView(PortalAccessMixin, TemplateView):
    template_name = "parts/start.html"
    part: str = ""

    def has_permission(self) -> bool:
        # A part is open to whoever may use one of its pages: the same rule that shows the
        # part in the header, so the menu and the page never disagree. The rest get 403,
        # like every page of the part they would reach from here.
        return menu_for(self.request).part(self.part) is not None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["part"] = menu_for(self.request).part(self.part)
        context["panels"] = panels_for(self.request, part=self.part)
        return context
