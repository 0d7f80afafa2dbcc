"""Administration of schools, people and memberships in the portal itself."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, View
from django.views.generic.detail import SingleObjectMixin

from vuxportal.access import PortalAccessMixin, ScopedViewMixin
from vuxportal.imports import ImportView
from vuxportal.query import count_related
from vuxportal.views.generic import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectUpdateView,
    PageMixin,
)

from . import services
from .filters import PersonFilterSet, SchoolFilterSet
from .forms import MembershipForm, PersonForm, PersonInviteForm, SchoolForm
from .models import Membership, School, User
from .resources import StaffResource
from .tables import PersonTable, SchoolTable

# --- Schools --------------------------------------------------------------------------------


class SchoolListView(ObjectListView):
    permission_required = "organisation.manage_schools"
    queryset = School.objects.annotate(
        staff_count=count_related(Membership.objects.current(), "school")
    )
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
        context["memberships"] = (
            Membership.objects.current()
            .filter(school=self.object)
            .select_related("user")
            .order_by("role", "user__last_name")
        )
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


def _with_current_memberships(queryset):
    return queryset.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.current().select_related("school"),
            to_attr="current_memberships",
        )
    )


class PersonListView(ObjectListView):
    permission_required = "organisation.view_people"
    queryset = _with_current_memberships(User.objects.all())
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
        context["membership_form"] = MembershipForm()
        return context


class PersonInviteView(PageMixin, PortalAccessMixin, FormView):
    permission_required = "organisation.manage_people"
    form_class = PersonInviteForm
    template_name = "generic/object_form.html"
    title = _("Invite a person")

    def form_valid(self, form):
        try:
            user = services.person_invite(**form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
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


class PersonScopedActionView(ScopedViewMixin, SingleObjectMixin, View):
    """A POST-only action on one person the user may edit."""

    permission_required = "organisation.manage_people"
    scope = "edit"
    model = User


class PersonDeactivateView(PersonScopedActionView):
    def post(self, request, pk):
        person = self.get_object()
        services.person_deactivate(user=person)
        messages.success(request, gettext("%(name)s can no longer sign in.") % {"name": person})
        return HttpResponseRedirect(person.get_absolute_url())


class MembershipAddView(PersonScopedActionView):
    def post(self, request, pk):
        person = self.get_object()
        form = MembershipForm(request.POST)
        if form.is_valid():
            try:
                services.membership_add(user=person, **form.cleaned_data)
                messages.success(request, gettext("The role was added."))
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
        else:
            for field_errors in form.errors.values():
                messages.error(request, " ".join(field_errors))
        return HttpResponseRedirect(person.get_absolute_url())


class MembershipEndView(PersonScopedActionView):
    def post(self, request, pk, membership_pk):
        person = self.get_object()
        membership = get_object_or_404(person.memberships, pk=membership_pk)
        try:
            services.membership_end(membership=membership)
            messages.success(request, gettext("The role was ended."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(person.get_absolute_url())


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
