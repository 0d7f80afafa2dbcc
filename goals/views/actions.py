"""Actions (insatser): the list, an action, its form, from a decision, progress notes."""

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from organisation.models import Decision
from vuxportal.scoping import is_editable_by
from vuxportal.views.generic import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectPostActionView,
    ObjectUpdateView,
)

from .. import selectors, services
from ..filters import ActionFilterSet
from ..forms import ActionForm, ActionUpdateForm
from ..models import Action, ActionPlan, Goal
from ..tables import ActionTable


class ActionListView(ObjectListView):
    permission_required = "goals.view_dashboard"
    # The fields the table shows, not the actions' and their goals' long texts.
    queryset = (
        Action.objects.select_related("responsible")
        .only(
            "title",
            "due_on",
            "status",
            "progress",
            "responsible__first_name",
            "responsible__last_name",
            "responsible__email",
        )
        .prefetch_related(Prefetch("goals", queryset=Goal.objects.only("number", "title")))
    )
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
                "withdrawn_by",
            )
            .prefetch_related("goals", "schools")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        action = self.object
        context["updates"] = action.updates.select_related("author")
        context["can_edit"] = (
            not action.plan.is_read_only
            and not action.is_withdrawn
            and is_editable_by(action, self.request.user)
        )
        # Administrators delete an action of a draft plan and withdraw one of an active plan.
        context["can_upkeep"] = (
            self.request.user.has_perm("goals.manage_plan") and not action.plan.is_read_only
        )
        context["plan_is_draft"] = action.plan.status == ActionPlan.Status.DRAFT
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
        return services.action_save(
            action=form.save(commit=False),
            goals=form.cleaned_data["goals"],
            schools=form.cleaned_data["schools"],
        )


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


class ActionUpdateAddView(ObjectPostActionView):
    """Adds a dated progress note to an action the user may edit."""

    permission_required = "goals.view_dashboard"
    model = Action

    def perform(self, action):
        form = ActionUpdateForm(self.request.POST)
        if not form.is_valid():
            # The note is a small form on the action's page: its errors come back as
            # messages there, by field label.
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                messages.error(self.request, f"{label}: {' '.join(errors)}")
            return None
        services.action_update_add(
            action=action,
            text=form.cleaned_data["text"],
            progress=form.cleaned_data["progress"],
            status=form.cleaned_data["status"] or None,
            author=self.request.user,
        )
        return gettext("The update was added.")
