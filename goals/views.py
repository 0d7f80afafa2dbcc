"""Pages of part 1: dashboard, goals, indicators, periods, reporting, plans, actions.

Scoping comes from ``ScopedViewMixin`` (404 out of scope); writes call ``services``,
which refuse changes to a closed period or an archived plan.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView, ListView, TemplateView, View
from django.views.generic.detail import SingleObjectMixin

from organisation.models import Decision, School
from vuxportal.access import PortalAccessMixin, ScopedViewMixin
from vuxportal.metrics import metrics as metric_registry
from vuxportal.scoping import is_editable_by
from vuxportal.views.generic import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectUpdateView,
    PageMixin,
)

from . import selectors, services
from .filters import ActionFilterSet, PeriodFilterSet
from .forms import (
    ActionForm,
    ActionUpdateForm,
    DashboardFilterForm,
    GoalForm,
    IndicatorForm,
    PeriodForm,
    PlanCopyForm,
    PlanForm,
    ReportForm,
)
from .models import (
    Action,
    ActionPlan,
    AssessmentStatus,
    Goal,
    GoalAssessment,
    Indicator,
    Measurement,
    ReportingPeriod,
    ReportingSchoolQuerySet,
    Submission,
)
from .tables import ActionTable, PeriodTable


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _chosen_period(request, periods: list[ReportingPeriod] | None = None):
    """The period asked for in ``?period=``, else the current one. With ``periods``
    already loaded, no query runs."""
    period_id = request.GET.get("period", "")
    if periods is not None:
        by_pk = {p.pk: p for p in periods}
        if period_id.isdigit() and int(period_id) in by_pk:
            return by_pk[int(period_id)]
        return ReportingPeriod.objects.current_of(periods)
    if period_id.isdigit():
        period = ReportingPeriod.objects.filter(pk=period_id).first()
        if period:
            return period
    return selectors.current_period()


# --- Dashboard ------------------------------------------------------------------------------


class DashboardView(PageMixin, PortalAccessMixin, TemplateView):
    """Goal progress per school and overall, indicators against targets, actions."""

    permission_required = "goals.view_dashboard"
    template_name = "goals/dashboard.html"
    title = _("Goals and progress")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        # Periods and schools are loaded once and serve the filter and the selector.
        periods = list(ReportingPeriod.objects.order_by("sort_key"))
        schools = list(School.objects.active().visible_to(user).order_by("name"))
        form = DashboardFilterForm(self.request.GET, periods=periods, schools=schools)
        period, school = form.chosen()
        data = selectors.dashboard(
            period=period, school=school, user=user, periods=periods, schools=schools
        )
        charts = {
            row.indicator.pk: row.series.chart()
            for g in data.goals
            for row in g.indicators
            if row.series is not None
        }
        context.update(
            {
                "filter_form": form,
                "data": data,
                "charts": charts,
                "can_report": user.has_perm("goals.report"),
            }
        )
        return context


# --- Goals and indicators -------------------------------------------------------------------


class GoalDetailView(PageMixin, ScopedViewMixin, DetailView):
    """A goal with its indicators (charts), measurements per school, assessments,
    actions and history, for one period."""

    permission_required = "goals.view_dashboard"
    template_name = "goals/goal_detail.html"
    model = Goal
    queryset = Goal.objects.select_related("plan", "responsible")

    def get_title(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        goal = self.object
        user = self.request.user
        periods = list(ReportingPeriod.objects.order_by("sort_key"))
        period = _chosen_period(self.request, periods)
        schools = list(School.objects.active().visible_to(user).order_by("name"))
        indicators = list(goal.indicators.prefetch_related("targets").order_by("order", "pk"))
        series_periods = [p for p in periods if period and p.sort_key <= period.sort_key]
        # One query: this period's measurements per school, and the organisation's
        # values over every period for the charts.
        measurements, org_series = {}, {}
        assessments = []
        if period is not None:
            rows = Measurement.objects.visible_to(user).filter(
                Q(period=period) | Q(school__isnull=True, period__in=series_periods),
                indicator__goal=goal,
            )
            for m in rows:
                if m.period_id == period.pk:
                    measurements[(m.indicator_id, m.school_id)] = m
                if m.school_id is None:
                    org_series[(m.indicator_id, m.period_id)] = m.value
            assessments = list(
                GoalAssessment.objects.visible_to(user)
                .filter(goal=goal, period=period)
                .select_related("school", "author")
                .order_by("school__name")
            )
        indicator_rows = []
        for indicator in indicators:
            targets = {t.year: t.value for t in indicator.targets.all()}
            cells = [(s, measurements.get((indicator.pk, s.pk))) for s in schools]
            indicator_rows.append(
                {
                    "indicator": indicator,
                    "target": targets.get(period.year) if period else None,
                    "org": measurements.get((indicator.pk, None)),
                    "cells": cells,
                    "chart": selectors.IndicatorSeries(
                        indicator=indicator,
                        periods=series_periods,
                        values=[org_series.get((indicator.pk, p.pk)) for p in series_periods],
                        targets=[targets.get(p.year) for p in series_periods],
                    ).chart(),
                }
            )
        actions = list(goal.actions.select_related("responsible").prefetch_related("schools"))
        context.update(
            {
                "period": period,
                "periods": list(reversed(periods)),
                "schools": schools,
                "indicator_rows": indicator_rows,
                "assessments": assessments,
                "goal_actions": actions,
                "history": self.get_history(goal),
                "can_manage": user.has_perm("goals.manage_plan") and not goal.plan.is_read_only,
            }
        )
        return context

    def get_history(self, goal, limit: int = 30):
        """Who changed what: the goal, its indicators and its assessments (three queries)."""
        entries = []
        sources = [
            (Goal.history.filter(id=goal.pk), _("Goal")),
            (Indicator.history.filter(goal_id=goal.pk), _("Indicator")),
            (GoalAssessment.history.filter(goal_id=goal.pk), _("Assessment")),
        ]
        for qs, kind in sources:
            records = list(qs.select_related("history_user").order_by("-history_date")[:limit])
            # Each record is compared with the one before it of the same object, in memory.
            by_object: dict[int, list] = {}
            for record in records:
                by_object.setdefault(record.id, []).append(record)
            for chain in by_object.values():
                for newer, older in zip(chain, [*chain[1:], None], strict=False):
                    changed = []
                    if older is not None and newer.history_type == "~":
                        changed = [
                            str(newer.instance._meta.get_field(c.field).verbose_name)
                            for c in newer.diff_against(older).changes
                        ]
                    entries.append(
                        {
                            "date": newer.history_date,
                            "user": newer.history_user,
                            "kind": kind,
                            "object": str(newer.instance),
                            "type": newer.get_history_type_display(),
                            "changed": changed,
                        }
                    )
        entries.sort(key=lambda e: e["date"], reverse=True)
        return entries[:limit]


class GoalUpdateView(ObjectUpdateView):
    permission_required = "goals.manage_plan"
    model = Goal
    form_class = GoalForm
    scope = "view"

    def get_queryset(self):
        return Goal.objects.exclude(plan__status=ActionPlan.Status.ARCHIVED)

    def save_object(self, form):
        services.ensure_plan_editable(form.instance.plan)
        return form.save()


class GoalCreateView(ObjectCreateView):
    """A new goal in a plan that is not archived."""

    permission_required = "goals.manage_plan"
    model = Goal
    form_class = GoalForm
    title = _("New goal")

    def dispatch(self, request, *args, **kwargs):
        self.plan = get_object_or_404(
            ActionPlan.objects.exclude(status=ActionPlan.Status.ARCHIVED), pk=kwargs["plan_pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        last = self.plan.goals.order_by("-number").values_list("number", flat=True).first()
        return {**super().get_initial(), "number": (last or 0) + 1}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = reverse("goals:plan_detail", args=[self.plan.pk])
        return context

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)

    def save_object(self, form):
        return services.goal_create(plan=self.plan, goal=form.save(commit=False))


class IndicatorFormMixin:
    permission_required = "goals.manage_plan"
    model = Indicator
    form_class = IndicatorForm
    template_name = "goals/indicator_form.html"

    def form_valid(self, form):
        try:
            self.object = self.save_object(form)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.object.goal.get_absolute_url())

    def save_object(self, form):
        from django.db import transaction

        with transaction.atomic():
            indicator = services.indicator_save(indicator=form.instance)
            for year, value in form.targets().items():
                services.target_set(indicator=indicator, year=year, value=value)
        return indicator


class IndicatorCreateView(IndicatorFormMixin, ObjectCreateView):
    title = _("New indicator")

    def dispatch(self, request, *args, **kwargs):
        self.goal = get_object_or_404(
            Goal.objects.exclude(plan__status=ActionPlan.Status.ARCHIVED), pk=kwargs["goal_pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "goal": self.goal}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.goal.get_absolute_url()
        return context


class IndicatorUpdateView(IndicatorFormMixin, ObjectUpdateView):
    scope = "view"

    def get_queryset(self):
        return Indicator.objects.exclude(goal__plan__status=ActionPlan.Status.ARCHIVED)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "goal": self.object.goal}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.object.goal.get_absolute_url()
        return context


class IndicatorRecordsView(PageMixin, ScopedViewMixin, DetailView):
    """Drill-down: the records behind an automatic indicator's live value."""

    permission_required = "goals.view_dashboard"
    template_name = "goals/indicator_records.html"
    queryset = Indicator.objects.filter(kind=Indicator.Kind.AUTOMATIC).select_related("goal")
    limit = 200

    def get_title(self):
        return gettext("Behind the value: %(name)s") % {"name": self.object.name}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        indicator = self.object
        period = _chosen_period(self.request)
        school = None
        school_id = self.request.GET.get("school")
        if school_id and school_id.isdigit():
            school = get_object_or_404(School.objects.visible_to(self.request.user), pk=school_id)
        elif not self.request.user.access.is_org_wide() and not (
            self.request.user.access.is_administrator
        ):
            # People bound to schools drill into their own school's records.
            school = School.objects.visible_to(self.request.user).order_by("name").first()
        metric = indicator.metric
        records, value, total, hidden = [], None, 0, 0
        if metric is not None and period is not None:
            value = metric.compute(school=school, start=period.starts_on, end=period.ends_on)
            qs = metric.records(school=school, start=period.starts_on, end=period.ends_on)
            if qs is not None:
                total = qs.count()
                # The records behind a value can be students, people or requests: each is
                # listed only if the user may see it on its own pages (the one scoping
                # mechanism); records of models without scoping are never listed.
                scoped = getattr(qs.model.objects, "visible_to", None)
                if scoped is None:
                    qs = qs.none()
                else:
                    qs = qs.filter(pk__in=scoped(self.request.user).values("pk"))
                shown = qs.count()
                hidden = total - shown
                records = list(qs[: self.limit])
                # Rows with personal data (students) are logged by the app that owns them.
                metric_registry.records_shown(
                    user=self.request.user, records=records, path=self.request.path[:300]
                )
        context.update(
            {
                "indicator": indicator,
                "metric": metric,
                "period": period,
                "school": school,
                "value": value,
                "records": records,
                "total": total,
                "hidden": hidden,
                "limit": self.limit,
            }
        )
        return context


