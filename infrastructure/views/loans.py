"""Loans of devices to students, their return and the loan agreement (PDF)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, View
from django.views.generic.detail import SingleObjectMixin

from vuxportal.access import PortalAccessMixin, ScopedViewMixin
from vuxportal.views.generic import (
    ObjectActionFormView,
    ObjectDetailView,
    ObjectListView,
    PageMixin,
    ServiceFormMixin,
)

from .. import services
from ..filters import LoanFilterSet
from ..forms import LoanForm, LoanReturnForm
from ..models import Loan
from ..pdf import render_pdf
from ..tables import LoanTable
from .mixins import StudentDataLogMixin, What


class LoanListView(StudentDataLogMixin, ObjectListView):
    permission_required = "infrastructure.view_students"
    queryset = Loan.objects.select_related("device", "student", "school")
    filterset_class = LoanFilterSet
    table_class = LoanTable
    title = _("Loans")
    header_actions = [
        (
            _("Lend a device"),
            "infrastructure:loan_create",
            "infrastructure.manage_loans",
            "primary",
        ),
        (_("Waiting list"), "infrastructure:waiting_list", None, "outline-primary"),
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        table = context["table"]
        rows = table.page.object_list if table.page else []
        self.log_students([row.record.student for row in rows])
        return context


class LoanCreateView(StudentDataLogMixin, ServiceFormMixin, PageMixin, PortalAccessMixin, FormView):
    permission_required = "infrastructure.manage_loans"
    form_class = LoanForm
    template_name = "infrastructure/loan_form.html"
    title = _("Lend a device")

    def get_initial(self):
        initial = super().get_initial()
        for name in ("device", "student"):
            value = self.request.GET.get(name)
            if value and value.isdigit():
                initial[name] = int(value)
        return initial

    def perform(self, form):
        data = form.cleaned_data
        loan = services.loan_create(
            device=data["device"],
            student=data["student"],
            lent_by=self.request.user,
            lent_on=data["lent_on"],
            due_on=data["due_on"],
            agreement_accepted=data["agreement_accepted"],
            notes=data["notes"],
        )
        messages.success(
            self.request,
            gettext("%(tag)s is lent to %(name)s. Print the agreement for signing.")
            % {"tag": loan.device.asset_tag, "name": loan.student},
        )
        return HttpResponseRedirect(loan.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = reverse("infrastructure:loan_list")
        # The student choices name every student the user may lend to: logged as a list.
        self.log_students(list(context["form"].fields["student"].queryset))
        return context


class LoanDetailView(StudentDataLogMixin, ObjectDetailView):
    permission_required = "infrastructure.view_students"
    model = Loan
    queryset = Loan.objects.select_related(
        "device", "device__model", "student", "school", "lent_by", "received_by"
    )
    template_name = "infrastructure/loan_detail.html"
    detail_fields = [
        "device",
        "student",
        "school",
        "lent_on",
        "due_on",
        "agreement_accepted_on",
        "lent_by",
        "returned_on",
        "received_by",
        "return_condition",
        "notes",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.log_students([self.object.student], What.LOAN)
        context["can_manage"] = self.request.user.has_perm("infrastructure.manage_loans")
        return context


class LoanReturnView(ObjectActionFormView):
    permission_required = "infrastructure.manage_loans"
    model = Loan
    form_class = LoanReturnForm
    submit_label = _("Take back")

    def get_title(self):
        return gettext("Take back %(tag)s") % {"tag": self.object.device.asset_tag}

    def perform(self, form):
        services.loan_return(
            loan=self.object,
            received_by=self.request.user,
            condition=form.cleaned_data["condition"],
            returned_on=form.cleaned_data["returned_on"],
        )
        messages.success(
            self.request,
            gettext("%(tag)s was returned.") % {"tag": self.object.device.asset_tag},
        )


class LoanAgreementView(StudentDataLogMixin, ScopedViewMixin, SingleObjectMixin, View):
    """The loan agreement in Swedish as a PDF, for the student to sign."""

    permission_required = "infrastructure.view_students"
    model = Loan
    queryset = Loan.objects.select_related("device", "device__model", "student", "school")

    def get(self, request, pk):
        loan = self.get_object()
        self.log_students([loan.student], What.AGREEMENT)
        # The agreement is a Swedish document whatever language the portal is shown in.
        with translation.override("sv"):
            html = render_to_string(
                "infrastructure/loan_agreement.html",
                {"loan": loan, "organisation": settings.ORGANISATION_NAME},
            )
        pdf = render_pdf(html)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="laneavtal-{loan.pk}.pdf"'
        return response
