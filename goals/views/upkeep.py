"""Plan upkeep: prerequisites edited and followed up per period; goals, indicators,
actions and prerequisites deleted (draft plans) or withdrawn (kept with their history).

Every destructive step has a confirmation page of its own: GET says what will happen
and what it affects (``services.item_impact``), POST does it through the service that
holds the rules (``services.item_delete``/``item_withdraw``), whose refusal comes back
as a form error.
"""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vuxportal.views.generic import ObjectActionFormView, ObjectCreateView, ObjectUpdateView

from .. import services
from ..context import request_context
from ..forms import ConfirmForm, PrerequisiteForm, WithdrawForm
from ..models import Action, ActionPlan, Goal, Indicator, Prerequisite


def plan_url(plan: ActionPlan) -> str:
    return reverse("goals:plan_detail", args=[plan.pk])


# --- Prerequisites ----------------------------------------------------------------------


class PrerequisiteFormMixin:
    permission_required = "goals.manage_plan"
    model = Prerequisite
    form_class = PrerequisiteForm
    template_name = "goals/prerequisite_form.html"

    def get_form_kwargs(self):
        # The follow-up fields start at the request's period (``?period=``, else the
        # current one) with what is recorded there.
        return {**super().get_form_kwargs(), "period": request_context(self.request).period}

    def save_object(self, form):
        return services.prerequisite_save(
            prerequisite=form.save(commit=False),
            user=self.request.user,
            follow_up=form.follow_up(),
        )

    def get_success_url(self):
        return plan_url(self.object.plan)


class PrerequisiteCreateView(PrerequisiteFormMixin, ObjectCreateView):
    """A new prerequisite in a plan that is not archived (a copied plan adjusted)."""

    title = _("New prerequisite")

    def dispatch(self, request, *args, **kwargs):
        self.plan = get_object_or_404(
            ActionPlan.objects.exclude(status=ActionPlan.Status.ARCHIVED), pk=kwargs["plan_pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": Prerequisite(plan=self.plan)}

    def get_initial(self):
        last = self.plan.prerequisites.order_by("-number").values_list("number", flat=True)
        return {**super().get_initial(), "number": (last.first() or 0) + 1}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = plan_url(self.plan)
        return context


class PrerequisiteUpdateView(PrerequisiteFormMixin, ObjectUpdateView):
    """Text, part of the plan, responsible person, and the status and comment for a
    period; the earlier follow-ups are listed below the form."""

    def get_queryset(self):
        return Prerequisite.objects.exclude(plan__status=ActionPlan.Status.ARCHIVED).select_related(
            "plan"
        )

    def get_title(self):
        return gettext("Edit prerequisite %(number)s") % {"number": self.object.number}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = plan_url(self.object.plan)
        context["follow_ups"] = list(
            self.object.follow_ups.select_related("period", "author").order_by("-period__sort_key")
        )
        return context


# --- Deleting and withdrawing -------------------------------------------------------------


class ItemUpkeepView(ObjectActionFormView):
    """The confirmation page of a destructive step on one item of a plan."""

    permission_required = "goals.manage_plan"
    template_name = "goals/confirm.html"
    action = ""  # "delete" or "withdraw", for the template

    def back_url(self, item) -> str:
        """The item's own page (or where it is shown), for Cancel."""
        return item.get_absolute_url()

    def get_success_url(self):
        return self.back_url(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.back_url(self.object)
        context["impact"] = services.item_impact(self.object)
        context["action"] = self.action
        return context


class ItemDeleteView(ItemUpkeepView):
    form_class = ConfirmForm
    submit_label = _("Delete")
    action = "delete"
    withdraw_url_name: str | None = None

    def get_title(self):
        return gettext("Delete %(item)s") % {"item": self.object}

    def after_url(self, item) -> str:
        """Where to go once the item is gone."""
        raise NotImplementedError(f"{type(self).__name__} must say where to go after deleting")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["refusal"] = services.deletion_refusal(self.object, context["impact"])
        if self.withdraw_url_name and not self.object.is_withdrawn:
            context["withdraw_url"] = reverse(self.withdraw_url_name, args=[self.object.pk])
        return context

    def perform(self, form):
        after, name = self.after_url(self.object), str(self.object)
        services.item_delete(item=self.object)
        messages.success(self.request, gettext("%(item)s was deleted.") % {"item": name})
        return HttpResponseRedirect(after)


class ItemWithdrawView(ItemUpkeepView):
    form_class = WithdrawForm
    submit_label = _("Withdraw")
    action = "withdraw"

    def get_title(self):
        return gettext("Withdraw %(item)s") % {"item": self.object}

    def perform(self, form):
        services.item_withdraw(
            item=self.object, by=self.request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(
            self.request,
            gettext("%(item)s was withdrawn. It is kept, but no longer reported.")
            % {"item": self.object},
        )
        return None


class GoalUpkeepMixin:
    model = Goal
    queryset = Goal.objects.select_related("plan")


class GoalDeleteView(GoalUpkeepMixin, ItemDeleteView):
    withdraw_url_name = "goals:goal_withdraw"

    def after_url(self, goal):
        return plan_url(goal.plan)


class GoalWithdrawView(GoalUpkeepMixin, ItemWithdrawView):
    pass


class IndicatorUpkeepMixin:
    model = Indicator
    queryset = Indicator.objects.select_related("goal__plan")


class IndicatorDeleteView(IndicatorUpkeepMixin, ItemDeleteView):
    withdraw_url_name = "goals:indicator_withdraw"

    def after_url(self, indicator):
        return indicator.goal.get_absolute_url()


class IndicatorWithdrawView(IndicatorUpkeepMixin, ItemWithdrawView):
    pass


class ActionUpkeepMixin:
    model = Action
    queryset = Action.objects.select_related("plan")


class ActionDeleteView(ActionUpkeepMixin, ItemDeleteView):
    withdraw_url_name = "goals:action_withdraw"

    def after_url(self, action):
        return reverse("goals:action_list")


class ActionWithdrawView(ActionUpkeepMixin, ItemWithdrawView):
    pass


class PrerequisiteDeleteView(ItemDeleteView):
    """Prerequisites are deleted from draft plans only; they are never withdrawn (an
    active plan's are kept and followed up)."""

    model = Prerequisite
    queryset = Prerequisite.objects.select_related("plan")

    def back_url(self, prerequisite):
        return reverse("goals:prerequisite_update", args=[prerequisite.pk])

    def after_url(self, prerequisite):
        return plan_url(prerequisite.plan)
