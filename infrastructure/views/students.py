"""Students, the waiting list for loan devices, and the log of who viewed student data.

Every page here shows students, so each logs them (``StudentDataLogMixin``)."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vuxportal.query import count_related
from vuxportal.views.generic import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectPostActionView,
    ObjectUpdateView,
)

from .. import services
from ..filters import StudentDataAccessFilterSet, StudentFilterSet
from ..forms import StudentForm, WaitingListForm
from ..models import Loan, Student, StudentDataAccess
from ..tables import AccessLogTable, StudentTable
from .mixins import StudentDataLogMixin, What


class StudentListView(StudentDataLogMixin, ObjectListView):
    permission_required = "infrastructure.view_students"
    queryset = Student.objects.select_related("school").annotate(
        open_loans=count_related(Loan.objects.open(), "student")
    )
    filterset_class = StudentFilterSet
    table_class = StudentTable
    title = _("Students")
    header_actions = [
        (
            _("New student"),
            "infrastructure:student_create",
            "infrastructure.manage_loans",
            "primary",
        ),
        (_("Waiting list"), "infrastructure:waiting_list", None, "outline-primary"),
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        table = context["table"]
        self.log_students([row.record for row in table.page.object_list] if table.page else [])
        return context


class WaitingListView(StudentListView):
    queryset = StudentListView.queryset.filter(waiting_since__isnull=False).order_by(
        "waiting_since"
    )
    title = _("Waiting list for loan devices")
    header_actions = [
        (_("Students"), "infrastructure:student_list", None, "outline-primary"),
    ]


class StudentCreateView(ObjectCreateView):
    permission_required = "infrastructure.manage_loans"
    model = Student
    form_class = StudentForm
    title = _("New student")
    cancel_url_name = "infrastructure:student_list"


class StudentUpdateView(StudentDataLogMixin, ObjectUpdateView):
    permission_required = "infrastructure.manage_loans"
    model = Student
    form_class = StudentForm

    def get_object(self, queryset=None):
        student = super().get_object(queryset)
        # The form shows the student's data on every answer, the re-shown invalid one too.
        self.log_students([student], What.EDIT)
        return student


class StudentDetailView(StudentDataLogMixin, ObjectDetailView):
    permission_required = "infrastructure.view_students"
    model = Student
    queryset = Student.objects.select_related("school")
    template_name = "infrastructure/student_detail.html"
    detail_fields = [
        "name",
        "reference",
        "school",
        "email",
        "phone",
        "waiting_since",
        "waiting_note",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.log_students([self.object], What.DETAIL)
        context["loans"] = (
            Loan.objects.visible_to(self.request.user)
            .filter(student=self.object)
            .select_related("device", "device__model")
        )
        context["has_open_loan"] = any(loan.is_open for loan in context["loans"])
        context["waiting_form"] = WaitingListForm()
        context["can_manage"] = self.request.user.has_perm("infrastructure.manage_loans")
        if self.request.user.has_perm("infrastructure.view_student_access_log"):
            context["access_log"] = self.object.access_log.select_related("user")[:20]
        return context


class StudentWaitView(ObjectPostActionView):
    permission_required = "infrastructure.manage_loans"
    model = Student

    def perform(self, student):
        form = WaitingListForm(self.request.POST)
        need = form.cleaned_data["need"] if form.is_valid() else ""
        services.student_add_to_waiting_list(student=student, need=need)
        return gettext("%(name)s is on the waiting list.") % {"name": student}


class StudentUnwaitView(ObjectPostActionView):
    permission_required = "infrastructure.manage_loans"
    model = Student

    def perform(self, student):
        services.student_remove_from_waiting_list(student=student)
        return gettext("%(name)s was removed from the waiting list.") % {"name": student}


class StudentAccessLogView(StudentDataLogMixin, ObjectListView):
    """Administrators see who viewed which student's data (names shown are logged too)."""

    permission_required = "infrastructure.view_student_access_log"
    queryset = StudentDataAccess.objects.select_related("user", "student")
    title = _("Views of student data")
    table_class = AccessLogTable
    filterset_class = StudentDataAccessFilterSet

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        table = context["table"]
        rows = table.page.object_list if table.page else []
        self.log_students({row.record.student for row in rows})
        return context
