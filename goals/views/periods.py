"""Reporting periods: the list, a new period, a period's submissions, closing and
reminding."""

from django.db.models import Count, Q
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from organisation.models import School
from vuxportal.access import ScopedViewMixin
from vuxportal.views.generic import (
    ObjectCreateView,
    ObjectListView,
    ObjectPostActionView,
    PageMixin,
)

from .. import selectors, services
from ..context import request_context
from ..filters import PeriodFilterSet
from ..forms import PeriodForm
from ..models import ReportingPeriod, ReportingSchoolQuerySet, Submission
from ..tables import PeriodTable


class PeriodListView(ObjectListView):
    permission_required = "goals.report"
    queryset = ReportingPeriod.objects.annotate(
        submitted=Count(
            "submissions",
            filter=Q(submissions__state="submitted", submissions__school__isnull=False),
        )
    )
    filterset_class = PeriodFilterSet
    table_class = PeriodTable
    title = _("Reporting periods")
    header_actions = [(_("New period"), "goals:period_create", "goals.manage_plan", "primary")]

    def get_queryset(self):
        # Periods are not school-scoped: every leader reports in the same periods.
        return self.queryset.order_by("-sort_key")


class PeriodCreateView(ObjectCreateView):
    permission_required = "goals.manage_plan"
    model = ReportingPeriod
    form_class = PeriodForm
    title = _("New period")
    cancel_url_name = "goals:period_list"

    def save_object(self, form):
        return services.period_create(
            year=form.cleaned_data["year"],
            kind=form.cleaned_data["kind"],
            deadline=form.cleaned_data.get("deadline"),
        )


class PeriodDetailView(PageMixin, ScopedViewMixin, DetailView):
    """A period: the schools' submission states (administrator) or one's own schools."""

    permission_required = "goals.report"
    model = ReportingPeriod
    template_name = "goals/period_detail.html"

    def get_title(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        period = self.object

        def rows():
            reportable = set(
                ReportingSchoolQuerySet(model=School).editable_by(user).values_list("pk", flat=True)
            )
            overview = selectors.submission_overview(period=period)
            return [r for r in overview if r.school.pk in reportable]

        # Worked out only when drawn: the page keeps them under the data's version.
        rows = SimpleLazyObject(rows)
        context.update(
            {
                "rows": rows,
                "org_submission": SimpleLazyObject(
                    lambda: (
                        Submission.objects.visible_to(user)
                        .filter(period=period, school__isnull=True)
                        .first()
                    )
                ),
                "can_follow": user.has_perm("goals.follow_submissions"),
                "submitted_count": SimpleLazyObject(
                    lambda: sum(1 for r in rows if r.state == Submission.State.SUBMITTED)
                ),
            }
        )
        return context


class PeriodActionView(ObjectPostActionView):
    """A POST-only administrator action on a period (periods are the plan's, so the
    administrator acts on any period they see)."""

    permission_required = "goals.follow_submissions"
    model = ReportingPeriod
    scope = "view"


class PeriodCloseView(PeriodActionView):
    def perform(self, period):
        services.period_close(period=period, user=self.request.user)
        return gettext("%(period)s is closed. Its values are now frozen.") % {"period": period}


class PeriodRemindView(PeriodActionView):
    def perform(self, period):
        # One school (the posted one, among the user's; out of scope is a 404), or all.
        school = request_context(self.request).school_or_404(self.request.POST.get("school"))
        count = services.reminders_send(period=period, schools=[school] if school else None)
        if count == 0:
            return gettext("Every school has submitted; no reminder was needed.")
        return gettext("A reminder was sent to %(count)s school leaders.") % {"count": count}
