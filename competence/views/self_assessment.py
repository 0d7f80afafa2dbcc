"""Self-assessment: my own, rating one framework, and the aggregate overview."""

from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from vuxportal import charts
from vuxportal.access import PortalAccessMixin
from vuxportal.views.generic import PageMixin, ServiceFormMixin

from .. import selectors, services
from ..forms import SelfAssessmentForm
from ..models import Competence


class SelfAssessmentListView(PageMixin, PortalAccessMixin, TemplateView):
    """My self-assessments, my profile over time per framework, and what is due."""

    permission_required = "competence.self_assess"
    template_name = "competence/self_assessment_list.html"
    title = _("My self-assessment")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        overview = selectors.self_assessment_overview(person=user)
        context.update(
            period=overview["period"], due=overview["due"], assessments=overview["assessments"]
        )
        context["charts"] = [
            self._profile_chart(
                framework, selectors.personal_profile(person=user, framework=framework)
            )
            for framework in overview["frameworks_answered"]
        ]
        return context

    @staticmethod
    def _profile_chart(framework, profile):
        return charts.line_chart(
            title=gettext("My profile: %(framework)s") % {"framework": framework},
            labels=profile["labels"],
            series=[charts.Series(str(a.name), v) for a, v in profile["series"]],
            unit=gettext("mean level"),
        )


class SelfAssessmentEditView(ServiceFormMixin, PageMixin, PortalAccessMixin, FormView):
    """Rate each competence of one framework for the current open period."""

    permission_required = "competence.self_assess"
    form_class = SelfAssessmentForm
    template_name = "competence/self_assessment_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        # Only a framework meant for one of the person's roles (else a 404, as unknown).
        self.framework = get_object_or_404(
            selectors.frameworks_for(request.user).visible_to(request.user), pk=kwargs["pk"]
        )
        self.period = selectors.current_period()
        self.assessment = selectors.self_assessment_of(
            person=request.user, framework=self.framework, period=self.period
        )
        return super().dispatch(request, *args, **kwargs)

    def get_title(self):
        return gettext("Self-assessment: %(framework)s") % {"framework": self.framework}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["framework"] = self.framework
        kwargs["competences"] = Competence.objects.filter(
            area__framework=self.framework
        ).select_related("area")
        kwargs["levels"] = self.framework.levels.all()
        if self.assessment:
            kwargs["initial_levels"] = {
                r.competence_id: r.level for r in self.assessment.ratings.all()
            }
            kwargs.setdefault("initial", {})["reflection"] = self.assessment.reflection
        return kwargs

    def perform(self, form):
        services.self_assessment_save(
            person=self.request.user,
            framework=self.framework,
            period=self.period,
            levels=form.levels(),
            reflection=form.cleaned_data["reflection"],
        )
        messages.success(self.request, gettext("Your self-assessment was saved."))

    def get_success_url(self):
        return reverse("competence:self_assessment_list")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["framework"] = self.framework
        context["period"] = self.period
        context["levels"] = self.framework.levels.all()
        context["cancel_url"] = reverse("competence:self_assessment_list")
        return context


class AggregateView(PageMixin, PortalAccessMixin, TemplateView):
    """Leaders: their school's aggregate; administrators: any school or all of them.
    Never a group smaller than ``MIN_AGGREGATE_GROUP_SIZE``."""

    permission_required = "competence.view_aggregates"
    template_name = "competence/aggregate.html"
    title = _("Competence overview")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.aggregate_choice(user=self.request.user, params=self.request.GET))
        return context