# --- Periods --------------------------------------------------------------------------------


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

    def form_valid(self, form):
        try:
            self.object = services.period_create(
                year=form.cleaned_data["year"],
                kind=form.cleaned_data["kind"],
                deadline=form.cleaned_data.get("deadline"),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.object.get_absolute_url())


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
        reportable = set(
            ReportingSchoolQuerySet(model=School).editable_by(user).values_list("pk", flat=True)
        )
        rows = [
            r for r in selectors.submission_overview(period=period) if r.school.pk in reportable
        ]
        org = Submission.objects.filter(period=period, school__isnull=True).first()
        context.update(
            {
                "rows": rows,
                "org_submission": org,
                "can_follow": user.has_perm("goals.follow_submissions"),
                "submitted_count": sum(1 for r in rows if r.state == Submission.State.SUBMITTED),
            }
        )
        return context


class PeriodActionView(ScopedViewMixin, SingleObjectMixin, View):
    """A POST-only administrator action on a period."""

    permission_required = "goals.follow_submissions"
    model = ReportingPeriod

    def post(self, request, pk):
        period = self.get_object()
        try:
            text = self.act(period)
            messages.success(request, text)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        return HttpResponseRedirect(period.get_absolute_url())


class PeriodCloseView(PeriodActionView):
    def act(self, period):
        services.period_close(period=period, user=self.request.user)
        return gettext("%(period)s is closed. Its values are now frozen.") % {"period": period}


