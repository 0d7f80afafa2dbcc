"""Routines: who owns them, and when they are next due for review."""

from django.db.models import F
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vuxportal.scoping import is_editable_by
from vuxportal.views.generic import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectPostActionView,
    ObjectUpdateView,
)

from .. import services
from ..filters import RoutineFilterSet
from ..forms import RoutineForm
from ..models import Routine
from ..tables import RoutineTable


class RoutineListView(ObjectListView):
    permission_required = "organisation.view_routines"
    queryset = Routine.objects.select_related("owner", "school")
    filterset_class = RoutineFilterSet
    table_class = RoutineTable
    title = _("Routines")
    header_actions = [
        (_("New routine"), "organisation:routine_create", "organisation.add_routines", "primary")
    ]

    def get_queryset(self):
        # Routines due for review come first, so they stand out.
        return super().get_queryset().order_by(F("next_review_on").asc(nulls_first=True), "title")


class RoutineDetailView(ObjectDetailView):
    permission_required = "organisation.view_routines"
    model = Routine
    queryset = Routine.objects.select_related("owner", "school")
    template_name = "organisation/routine_detail.html"
    detail_fields = [
        "area",
        "school",
        "owner",
        "description",
        "link",
        "last_reviewed_on",
        "review_interval_months",
        "next_review_on",
        "is_active",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_edit"] = is_editable_by(self.object, self.request.user)
        return context


class RoutineCreateView(ObjectCreateView):
    permission_required = "organisation.add_routines"
    model = Routine
    form_class = RoutineForm
    title = _("New routine")
    cancel_url_name = "organisation:routine_list"

    def get_initial(self):
        return {"owner": self.request.user}


class RoutineUpdateView(ObjectUpdateView):
    permission_required = "organisation.change_routines"
    model = Routine
    form_class = RoutineForm


class RoutineReviewView(ObjectPostActionView):
    """The owner confirms today that the routine still holds."""

    permission_required = "organisation.change_routines"
    model = Routine

    def perform(self, routine):
        services.routine_mark_reviewed(routine=routine)
        return gettext("The routine is marked as reviewed today.")
