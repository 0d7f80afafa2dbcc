"""Projects (e.g. the ESF project Vux 2.0): their facts, working groups, sessions and the
co-financing value of their participants' hours, and what an hour of each role costs."""

import io

from django.contrib import messages
from django.http import HttpResponse
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from vuxportal.access import PortalAccessMixin
from vuxportal.scoping import is_editable_by
from vuxportal.views.generic import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectUpdateView,
    PageMixin,
    ServiceFormMixin,
)

from .. import selectors, services
from ..filters import ProjectFilterSet
from ..forms import HourlyCostsForm, ProjectForm
from ..models import Project
from ..tables import ProjectTable

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ProjectListView(ObjectListView):
    permission_required = "organisation.view_projects"
    queryset = Project.objects.all()
    filterset_class = ProjectFilterSet
    table_class = ProjectTable
    title = _("Projects")
    header_actions = [
        (
            _("New project"),
            "organisation:project_create",
            "organisation.manage_projects",
            "primary",
        ),
        (
            _("Hourly costs"),
            "organisation:hourly_costs",
            "organisation.manage_projects",
            "outline-primary",
        ),
    ]


class ProjectDetailView(ObjectDetailView):
    permission_required = "organisation.view_projects"
    model = Project
    queryset = Project.objects.select_related("owner")
    template_name = "organisation/project_detail.html"
    detail_fields = [
        "funder",
        "programme",
        "number",
        "starts_on",
        "ends_on",
        "owner",
        "owner_name",
        "budget",
        "co_financing",
        "description",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project, user = self.object, self.request.user
        # Worked out only when drawn: the page keeps it under the data's version.
        context["overview"] = SimpleLazyObject(lambda: selectors.project_overview(project, user))
        context["can_edit"] = is_editable_by(self.object, self.request.user)
        return context


class ProjectCreateView(ObjectCreateView):
    permission_required = "organisation.manage_projects"
    model = Project
    form_class = ProjectForm
    title = _("New project")
    cancel_url_name = "organisation:project_list"


class ProjectUpdateView(ObjectUpdateView):
    permission_required = "organisation.manage_projects"
    model = Project
    form_class = ProjectForm


class ProjectExcelView(ProjectDetailView):
    """The project page's tables as a workbook (the hours, by school and role, by month,
    and, for those who may see them, by participant)."""

    def render_to_response(self, context, **response_kwargs):
        workbook = project_workbook(self.object, context["overview"], context["detail_fields"])
        response = HttpResponse(workbook, content_type=XLSX)
        name = f"projekt-{self.object.pk}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


def project_workbook(project: Project, overview: dict, detail_fields) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    valued = overview["costs"] is not None
    workbook = Workbook()
    facts = workbook.active
    facts.title = gettext("Project")
    for label, value in detail_fields:
        facts.append([str(label).capitalize(), _cell(value)])
    total = overview["total"]
    facts.append([gettext("Hours"), total.hours])
    if valued:
        facts.append([gettext("Co-financing value (kr)"), total.value])

    def sheet(title, header, rows):
        ws = workbook.create_sheet(title=title[:31])
        ws.append(header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append([_cell(v) for v in row])

    value = [gettext("Value (kr)")] if valued else []
    sheet(
        gettext("School and role"),
        [gettext("School"), gettext("Role"), gettext("Participants"), gettext("Hours"), *value],
        [
            [school, role, f.participants, f.hours, *([f.value] if valued else [])]
            for (school, role, _code), f in overview["by_group"]
        ],
    )
    sheet(
        gettext("Month"),
        [gettext("Month"), gettext("Hours"), *value],
        [
            [m.strftime("%Y-%m"), f.hours, *([f.value] if valued else [])]
            for m, f in overview["by_month"]
        ],
    )
    if overview["by_person"]:
        sheet(
            gettext("Participants"),
            [gettext("Name"), gettext("School"), gettext("Role"), gettext("Hours"), *value],
            [
                [key[0], key[3], key[4], f.hours, *([f.value] if valued else [])]
                for key, f in overview["by_person"]
            ],
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value):
    """Numbers and dates stay what they are; text that a spreadsheet would run as a formula
    gets a leading apostrophe."""
    if value is None or isinstance(value, int | float) or hasattr(value, "year"):
        return value
    if hasattr(value, "quantize"):
        return float(value)
    text = str(value)
    return "'" + text if text.startswith(("=", "+", "-", "@")) else text


class HourlyCostsView(ServiceFormMixin, PageMixin, PortalAccessMixin, FormView):
    """What an hour of each role is worth in the projects' co-financing."""

    permission_required = "organisation.manage_projects"
    form_class = HourlyCostsForm
    template_name = "organisation/project_hourly_costs.html"
    title = _("Hourly costs")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        kwargs["current"] = selectors.hourly_costs(self.request.user)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = reverse("organisation:project_list")
        return context

    def perform(self, form):
        services.hourly_costs_set(amounts=form.cleaned_data, by=self.request.user)
        messages.success(self.request, gettext("Hourly costs saved."))

    def get_success_url(self):
        return reverse("organisation:hourly_costs")
