"""Personal development plans: my plan (focus, recommendations, progress), a plan's page
with comments, and the plans of a leader's staff. Seen only by the owner and the owner's
leaders (``DevelopmentPlan.objects.visible_to``)."""

from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, ListView

from vuxportal.access import PortalAccessMixin, ScopedViewMixin
from vuxportal.views.generic import (
    ObjectActionFormView,
    ObjectDetailView,
    PageMixin,
    ServiceFormMixin,
)

from .. import plans, selectors
from ..forms import DevelopmentPlanForm, PlanCommentForm
from ..models import DevelopmentPlan


def _plan_context(plan) -> dict:
    focus_ids = [c.pk for c in plan.focus.all()]
    return {
        "plan": plan,
        "progress": plans.progress(plan),
        "recommended": plans.recommendations(focus_ids),
        "comments": plan.comments.select_related("author"),
    }


class MyPlanView(ServiceFormMixin, PageMixin, PortalAccessMixin, FormView):
    """Pick up to three focus competences (the lowest ratings suggested) with a note; see
    what develops them and how far one has come."""

    permission_required = "competence.self_assess"
    form_class = DevelopmentPlanForm
    template_name = "competence/plan_mine.html"
    title = _("My development plan")

    def dispatch(self, request, *args, **kwargs):
        self.period = selectors.current_period()
        return super().dispatch(request, *args, **kwargs)

    def get_plan(self):
        if not hasattr(self, "_plan"):
            self._plan = plans.plan_of(person=self.request.user, period=self.period)
        return self._plan

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["competences"] = plans.focus_choices(self.request.user)
        plan = self.get_plan()
        kwargs["initial"] = (
            {"focus": [c.pk for c in plan.focus.all()], "note": plan.note}
            if plan
            else {"focus": plans.suggested_focus(person=self.request.user, period=self.period)}
        )
        return kwargs

    def perform(self, form):
        plans.plan_save(
            person=self.request.user,
            period=self.period,
            focus=form.cleaned_data["focus"],
            note=form.cleaned_data["note"],
        )
        messages.success(self.request, gettext("Your development plan was saved."))

    def get_success_url(self):
        return reverse("competence:plan_mine")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["period"] = self.period
        plan = self.get_plan()
        if plan:
            context.update(_plan_context(plan))
        return context


class PlanDetailView(ObjectDetailView):
    """One plan, for its owner or the owner's leader: focus, progress and comments."""

    permission_required = "competence.self_assess"
    queryset = DevelopmentPlan.objects.select_related("person", "period").prefetch_related(
        "focus__area__framework"
    )
    template_name = "competence/plan_detail.html"

    def get_title(self):
        return gettext("Development plan: %(person)s, %(period)s") % {
            "person": self.object.person.get_full_name() or self.object.person.email,
            "period": self.object.period,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(_plan_context(self.object))
        context["comment_form"] = PlanCommentForm(user=self.request.user)
        context["back_url"] = reverse(
            "competence:plan_mine"
            if self.object.person_id == self.request.user.pk
            else "competence:plan_list"
        )
        return context


class PlanCommentView(ObjectActionFormView):
    """A comment on a plan by someone who sees it (as in a yearly development talk)."""

    permission_required = "competence.self_assess"
    # Leaders comment on plans they see but may not change.
    scope = "view"
    model = DevelopmentPlan
    form_class = PlanCommentForm
    submit_label = _("Send comment")
    title = _("Comment on the plan")

    def perform(self, form):
        plans.plan_comment(
            plan=self.object, author=self.request.user, text=form.cleaned_data["text"]
        )
        messages.success(self.request, gettext("Your comment was saved."))


class PlanListView(PageMixin, ScopedViewMixin, ListView):
    """The plans of a leader's staff (administrators see none but their own: privacy)."""

    permission_required = "competence.view_staff_training"
    template_name = "competence/plan_list.html"
    title = _("Staff development plans")
    context_object_name = "plans"

    def get_queryset(self):
        return plans.staff_plans(self.request.user)
