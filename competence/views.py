"""Pages of the competence app: frameworks, self-assessment, sessions, the training log
and practice sharing. Scoping comes from ``ScopedViewMixin``; writes call services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View
from django.views.generic.detail import SingleObjectMixin

from goals.models import ReportingPeriod
from organisation.models import School
from vuxportal import charts
from vuxportal.access import PortalAccessMixin, ScopedViewMixin
from vuxportal.query import count_related
from vuxportal.scoping import ALL, is_editable_by, schools_for
from vuxportal.uploads import file_response
from vuxportal.views.generic import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectUpdateView,
    PageMixin,
)

from . import selectors, services
from .filters import (
    ActivityFilterSet,
    FrameworkFilterSet,
    PracticeExampleFilterSet,
    TrainingRecordFilterSet,
)
from .forms import (
    ActivityForm,
    AreaFormSet,
    AttendanceForm,
    CompetenceFormSet,
    EvaluationForm,
    FrameworkForm,
    LevelFormSet,
    PracticeExampleForm,
    SelfAssessmentForm,
    TrainingRecordForm,
)
from .ics import activity_ics
from .models import (
    ActivityEvaluation,
    Area,
    Competence,
    Enrolment,
    Framework,
    PracticeExample,
    PracticeUse,
    SelfAssessment,
    TrainingActivity,
    TrainingRecord,
)
from .tables import (
    ActivityTable,
    FrameworkTable,
    PracticeExampleTable,
    StaffRecordTable,
    TrainingRecordTable,
)


def _form_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- Frameworks -------------------------------------------------------------------------------


class FrameworkListView(ObjectListView):
    permission_required = "competence.view_frameworks"
    queryset = Framework.objects.annotate(area_count=count_related(Area.objects, "framework"))
    filterset_class = FrameworkFilterSet
    table_class = FrameworkTable
    title = _("Competence frameworks")
    header_actions = [
        (
            _("New framework"),
            "competence:framework_create",
            "competence.manage_frameworks",
            "primary",
        )
    ]


class FrameworkDetailView(ObjectDetailView):
    permission_required = "competence.view_frameworks"
    model = Framework
    template_name = "competence/framework_detail.html"
    detail_fields = ["code", "description", "is_active"]

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "levels",
                Prefetch("areas", queryset=Area.objects.prefetch_related("competences")),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_manage"] = self.request.user.has_perm("competence.manage_frameworks")
        return context


class FrameworkCreateView(ObjectCreateView):
    permission_required = "competence.manage_frameworks"
    model = Framework
    form_class = FrameworkForm
    title = _("New framework")
    cancel_url_name = "competence:framework_list"


class FrameworkUpdateView(ObjectUpdateView):
    """The framework with its scale and areas, saved together (all or nothing)."""

    permission_required = "competence.manage_frameworks"
    model = Framework
    form_class = FrameworkForm
    template_name = "competence/framework_form.html"

    def get_formsets(self):
        data = self.request.POST if self.request.method == "POST" else None
        return {
            "levels": LevelFormSet(data, instance=self.object, prefix="levels"),
            "areas": AreaFormSet(data, instance=self.object, prefix="areas"),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("formsets", self.get_formsets())
        return context

    def form_valid(self, form):
        formsets = self.get_formsets()
        if not all(f.is_valid() for f in formsets.values()):
            return self.render_to_response(self.get_context_data(form=form, formsets=formsets))
        with transaction.atomic():
            self.object = form.save()
            for formset in formsets.values():
                formset.save()
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.object.get_absolute_url())


class AreaUpdateView(ObjectUpdateView):
    """One area's name and its competences."""

    permission_required = "competence.manage_frameworks"
    model = Area
    fields = ["number", "name", "description"]
    template_name = "competence/framework_form.html"

    def get_queryset(self):
        # Scoped like every object view: areas of frameworks the user may change.
        return Area.objects.filter(framework_id=self.kwargs["framework_pk"])

    def get_formsets(self):
        data = self.request.POST if self.request.method == "POST" else None
        return {"competences": CompetenceFormSet(data, instance=self.object, prefix="competences")}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("formsets", self.get_formsets())
        context["cancel_url"] = self.object.framework.get_absolute_url()
        return context

    def form_valid(self, form):
        formsets = self.get_formsets()
        if not all(f.is_valid() for f in formsets.values()):
            return self.render_to_response(self.get_context_data(form=form, formsets=formsets))
        with transaction.atomic():
            self.object = form.save()
            for formset in formsets.values():
                formset.save()
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.object.framework.get_absolute_url())


