"""Action plans: the list, a plan, editing, activating and starting the next one."""

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView, ListView
from django.views.generic.detail import SingleObjectMixin

from vuxportal.access import ScopedViewMixin
from vuxportal.views.generic import (
    ObjectPostActionView,
    ObjectUpdateView,
    PageMixin,
    ServiceFormMixin,
)

from .. import services
from ..forms import PlanCopyForm, PlanForm
from ..models import ActionPlan, Goal, Prerequisite, PrerequisiteFollowUp


def plan_url(plan: ActionPlan) -> str:
    return reverse("goals:plan_detail", args=[plan.pk])


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
        # Withdrawn goals and indicators are listed too, marked; each prerequisite shows
        # its latest follow-up (``Prerequisite.latest_follow_up`` reads the prefetch).
        follow_ups = PrerequisiteFollowUp.objects.select_related("period")
        return ActionPlan.objects.prefetch_related(
            Prefetch("goals", queryset=Goal.objects.prefetch_related("indicators__targets")),
            Prefetch(
                "prerequisites",
                queryset=Prerequisite.objects.select_related("responsible").prefetch_related(
                    Prefetch("follow_ups", queryset=follow_ups)
                ),
            ),
        )

    def get_title(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_manage"] = self.request.user.has_perm("goals.manage_plan")
        context["is_draft"] = self.object.status == ActionPlan.Status.DRAFT
        context["copy_form"] = PlanCopyForm(initial=PlanCopyView.initial_for(self.object))
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
        return plan_url(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = plan_url(self.object)
        return context


class PlanActivateView(ObjectPostActionView):
    permission_required = "goals.manage_plan"
    model = ActionPlan
    # Plans are organisation-wide: whoever may manage plans activates any they see.
    scope = "view"

    def perform(self, plan):
        services.plan_activate(plan=plan)
        return gettext("%(plan)s is now the active plan.") % {"plan": plan}

    def get_redirect_url(self, plan):
        return plan_url(plan)


class PlanCopyView(ServiceFormMixin, PageMixin, ScopedViewMixin, SingleObjectMixin, FormView):
    """Starts the next plan from this one (goals, prerequisites, indicators, targets)."""

    permission_required = "goals.manage_plan"
    model = ActionPlan
    form_class = PlanCopyForm
    template_name = "generic/object_form.html"

    @staticmethod
    def initial_for(plan: ActionPlan) -> dict:
        """The next plan follows on from this one, four years long."""
        return {"starts_year": plan.ends_year + 1, "ends_year": plan.ends_year + 4}

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)

    def get_title(self):
        return gettext("Start the next plan from %(plan)s") % {"plan": self.object}

    def get_initial(self):
        return self.initial_for(self.object)

    def perform(self, form):
        new = services.plan_copy(plan=self.object, **form.cleaned_data)
        messages.success(
            self.request,
            gettext("%(plan)s was created as a draft. Activate it when it is decided.")
            % {"plan": new},
        )
        return HttpResponseRedirect(plan_url(new))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = plan_url(self.object)
        return context