class PeriodRemindView(PeriodActionView):
    def act(self, period):
        schools = None
        school_id = self.request.POST.get("school")
        if school_id and school_id.isdigit():
            schools = [
                get_object_or_404(School.objects.visible_to(self.request.user), pk=school_id)
            ]
        count = services.reminders_send(period=period, schools=schools)
        if count == 0:
            return gettext("Every school has submitted; no reminder was needed.")
        return gettext("A reminder was sent to %(count)s school leaders.") % {"count": count}


# --- Reporting ------------------------------------------------------------------------------


class ReportView(PageMixin, PortalAccessMixin, FormView):
    """One school's (or, at ``organisation/``, the organisation's) report for a period:
    manual indicator values with comments and an assessment per goal."""

    permission_required = "goals.report"
    template_name = "goals/report.html"
    form_class = ReportForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.period = get_object_or_404(ReportingPeriod, pk=kwargs["pk"])
        school_pk = kwargs.get("school_pk")
        self.school = None
        if school_pk is not None and request.user.has_perm(self.permission_required):
            self.school = get_object_or_404(
                ReportingSchoolQuerySet(model=School).editable_by(request.user), pk=school_pk
            )
        return super().dispatch(request, *args, **kwargs)

    def has_permission(self):
        if self.kwargs.get("school_pk") is None:
            return self.request.user.has_perm("goals.follow_submissions")
        return super().has_permission()

    def get_title(self):
        where = self.school or gettext("Whole organisation")
        return gettext("Report %(period)s – %(school)s") % {"period": self.period, "school": where}

    def load(self):
        self.plan = selectors.active_plan()
        self.goals = list(self.plan.goals.all()) if self.plan else []
        self.indicators = selectors.reporting_indicators(
            [g.pk for g in self.goals], school=self.school
        )
        self.values = selectors.period_values(
            period=self.period, school=self.school, indicators=self.indicators
        )
        self.targets = selectors.targets_for_year(self.indicators, self.period.year)
        self.measurements = {
            m.indicator_id: m
            for m in Measurement.objects.filter(
                period=self.period, school=self.school, indicator__in=self.indicators
            )
        }
        self.assessments = {
            a.goal_id: a
            for a in GoalAssessment.objects.filter(
                period=self.period, school=self.school, goal__in=self.goals
            )
        }
        self.submission = Submission.objects.filter(period=self.period, school=self.school).first()

    def get_form_kwargs(self):
        self.load()
        kwargs = super().get_form_kwargs()
        kwargs.update(
            period=self.period,
            school=self.school,
            goals=self.goals,
            indicators=self.indicators,
            values=self.values,
            targets=self.targets,
            submitting="submit" in self.request.POST,
        )
        return kwargs

    def get_initial(self):
        initial = {}
        for indicator_id, m in self.measurements.items():
            if m.source == Measurement.Source.MANUAL:
                initial[f"value_{indicator_id}"] = m.value
                initial[f"comment_{indicator_id}"] = m.comment
        suggestions = selectors.suggested_statuses(
            goals=self.goals, indicators=self.indicators, values=self.values, targets=self.targets
        )
        for goal in self.goals:
            a = self.assessments.get(goal.pk)
            initial[f"status_{goal.pk}"] = a.status if a else suggestions[goal.pk]
            if a:
                initial[f"reason_{goal.pk}"] = a.override_reason
                initial[f"analysis_{goal.pk}"] = a.analysis
                initial[f"next_steps_{goal.pk}"] = a.next_steps
        return initial

    def post(self, request, *args, **kwargs):
        if self.period.is_closed:
            # Frozen: refuse before reading anything the browser sent.
            messages.error(
                request,
                gettext(
                    "%(period)s is closed. Its values and assessments can no longer be changed."
                )
                % {"period": self.period},
            )
            return HttpResponseRedirect(request.path)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        submit = "submit" in self.request.POST
        data = form.cleaned_data
        measurements = [
            services.MeasurementInput(
                indicator=i,
                value=data.get(f"value_{i.pk}"),
                comment=data.get(f"comment_{i.pk}", ""),
            )
            for i in form.manual
        ]
        assessments = [
            services.AssessmentInput(
                goal=g,
                status=data[f"status_{g.pk}"],
                analysis=data.get(f"analysis_{g.pk}", ""),
                next_steps=data.get(f"next_steps_{g.pk}", ""),
                override_reason=data.get(f"reason_{g.pk}", ""),
            )
            for g in self.goals
        ]
        try:
            services.report_save(
                period=self.period,
                school=self.school,
                user=self.request.user,
                measurements=measurements,
                assessments=assessments,
                submit=submit,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for errors in error.error_dict.values():
                    form.add_error(None, errors)
            else:
                form.add_error(None, error)
            return self.form_invalid(form)
        if submit:
            messages.success(self.request, gettext("The report was submitted. Thank you!"))
        else:
            messages.success(
                self.request, gettext("The draft was saved. Submit it when it is complete.")
            )
        return HttpResponseRedirect(self.request.path)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        if not hasattr(self, "plan"):
            self.load()
        sections = []
        by_goal = {}
        for indicator in self.indicators:
            by_goal.setdefault(indicator.goal_id, []).append(indicator)
        for goal in self.goals:
            rows = []
            for indicator in by_goal.get(goal.pk, []):
                m = self.measurements.get(indicator.pk)
                rows.append(
                    {
                        "indicator": indicator,
                        "target": self.targets.get(indicator.pk),
                        "value": self.values.get(indicator.pk),
                        "measurement": m,
                        "value_field": None
                        if indicator.is_automatic
                        else form[f"value_{indicator.pk}"],
                        "comment_field": None
                        if indicator.is_automatic
                        else form[f"comment_{indicator.pk}"],
                    }
                )
            suggested = form.suggestions[goal.pk]
            sections.append(
                {
                    "goal": goal,
                    "rows": rows,
                    "suggested": suggested,
                    "suggested_label": AssessmentStatus(suggested).label,
                    "assessment": self.assessments.get(goal.pk),
                    "status_field": form[f"status_{goal.pk}"],
                    "reason_field": form[f"reason_{goal.pk}"],
                    "analysis_field": form[f"analysis_{goal.pk}"],
                    "next_steps_field": form[f"next_steps_{goal.pk}"],
                }
            )
        context.update(
            {
                "period": self.period,
                "school": self.school,
                "sections": sections,
                "submission": self.submission,
                "editable": not self.period.is_closed and self.plan is not None,
            }
        )
        return context


# --- Plans ----------------------------------------------------------------------------------


class PlanListView(PageMixin, ScopedViewMixin, ListView):
    permission_required = "goals.view_dashboard"
    model = ActionPlan
    template_name = "goals/plan_list.html"
    title = _("Action plans")

    def get_queryset(self):
        return ActionPlan.objects.annotate(goal_count=Count("goals")).order_by("-starts_year")


class PlanDetailView(PageMixin, ScopedViewMixin, DetailView):
    permission_required = "goals.view_dashboard"
    model = ActionPlan
    template_name = "goals/plan_detail.html"

    def get_queryset(self):
        return ActionPlan.objects.prefetch_related(
            Prefetch("goals", queryset=Goal.objects.prefetch_related("indicators__targets")),
            "prerequisites",
        )

    def get_title(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_manage"] = self.request.user.has_perm("goals.manage_plan")
        context["copy_form"] = PlanCopyForm(
            initial={
                "starts_year": self.object.ends_year + 1,
                "ends_year": self.object.ends_year + 4,
            }
        )
        return context


class PlanUpdateView(ObjectUpdateView):
    permission_required = "goals.manage_plan"
    model = ActionPlan
    form_class = PlanForm
    scope = "view"

    def get_queryset(self):
        return ActionPlan.objects.exclude(status=ActionPlan.Status.ARCHIVED)

    def save_object(self, form):
        return services.plan_save(plan=form.instance)

    def get_success_url(self):
        return reverse("goals:plan_detail", args=[self.object.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = reverse("goals:plan_detail", args=[self.object.pk])
        return context


class PlanActivateView(ScopedViewMixin, SingleObjectMixin, View):
    permission_required = "goals.manage_plan"
    model = ActionPlan

    def post(self, request, pk):
        plan = self.get_object()
        try:
            services.plan_activate(plan=plan)
            messages.success(request, gettext("%(plan)s is now the active plan.") % {"plan": plan})
        except ValidationError as error:
            messages.error(request, _error_text(error))
        return HttpResponseRedirect(reverse("goals:plan_detail", args=[plan.pk]))


class PlanCopyView(PageMixin, ScopedViewMixin, SingleObjectMixin, FormView):
    """Starts the next plan from this one (goals, prerequisites, indicators, targets)."""

    permission_required = "goals.manage_plan"
    model = ActionPlan
    form_class = PlanCopyForm
    template_name = "generic/object_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = get_object_or_404(ActionPlan, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_title(self):
        return gettext("Start the next plan from %(plan)s") % {"plan": self.object}

    def get_initial(self):
        return {
            "starts_year": self.object.ends_year + 1,
            "ends_year": self.object.ends_year + 4,
        }

    def form_valid(self, form):
        new = services.plan_copy(plan=self.object, **form.cleaned_data)
        messages.success(
            self.request,
            gettext("%(plan)s was created as a draft. Activate it when it is decided.")
            % {"plan": new},
        )
        return HttpResponseRedirect(reverse("goals:plan_detail", args=[new.pk]))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = reverse("goals:plan_detail", args=[self.object.pk])
        return context


# --- Actions --------------------------------------------------------------------------------


class ActionListView(ObjectListView):
    permission_required = "goals.view_dashboard"
    queryset = Action.objects.select_related("responsible").prefetch_related("goals")
    filterset_class = ActionFilterSet
    table_class = ActionTable
    title = _("Actions")
    header_actions = [(_("New action"), "goals:action_create", "goals.manage_actions", "primary")]


class ActionDetailView(ObjectDetailView):
    permission_required = "goals.view_dashboard"
    model = Action
    template_name = "goals/action_detail.html"
    detail_fields = [
        "description",
        "prerequisite",
        "responsible",
        "responsible_group",
        "starts_on",
        "due_on",
        "status",
        "progress",
        "completed_on",
    ]

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related(
                "plan",
                "prerequisite",
                "responsible",
                "responsible_group",
                "decision__meeting__group",
            )
            .prefetch_related("goals", "schools")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        action = self.object
        context["updates"] = action.updates.select_related("author")
        context["can_edit"] = not action.plan.is_read_only and is_editable_by(
            action, self.request.user
        )
        context["update_form"] = ActionUpdateForm()
        return context


class ActionFormMixin:
    model = Action
    form_class = ActionForm

    def get_plan(self):
        return selectors.active_plan()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        plan = self.object.plan if getattr(self, "object", None) else self.get_plan()
        if plan is None:
            raise Http404
        kwargs["plan"] = plan
        return kwargs

    def save_object(self, form):
        action = form.save(commit=False)
        return services.action_save(
            action=action,
            goals=form.cleaned_data["goals"],
            schools=form.cleaned_data["schools"],
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)


class ActionCreateView(ActionFormMixin, ObjectCreateView):
    permission_required = "goals.manage_actions"
    title = _("New action")
    cancel_url_name = "goals:action_list"


class ActionFromDecisionView(ActionCreateView):
    """ "Make it an action": a working group's decision becomes an action on a goal.

    The form starts from the decision (text, responsible person, due date, the group);
    the user picks the goals and saves. The decision must be visible to the user.
    """

    title = _("New action from a decision")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.decision = get_object_or_404(
                Decision.objects.visible_to(request.user).select_related("meeting__group"),
                pk=kwargs["decision_pk"],
            )
            existing = Action.objects.filter(decision=self.decision).first()
            if existing is not None:
                messages.info(request, gettext("This decision is already an action."))
                return HttpResponseRedirect(existing.get_absolute_url())
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {**super().get_initial(), **services.action_initial_from_decision(self.decision)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.decision.get_absolute_url()
        return context

    def save_object(self, form):
        return services.action_from_decision(
            decision=self.decision,
            action=form.save(commit=False),
            goals=form.cleaned_data["goals"],
            schools=form.cleaned_data["schools"],
        )


class ActionUpdateView(ActionFormMixin, ObjectUpdateView):
    permission_required = "goals.view_dashboard"

    def get_queryset(self):
        return super().get_queryset().exclude(plan__status=ActionPlan.Status.ARCHIVED)


class ActionUpdateAddView(ScopedViewMixin, SingleObjectMixin, View):
    """Adds a dated progress note to an action the user may edit."""

    permission_required = "goals.view_dashboard"
    scope = "edit"
    model = Action

    def post(self, request, pk):
        action = self.get_object()
        form = ActionUpdateForm(request.POST)
        if form.is_valid():
            try:
                services.action_update_add(
                    action=action,
                    text=form.cleaned_data["text"],
                    progress=form.cleaned_data["progress"],
                    status=form.cleaned_data["status"] or None,
                    author=request.user,
                )
                messages.success(request, gettext("The update was added."))
            except ValidationError as error:
                messages.error(request, _error_text(error))
        else:
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                messages.error(request, f"{label}: {' '.join(errors)}")
        return HttpResponseRedirect(action.get_absolute_url())
