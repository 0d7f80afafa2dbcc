"""Reporting: one school's (or the organisation's) report for a period."""

from functools import cached_property

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.views.generic import FormView

from organisation.models import School
from vuxportal.access import PortalAccessMixin
from vuxportal.views.generic import PageMixin, ServiceFormMixin

from .. import selectors, services
from ..forms import ReportForm
from ..models import ReportingPeriod, ReportingSchoolQuerySet


class ReportView(ServiceFormMixin, PageMixin, PortalAccessMixin, FormView):
    """One school's (or, at ``organisation/``, the organisation's) report for a period:
    manual indicator values with comments and an assessment per goal.

    The report's state (goals, indicators, values, targets, suggestions, what is saved)
    is worked out once per request (``selectors.report_state``); the form and
    ``services.report_save`` take it from there."""

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
            # Only the schools the user reports for (another school is a 404).
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

    @cached_property
    def state(self) -> selectors.ReportState:
        return selectors.report_state(period=self.period, school=self.school)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "state": self.state,
            "submitting": "submit" in self.request.POST,
        }

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

    def perform(self, form):
        submit = "submit" in self.request.POST
        services.report_save(
            period=self.period,
            school=self.school,
            user=self.request.user,
            measurements=form.measurement_inputs(),
            assessments=form.assessment_inputs(),
            submit=submit,
            state=self.state,
        )
        if submit:
            messages.success(self.request, gettext("The report was submitted. Thank you!"))
        else:
            messages.success(
                self.request, gettext("The draft was saved. Submit it when it is complete.")
            )
        return HttpResponseRedirect(self.request.path)

    def get_context_data(self, **kwargs):
        # A form sent back with errors comes in kwargs and is drawn as sent. Otherwise the
        # page is kept under the data's version, and the report's state, the form and its
        # sections are worked out only when it is drawn.
        kept = "form" not in kwargs
        if kept:
            kwargs["form"] = SimpleLazyObject(self.get_form)
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context.update(
            {
                "period": self.period,
                "school": self.school,
                "kept": kept,
                "sections": SimpleLazyObject(lambda: form.sections()),
                "submission": SimpleLazyObject(lambda: self.state.submission),
                "editable": SimpleLazyObject(lambda: self.state.editable),
            }
        )
        return context
