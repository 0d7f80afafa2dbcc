"""Schools, people and their memberships (roles at a school, or organisation-wide)."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from vuxportal.access import PortalAccessMixin
from vuxportal.imports import ImportView
from vuxportal.views.generic import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectPostActionView,
    ObjectUpdateView,
    PageMixin,
    ServiceFormMixin,
)

from .. import selectors, services
from ..filters import PersonFilterSet, SchoolFilterSet
from ..forms import MembershipForm, PersonForm, PersonInviteForm, SchoolForm
from ..models import School, User
from ..resources import StaffResource
from ..tables import PersonTable, SchoolTable

# --- Schools --------------------------------------------------------------------------------


class SchoolListView(ObjectListView):
    permission_required = "organisation.manage_schools"
    queryset = selectors.schools_with_staff_count()
    filterset_class = SchoolFilterSet
    table_class = SchoolTable
    title = _("Schools")
    header_actions = [
        (_("New school"), "organisation:school_create", "organisation.manage_schools", "primary")
    ]


class SchoolDetailView(ObjectDetailView):
    permission_required = "organisation.manage_schools"
    model = School
    template_name = "organisation/school_detail.html"
    detail_fields = ["code", "name", "address", "student_places", "is_active"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["memberships"] = selectors.school_memberships(self.object)
        context["edit_url"] = reverse("organisation:school_update", args=[self.object.pk])
        return context


class SchoolCreateView(ObjectCreateView):
    permission_required = "organisation.manage_schools"
    model = School
    form_class = SchoolForm
    title = _("New school")
    cancel_url_name = "organisation:school_list"


class SchoolUpdateView(ObjectUpdateView):
    permission_required = "organisation.manage_schools"
    model = School
    form_class = SchoolForm


# --- People ---------------------------------------------------------------------------------


class PersonListView(ObjectListView):
    permission_required = "organisation.view_people"
    queryset = selectors.with_current_memberships(User.objects.all())
    filterset_class = PersonFilterSet
    table_class = PersonTable
    title = _("People")
    header_actions = [
        (
            _("Invite a person"),
            "organisation:person_invite",
            "organisation.manage_people",
            "primary",
        ),
        (
            _("Import staff"),
            "organisation:staff_import",
            "organisation.import_staff",
            "outline-primary",
        ),
    ]


class PersonDetailView(ObjectDetailView):
    permission_required = "organisation.view_people"
    model = User
    template_name = "organisation/person_detail.html"
    detail_fields = ["email", "title", "is_active", "last_login"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["memberships"] = self.object.memberships.select_related("school").order_by(
            "-ends_on", "role"
        )
        context["can_manage"] = self.request.user.has_perm("organisation.manage_people")
        context["membership_form"] = MembershipForm(user=self.request.user)
        return context


class PersonInviteView(ServiceFormMixin, PageMixin, PortalAccessMixin, FormView):
    permission_required = "organisation.manage_people"
    form_class = PersonInviteForm
    template_name = "generic/object_form.html"
    title = _("Invite a person")

    def perform(self, form):
        user = services.person_invite(**form.cleaned_data)
        messages.success(self.request, gettext("%(name)s was added.") % {"name": user})
        return HttpResponseRedirect(user.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = reverse("organisation:person_list")
        return context


class PersonUpdateView(ObjectUpdateView):
    permission_required = "organisation.manage_people"
    model = User
    form_class = PersonForm


class PersonActionView(ObjectPostActionView):
    """A button on one person the user may edit. When the person has left but still
    answers for something, the view goes on to the hand-over instead of back."""

    permission_required = "organisation.manage_people"
    model = User
    hand_over = False

    def get_redirect_url(self, person):
        if self.hand_over:
            return reverse("organisation:hand_over", args=[person.pk])
        return person.get_absolute_url()


class PersonDeactivateView(PersonActionView):
    def perform(self, person):
        services.person_deactivate(user=person)
        self.hand_over = selectors.answers_for_something(person)
        return gettext("%(name)s can no longer sign in.") % {"name": person}


class MembershipAddView(PersonActionView):
    def perform(self, person):
        form = MembershipForm(self.request.POST, user=self.request.user)
        if not form.is_valid():
            # The form lives on the person's page, so its errors come back as messages.
            for field_errors in form.errors.values():
                messages.error(self.request, " ".join(field_errors))
            return None
        services.membership_add(user=person, **form.cleaned_data)
        return gettext("The role was added.")


class MembershipEndView(PersonActionView):
    def perform(self, person):
        membership = get_object_or_404(person.memberships, pk=self.kwargs["membership_pk"])
        services.membership_end(membership=membership)
        # Their last role ended: what they answered for needs a new owner.
        self.hand_over = selectors.has_left(person) and selectors.answers_for_something(person)
        return gettext("The role was ended.")


class StaffImportView(ImportView):
    permission_required = "organisation.import_staff"
    resource_class = StaffResource
    title = _("Import staff")
    success_url_name = "organisation:person_list"
    columns_help = _(
        "One row per person and role. Columns: email, first_name, last_name, title, role "
        "(teacher, staff, school_leader, it_staff, administrator, or the Swedish names), "
        "school (the school's code; empty for an organisation-wide role). Swedish headers "
        "(e-post, förnamn, efternamn, titel, roll, skola) work too."
    )

    def after_import(self, result):
        for user in self.resource.created_users:
            services.invitation_send(user=user)
