"""Working groups, their meetings and the decisions taken at them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from vuxportal.access import PortalAccessMixin
from vuxportal.scoping import is_editable_by
from vuxportal.views.generic import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectUpdateView,
    PageMixin,
    ServiceFormMixin,
)

from .. import hooks, selectors, services
from ..filters import WorkingGroupFilterSet
from ..forms import DecisionFormSet, MeetingForm, WorkingGroupForm
from ..models import Meeting, WorkingGroup
from ..tables import WorkingGroupTable


class WorkingGroupListView(ObjectListView):
    permission_required = "organisation.view_working_groups"
    queryset = selectors.working_groups_with_counts()
    filterset_class = WorkingGroupFilterSet
    table_class = WorkingGroupTable
    title = _("Working groups")
    header_actions = [
        (
            _("New working group"),
            "organisation:working_group_create",
            "organisation.manage_working_groups",
            "primary",
        )
    ]


class WorkingGroupDetailView(ObjectDetailView):
    permission_required = "organisation.view_working_groups"
    model = WorkingGroup
    queryset = WorkingGroup.objects.select_related("convener")
    template_name = "organisation/working_group_detail.html"
    detail_fields = ["area", "purpose", "convener", "is_active"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        group, user = self.object, self.request.user
        context["members"] = selectors.with_current_memberships(
            group.members.order_by("last_name", "first_name")
        )
        context["meetings"] = selectors.group_meetings(group)
        context["can_edit"] = is_editable_by(group, user)
        context["can_record"] = (
            WorkingGroup.objects.recordable_by(user).filter(pk=group.pk).exists()
        )
        context["group_responsibilities"] = selectors.group_responsibilities(group)
        return context


class WorkingGroupCreateView(ObjectCreateView):
    permission_required = "organisation.manage_working_groups"
    model = WorkingGroup
    form_class = WorkingGroupForm
    title = _("New working group")
    cancel_url_name = "organisation:working_group_list"


class WorkingGroupUpdateView(ObjectUpdateView):
    permission_required = "organisation.change_working_groups"
    model = WorkingGroup
    form_class = WorkingGroupForm


class MeetingFormView(ServiceFormMixin, PageMixin, PortalAccessMixin, FormView):
    """Records a meeting of a group with up to twenty decisions, all in one transaction.

    Two forms on one page: the meeting form drives the view, and ``perform`` validates the
    decisions against the meeting's date before anything is saved."""

    permission_required = "organisation.change_working_groups"
    form_class = MeetingForm
    template_name = "organisation/meeting_form.html"
    decisions = None  # the bound formset, once ``perform`` has validated it

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.has_permission():
            # Members and the convener record meetings, not everyone who may edit the group.
            self.group = get_object_or_404(
                WorkingGroup.objects.recordable_by(request.user), pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_title(self):
        return _("New meeting: %(group)s") % {"group": self.group}

    def get_decisions(self, held_on=None):
        data = self.request.POST if self.request.method == "POST" else None
        return DecisionFormSet(
            data, prefix="decisions", form_kwargs={"user": self.request.user}, held_on=held_on
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["decisions"] = self.decisions or self.get_decisions()
        context["group"] = self.group
        context["cancel_url"] = self.group.get_absolute_url()
        return context

    def perform(self, form):
        self.decisions = self.get_decisions(held_on=form.cleaned_data["held_on"])
        if not self.decisions.is_valid():
            # The rows carry their own errors; the meeting form says where to look.
            raise ValidationError(_("Some decisions need correcting; see below."))
        meeting = services.meeting_record(
            group=self.group, decisions=self.decisions.rows(), **form.cleaned_data
        )
        messages.success(self.request, gettext("The meeting was recorded."))
        return HttpResponseRedirect(meeting.get_absolute_url())


class MeetingDetailView(ObjectDetailView):
    permission_required = "organisation.view_working_groups"
    model = Meeting
    queryset = Meeting.objects.select_related("group")
    template_name = "organisation/meeting_detail.html"
    detail_fields = ["held_on", "agenda", "minutes"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        decisions = list(self.object.decisions.select_related("responsible"))
        context["decisions"] = decisions
        context["decision_links"] = hooks.decision_links(self.request, decisions)
        context["can_edit"] = is_editable_by(self.object, self.request.user)
        return context


class MeetingUpdateView(ObjectUpdateView):
    permission_required = "organisation.change_working_groups"
    model = Meeting
    form_class = MeetingForm
