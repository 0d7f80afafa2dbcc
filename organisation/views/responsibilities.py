"""Who is responsible for what, and handing it all over when someone leaves."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from vuxportal.access import PortalAccessMixin
from vuxportal.views.generic import ObjectActionFormView, PageMixin

from .. import selectors, services
from ..forms import HandOverForm, ResponsibilityFilterForm
from ..models import User
from ..responsibilities import responsibilities


class ResponsibilityView(PageMixin, PortalAccessMixin, TemplateView):
    """Every registered kind of responsibility with its responsible person or group,
    filterable by person and by school."""

    permission_required = "organisation.view_responsibilities"
    template_name = "organisation/responsibilities.html"
    title = _("Who is responsible for what")
    # The overview shows the first rows of every kind; "show all" pages through one kind.
    rows_per_kind = 10
    rows_per_page = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ResponsibilityFilterForm(self.request.GET or None, user=self.request.user)
        person = school = None
        if form.is_valid():
            person, school = form.cleaned_data["person"], form.cleaned_data["school"]
        context["filter_form"] = form
        context["person"] = person
        filters = {"person": person, "school": school, "user": self.request.user}
        key = self.request.GET.get("kind")
        # Each kind shows only the rows the user may see elsewhere (e.g. systems only to
        # IT staff, leaders and administrators).
        if key in responsibilities:
            context["kind"] = responsibilities.get(key)
            context["sections"] = [
                selectors.responsibility_section_page(
                    context["kind"],
                    page=self.request.GET.get("page"),
                    per_page=self.rows_per_page,
                    **filters,
                )
            ]
        else:
            # Worked out only when drawn: the page is kept under the data's version.
            context["sections"] = SimpleLazyObject(
                lambda: selectors.responsibility_sections(limit=self.rows_per_kind, **filters)
            )
        if self.request.user.has_perm("organisation.hand_over"):
            context["leavers"] = SimpleLazyObject(selectors.leavers_with_responsibilities)
        return context


class HandOverView(ObjectActionFormView):
    """The administrator sees what a (leaving) person is responsible for and hands it all
    over to one other person in one step."""

    permission_required = "organisation.hand_over"
    # Handing over changes what the person owns, not the person: seeing them is enough.
    scope = "view"
    model = User
    # Not "user": that name is the signed-in user in every template.
    context_object_name = "person"
    form_class = HandOverForm
    template_name = "organisation/hand_over.html"

    def get_title(self):
        return _("Hand over responsibilities of %(name)s") % {"name": self.object}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "from_person": self.object}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sections"] = selectors.responsibility_sections(person=self.object)
        return context

    def perform(self, form):
        to_person = form.cleaned_data["to_person"]
        moved = services.responsibilities_hand_over(from_person=self.object, to_person=to_person)
        messages.success(
            self.request,
            gettext("%(count)d responsibilities were handed over to %(name)s.")
            % {"count": sum(moved.values()), "name": to_person},
        )
        return HttpResponseRedirect(
            reverse("organisation:responsibilities") + f"?person={to_person.pk}"
        )