# --- Self-assessment --------------------------------------------------------------------------


class SelfAssessmentListView(PageMixin, PortalAccessMixin, TemplateView):
    """My self-assessments, my profile over time per framework, and what is due."""

    permission_required = "competence.self_assess"
    template_name = "competence/self_assessment_list.html"
    title = _("My self-assessment")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        period = services.current_period()
        frameworks = list(Framework.objects.filter(is_active=True))
        mine = list(
            SelfAssessment.objects.visible_to(user)
            .filter(person=user)
            .select_related("framework", "period")
        )
        done = {(a.framework_id, a.period_id) for a in mine}
        context["period"] = period
        context["due"] = [(f, period is not None and (f.pk, period.pk) in done) for f in frameworks]
        context["assessments"] = mine
        charts_ = []
        for framework in {a.framework for a in mine}:
            profile = selectors.personal_profile(person=user, framework=framework)
            charts_.append(
                charts.line_chart(
                    title=gettext("My profile: %(framework)s") % {"framework": framework},
                    labels=profile["labels"],
                    series=[charts.Series(str(a.name), v) for a, v in profile["series"]],
                    unit=gettext("mean level"),
                )
            )
        context["charts"] = charts_
        return context


class SelfAssessmentEditView(PageMixin, PortalAccessMixin, FormView):
    """Rate each competence of one framework for the current open period."""

    permission_required = "competence.self_assess"
    form_class = SelfAssessmentForm
    template_name = "competence/self_assessment_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.framework = get_object_or_404(
            Framework.objects.visible_to(request.user).filter(is_active=True), pk=kwargs["pk"]
        )
        self.period = services.current_period()
        self.assessment = (
            SelfAssessment.objects.filter(
                person=request.user, framework=self.framework, period=self.period
            )
            .prefetch_related("ratings")
            .first()
            if self.period
            else None
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

    def form_valid(self, form):
        if self.period is None:
            form.add_error(None, gettext("There is no open reporting period."))
            return self.form_invalid(form)
        try:
            services.self_assessment_save(
                person=self.request.user,
                framework=self.framework,
                period=self.period,
                levels=form.levels(),
                reflection=form.cleaned_data["reflection"],
            )
        except ValidationError as error:
            _form_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, gettext("Your self-assessment was saved."))
        return HttpResponseRedirect(reverse("competence:self_assessment_list"))

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
        params = self.request.GET
        reachable = schools_for(self.request.user, TrainingRecord, "view")
        schools = School.objects.active()
        if reachable is not ALL:
            schools = schools.filter(pk__in=reachable)
        schools = list(schools)
        frameworks = list(Framework.objects.filter(is_active=True))
        periods = list(ReportingPeriod.objects.order_by("-sort_key"))
        framework = _pick(frameworks, params.get("framework")) or next(
            (f for f in frameworks if f.code == "digcompedu"), frameworks[0] if frameworks else None
        )
        period = (
            _pick(periods, params.get("period"))
            or services.current_period()
            or (periods[0] if periods else None)
        )
        school = _pick(schools, params.get("school"))
        if school is None and reachable is not None and schools:
            school = schools[0]
        context.update(
            frameworks=frameworks,
            periods=periods,
            schools=schools,
            framework=framework,
            period=period,
            school=school,
            all_schools=reachable is None,
        )
        if framework and period:
            school_ids = {school.pk} if school else reachable
            context["aggregate"] = selectors.self_assessment_aggregate(
                framework=framework,
                period=period,
                school_ids=school_ids,
                by_school=school is None,
            )
        return context


def _pick(objects, pk):
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return next((o for o in objects if o.pk == pk), None)


# --- Training sessions ------------------------------------------------------------------------


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
            .select_related("organiser", "school")
            .prefetch_related("competences__area__framework")
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
        services.waiting_list_fill(activity=activity)
        return activity


class ActivityActionView(ScopedViewMixin, SingleObjectMixin, View):
    """A POST on one session (enrol, cancel), redirecting back to it."""

    permission_required = "competence.enrol"
    model = TrainingActivity

    def get_queryset(self):
        return TrainingActivity.objects.all()

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            message = self.act(self.object)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, message)
        return HttpResponseRedirect(self.object.get_absolute_url())


