"""Training sessions: the list and one session, enrolment, the calendar file,
attendance, evaluating a session and the evaluation results."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from django.views.generic.detail import SingleObjectMixin

from vuxportal.access import PortalAccessMixin, ScopedViewMixin
from vuxportal.query import count_related
from vuxportal.scoping import is_editable_by
from vuxportal.views.generic import (
    ObjectActionFormView,
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectPostActionView,
    ObjectUpdateView,
    PageMixin,
)

from .. import selectors, services
from ..filters import ActivityFilterSet
from ..forms import ActivityForm, AttendanceForm, EvaluationForm
from ..ics import activity_ics
from ..models import ActivityEvaluation, Enrolment, TrainingActivity
from ..tables import ActivityTable


class ActivityListView(ObjectListView):
    permission_required = "competence.view_activities"
    queryset = TrainingActivity.objects.annotate(
        enrolled_count=count_related(Enrolment.objects.active(), "activity")
    )
    filterset_class = ActivityFilterSet
    table_class = ActivityTable
    title = _("Training sessions")
    header_actions = [
        (
            _("New session"),
            "competence:activity_create",
            "competence.manage_activities",
            "primary",
        ),
        (
            _("Evaluation results"),
            "competence:evaluation_results",
            "competence.view_evaluations",
            "outline-primary",
        ),
    ]


class ActivityDetailView(ObjectDetailView):
    permission_required = "competence.view_activities"
    model = TrainingActivity
    template_name = "competence/activity_detail.html"
    detail_fields = ["description", "format", "series", "starts_at", "ends_at", "hours"]

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("organiser", "school", "action")
            # The chain upwards: the action the session serves and that action's goals.
            .prefetch_related("competences__area__framework", "action__goals")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        activity = self.object
        context["enrolment"] = activity.enrolments.filter(person=user).first()
        context["enrolled_count"] = activity.enrolments.active().count()
        context["waiting_count"] = activity.enrolments.waiting().count()
        context["can_edit"] = is_editable_by(activity, user)
        context["has_evaluated"] = ActivityEvaluation.objects.filter(
            activity=activity, person=user
        ).exists()
        if context["can_edit"]:
            context["result"] = selectors.evaluation_result(activity)
        return context


class ActivityCreateView(ObjectCreateView):
    permission_required = "competence.manage_activities"
    model = TrainingActivity
    form_class = ActivityForm
    template_name = "competence/form.html"
    title = _("New training session")
    cancel_url_name = "competence:activity_list"

    def save_object(self, form):
        form.instance.organiser = self.request.user
        return form.save()


class ActivityUpdateView(ObjectUpdateView):
    # Organisers who are not leaders keep editing their own sessions; which sessions a
    # user may change is decided by TrainingActivity.objects.editable_by.
    permission_required = "competence.view_activities"
    model = TrainingActivity
    form_class = ActivityForm
    template_name = "competence/form.html"

    def save_object(self, form):
        activity = form.save()
        services.activity_update(
            activity=activity, changed_fields=form.changed_data, by=self.request.user
        )
        services.waiting_list_fill(activity=activity)
        return activity


class ActivityActionView(ObjectPostActionView):
    """A participant's button on a session they can see (enrol, cancel): the services
    decide whether it is allowed, so the scope is "view", not "edit"."""

    permission_required = "competence.enrol"
    scope = "view"
    model = TrainingActivity

    def get_queryset(self):
        return TrainingActivity.objects.all()


class EnrolView(ActivityActionView):
    def perform(self, activity):
        enrolment = services.enrol(activity=activity, person=self.request.user)
        if enrolment.status == Enrolment.Status.WAITING:
            return gettext("The session is full. You are on the waiting list.")
        return gettext("You are enrolled. A confirmation is on its way by email.")


class CancelView(ActivityActionView):
    def perform(self, activity):
        enrolment = get_object_or_404(
            Enrolment.objects.visible_to(self.request.user),
            activity=activity,
            person=self.request.user,
        )
        services.enrolment_cancel(enrolment=enrolment)
        return gettext("Your enrolment was cancelled.")


class ActivityIcsView(ScopedViewMixin, SingleObjectMixin, View):
    permission_required = "competence.view_activities"
    model = TrainingActivity

    def get_queryset(self):
        return TrainingActivity.objects.all()

    def get(self, request, *args, **kwargs):
        activity = self.get_object()
        response = HttpResponse(activity_ics(activity), content_type="text/calendar")
        response["Content-Disposition"] = f'attachment; filename="utbildning-{activity.pk}.ics"'
        return response


class AttendanceView(ObjectActionFormView):
    """Organisers mark who attended, all at once; attending logs the session."""

    permission_required = "competence.view_activities"
    model = TrainingActivity
    form_class = AttendanceForm
    template_name = "competence/attendance.html"

    def get_title(self):
        return gettext("Attendance: %(title)s") % {"title": self.object}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        self.enrolments = list(
            self.object.enrolments.active().select_related("person").order_by("person__last_name")
        )
        kwargs["enrolments"] = self.enrolments
        kwargs["initial"] = {
            "attended": [
                e.pk for e in self.enrolments if e.attendance == Enrolment.Attendance.ATTENDED
            ]
        }
        return kwargs

    def perform(self, form):
        ids = {int(pk) for pk in form.cleaned_data["attended"]}
        count = services.attendance_mark(activity=self.object, attended_ids=ids)
        messages.success(
            self.request,
            gettext("Attendance saved: %(count)s attended.") % {"count": count},
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["enrolments"] = self.enrolments
        return context


class EvaluateView(ObjectActionFormView):
    """A participant evaluates a session they can see; the service decides who may."""

    permission_required = "competence.enrol"
    scope = "view"
    model = TrainingActivity
    form_class = EvaluationForm
    template_name = "competence/form.html"

    def get_queryset(self):
        return TrainingActivity.objects.all()

    def get_title(self):
        return gettext("Evaluate: %(title)s") % {"title": self.object}

    def perform(self, form):
        services.evaluation_submit(
            activity=self.object, person=self.request.user, **form.cleaned_data
        )
        messages.success(self.request, gettext("Thank you for your evaluation."))


class EvaluationResultsView(PageMixin, PortalAccessMixin, TemplateView):
    """Results per series and per session, without names, withheld below three answers."""

    permission_required = "competence.view_evaluations"
    template_name = "competence/evaluation_results.html"
    title = _("Evaluation results")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        activities = list(
            TrainingActivity.objects.visible_to(self.request.user)
            .filter(starts_at__lte=timezone.now())
            .order_by("-starts_at")[:50]
        )
        context["series"] = selectors.evaluation_results_by_series(activities)
        context["sessions"] = selectors.evaluation_results_by_activity(activities)
        context["min_answers"] = selectors.MIN_EVALUATION_ANSWERS
        return context
