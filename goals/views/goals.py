"""Goals and indicators: the goal page, goal and indicator forms, the drill-down."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from vuxportal.access import ScopedViewMixin
from vuxportal.metrics import metrics as metric_registry
from vuxportal.views.generic import ObjectCreateView, ObjectUpdateView, PageMixin

from .. import selectors, services
from ..context import request_context
from ..forms import GoalForm, IndicatorForm
from ..models import ActionPlan, Goal, Indicator


class GoalDetailView(PageMixin, ScopedViewMixin, DetailView):
    """A goal with its indicators (charts), measurements per school, assessments,
    actions and history, for one period."""

    permission_required = "goals.view_dashboard"
    template_name = "goals/goal_detail.html"
    model = Goal
    queryset = Goal.objects.select_related("plan", "responsible", "withdrawn_by")

    def get_title(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        goal, user = self.object, self.request.user
        ctx = request_context(self.request)
        context.update(
            {
                "period": ctx.period,
                "periods": list(reversed(ctx.periods)),
                "schools": ctx.schools,
                # Worked out only when drawn: the page's rows are kept under the data's
                # version, and a kept page reads none of them.
                "indicator_rows": SimpleLazyObject(
                    lambda: selectors.goal_indicator_rows(
                        goal=goal,
                        period=ctx.period,
                        periods=ctx.periods,
                        schools=ctx.schools,
                        user=user,
                    )
                ),
                "assessments": SimpleLazyObject(
                    lambda: selectors.goal_assessments(goal=goal, period=ctx.period, user=user)
                ),
                # The list shows no schools; the query saved pays for the sessions the
                # other apps' panels add ({% detail_panels goal %}) within the budget.
                "goal_actions": SimpleLazyObject(
                    lambda: list(goal.actions.select_related("responsible"))
                ),
                "can_manage": user.has_perm("goals.manage_plan") and not goal.plan.is_read_only,
                # Items of a draft plan are deleted; of an active one, withdrawn.
                "plan_is_draft": goal.plan.status == ActionPlan.Status.DRAFT,
            }
        )
        return context


class GoalUpdateView(ObjectUpdateView):
    permission_required = "goals.manage_plan"
    model = Goal
    form_class = GoalForm
    scope = "view"

    def get_queryset(self):
        return Goal.objects.exclude(plan__status=ActionPlan.Status.ARCHIVED)

    def save_object(self, form):
        services.ensure_changeable(form.instance)
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

    def save_object(self, form):
        return services.goal_create(plan=self.plan, goal=form.save(commit=False))


class IndicatorFormMixin:
    permission_required = "goals.manage_plan"
    model = Indicator
    form_class = IndicatorForm
    template_name = "goals/indicator_form.html"

    def save_object(self, form):
        return services.indicator_save(indicator=form.instance, targets=form.targets())

    def get_success_url(self):
        return self.object.goal.get_absolute_url()


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

    def get_school(self, ctx):
        if ctx.school_asked:
            # A school asked for and out of scope answers like a missing one.
            if ctx.school is None:
                raise Http404
            return ctx.school
        access = self.request.user.access
        if not access.is_org_wide() and not access.is_administrator:
            # People bound to schools drill into their own school's records.
            return ctx.schools[0] if ctx.schools else None
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ctx = request_context(self.request)
        indicator, school = self.object, self.get_school(ctx)
        found = selectors.indicator_records(
            indicator=indicator,
            period=ctx.period,
            school=school,
            user=self.request.user,
            limit=self.limit,
        )
        # Rows with personal data (students) are logged by the app that owns them.
        metric_registry.records_shown(
            user=self.request.user, records=found.records, path=self.request.path[:300]
        )
        context.update(
            {
                "indicator": indicator,
                "metric": indicator.metric,
                "period": ctx.period,
                "school": school,
                "value": found.value,
                "records": found.records,
                "total": found.total,
                "hidden": found.hidden,
                "limit": self.limit,
            }
        )
        return context