class EnrolView(ActivityActionView):
    def act(self, activity):
        enrolment = services.enrol(activity=activity, person=self.request.user)
        if enrolment.status == Enrolment.Status.WAITING:
            return gettext("The session is full. You are on the waiting list.")
        return gettext("You are enrolled. A confirmation is on its way by email.")


class CancelView(ActivityActionView):
    def act(self, activity):
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


class AttendanceView(PageMixin, ScopedViewMixin, SingleObjectMixin, FormView):
    """Organisers mark who attended, all at once; attending logs the session."""

    permission_required = "competence.view_activities"
    scope = "edit"
    model = TrainingActivity
    form_class = AttendanceForm
    template_name = "competence/attendance.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_title(self):
        return gettext("Attendance: %(title)s") % {"title": self.object}

    def get_enrolments(self):
        return list(
            self.object.enrolments.active().select_related("person").order_by("person__last_name")
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        self.enrolments = self.get_enrolments()
        kwargs["enrolments"] = self.enrolments
        kwargs["initial"] = {
            "attended": [
                e.pk for e in self.enrolments if e.attendance == Enrolment.Attendance.ATTENDED
            ]
        }
        return kwargs

    def form_valid(self, form):
        ids = {int(pk) for pk in form.cleaned_data["attended"]}
        count = services.attendance_mark(activity=self.object, attended_ids=ids)
        messages.success(
            self.request,
            gettext("Attendance saved: %(count)s attended.") % {"count": count},
        )
        return HttpResponseRedirect(self.object.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["enrolments"] = self.enrolments
        context["cancel_url"] = self.object.get_absolute_url()
        return context


class EvaluateView(PageMixin, ScopedViewMixin, SingleObjectMixin, FormView):
    permission_required = "competence.enrol"
    model = TrainingActivity
    form_class = EvaluationForm
    template_name = "competence/form.html"

    def get_queryset(self):
        return TrainingActivity.objects.all()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_title(self):
        return gettext("Evaluate: %(title)s") % {"title": self.object}

    def form_valid(self, form):
        try:
            services.evaluation_submit(
                activity=self.object, person=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _form_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, gettext("Thank you for your evaluation."))
        return HttpResponseRedirect(self.object.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.object.get_absolute_url()
        return context


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


# --- Training log -----------------------------------------------------------------------------


class RecordListView(ObjectListView):
    """My own training log, with my totals per year."""

    permission_required = "competence.log_training"
    queryset = TrainingRecord.objects.all()
    filterset_class = TrainingRecordFilterSet
    table_class = TrainingRecordTable
    template_name = "competence/record_list.html"
    title = _("My training log")
    header_actions = [
        (_("Log training"), "competence:record_create", "competence.log_training", "primary"),
        (
            _("Staff training logs"),
            "competence:staff_records",
            "competence.view_staff_training",
            "outline-primary",
        ),
    ]

    def get_queryset(self):
        return super().get_queryset().filter(person=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["totals"] = selectors.training_totals(self.get_queryset())
        return context


class StaffRecordListView(ObjectListView):
    """Leaders: named training logs of their school's staff, with totals."""

    permission_required = "competence.view_staff_training"
    queryset = TrainingRecord.objects.select_related("person", "school", "confirmed_by")
    filterset_class = TrainingRecordFilterSet
    table_class = StaffRecordTable
    template_name = "competence/staff_records.html"
    title = _("Staff training logs")

    def get_queryset(self):
        return super().get_queryset().exclude(person=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["totals"] = selectors.training_totals(context["filter"].qs)
        return context


class RecordDetailView(ObjectDetailView):
    permission_required = "competence.log_training"
    model = TrainingRecord
    template_name = "competence/record_detail.html"
    detail_fields = ["date", "kind", "hours", "reflection"]

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("person", "school", "confirmed_by", "activity")
            .prefetch_related("competences")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        record = self.object
        context["is_own"] = record.person_id == user.pk
        context["can_confirm"] = (
            not record.is_confirmed
            and TrainingRecord.objects.confirmable_by(user).filter(pk=record.pk).exists()
        )
        return context


class RecordFormMixin:
    model = TrainingRecord
    form_class = TrainingRecordForm
    permission_required = "competence.log_training"

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            self.object = services.record_save(
                person=self.request.user,
                record=getattr(self, "object", None),
                date=data["date"],
                title=data["title"],
                hours=data["hours"],
                kind=data["kind"],
                competences=data["competences"],
                reflection=data["reflection"],
                certificate=data.get("certificate") or None,
            )
        except ValidationError as error:
            _form_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, gettext("Saved to your training log."))
        return HttpResponseRedirect(self.object.get_absolute_url())


class RecordCreateView(RecordFormMixin, ObjectCreateView):
    title = _("Log training")
    cancel_url_name = "competence:record_list"

    def get_initial(self):
        return {"date": timezone.localdate()}


class RecordUpdateView(RecordFormMixin, ObjectUpdateView):
    def get_queryset(self):
        return super().get_queryset().filter(confirmed_at__isnull=True)


class RecordConfirmView(ScopedViewMixin, SingleObjectMixin, View):
    permission_required = "competence.view_staff_training"
    model = TrainingRecord

    def get_queryset(self):
        return TrainingRecord.objects.all()

    def post(self, request, *args, **kwargs):
        record = self.get_object()
        try:
            services.record_confirm(record=record, leader=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, gettext("The entry was confirmed."))
        target = request.POST.get("next", "")
        # Only back to this site: "//elsewhere.example" also starts with a slash.
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = record.get_absolute_url()
        return HttpResponseRedirect(target)


class FileDownloadView(ScopedViewMixin, SingleObjectMixin, View):
    """Serves an uploaded file to those who may see its record (never a public URL)."""

    field_name = ""

    def get(self, request, *args, **kwargs):
        return file_response(getattr(self.get_object(), self.field_name))


class CertificateView(FileDownloadView):
    permission_required = "competence.log_training"
    field_name = "certificate"

    def get_queryset(self):
        return TrainingRecord.objects.all()


# --- Practice sharing -------------------------------------------------------------------------


class ExampleListView(ObjectListView):
    permission_required = "competence.share_practice"
    queryset = PracticeExample.objects.select_related("author").annotate(
        use_count=count_related(PracticeUse.objects, "example")
    )
    filterset_class = PracticeExampleFilterSet
    table_class = PracticeExampleTable
    title = _("Practice examples")
    header_actions = [
        (
            _("Share an example"),
            "competence:example_create",
            "competence.share_practice",
            "primary",
        )
    ]


class ExampleDetailView(ObjectDetailView):
    permission_required = "competence.share_practice"
    model = PracticeExample
    template_name = "competence/example_detail.html"
    detail_fields = ["summary", "subject", "tools", "link"]

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("author", "school")
            .prefetch_related("competences")
            .annotate(use_count=count_related(PracticeUse.objects, "example"))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["is_author"] = self.object.author_id == user.pk
        context["can_edit"] = is_editable_by(self.object, user)
        context["has_used"] = PracticeUse.objects.filter(example=self.object, person=user).exists()
        return context


class ExampleFormMixin:
    model = PracticeExample
    form_class = PracticeExampleForm
    permission_required = "competence.share_practice"

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        competences = data.pop("competences")
        if not data.get("attachment"):
            data.pop("attachment", None)
        try:
            self.object = services.example_save(
                author=self.request.user,
                example=getattr(self, "object", None),
                competences=competences,
                **data,
            )
        except ValidationError as error:
            _form_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, gettext("The example was saved."))
        return HttpResponseRedirect(self.object.get_absolute_url())


class ExampleCreateView(ExampleFormMixin, ObjectCreateView):
    title = _("Share a practice example")
    cancel_url_name = "competence:example_list"


class ExampleUpdateView(ExampleFormMixin, ObjectUpdateView):
    pass


class ExampleUseView(ScopedViewMixin, SingleObjectMixin, View):
    permission_required = "competence.share_practice"
    model = PracticeExample

    def get_queryset(self):
        return PracticeExample.objects.all().filter(is_published=True)

    def post(self, request, *args, **kwargs):
        example = self.get_object()
        try:
            created = services.example_mark_used(example=example, person=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                gettext("Thank you! Your use was counted.")
                if created
                else gettext("You have already marked this example as used."),
            )
        return HttpResponseRedirect(example.get_absolute_url())


class AttachmentView(FileDownloadView):
    permission_required = "competence.share_practice"
    field_name = "attachment"

    def get_queryset(self):
        return PracticeExample.objects.all()
