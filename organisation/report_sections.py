"""The organisation app's chapter of the board report (vuxportal/report_sections.py): the key
figures of the metrics it registers, for the organisation and per school. Registered in
``plugins.py``; a table of the part's own goes into ``tables``."""

from django.utils.translation import gettext_lazy as _

from vuxportal.report_sections import ExcelSheets, ReportSection, as_number, part_section

from . import selectors
from .models import Project

# Part 3 of the plan (goals.models.PlanPart), named as the plan names it.
PLAN_PART = 3

SECTION = part_section(
    app_label="organisation", part=PLAN_PART, title=_("Organisation and responsibility")
)


# --- The projects of a project report -----------------------------------------------------

# reports.models.ReportKind.PROJECT: organisation cannot import reports (reports imports it).
PROJECT_REPORT = "project"


def build_projects(ctx) -> dict | None:
    """Every project active in the report's period, with its sessions, participants,
    hours and their co-financing value in the period. Six queries, whatever the number of
    projects."""
    if ctx.kind != PROJECT_REPORT:
        return None
    projects = list(
        Project.objects.filter(starts_on__lte=ctx.end, ends_on__gte=ctx.start)
        .select_related("owner")
        .prefetch_related("working_groups")
        .order_by("starts_on", "name")
    )
    ids = [p.pk for p in projects]
    costs = selectors.hourly_costs()
    hours = selectors.project_hours(ids, start=ctx.start, end=ctx.end)
    sessions = [
        s
        for s in selectors.project_sessions(ids, None)
        if ctx.start <= s.starts_at.date() <= ctx.end
    ]
    return {"projects": [_project(p, hours, sessions, costs) for p in projects]}


def _project(project, hours, sessions, costs) -> dict:
    figures = selectors.project_figures([h for h in hours if h.project_id == project.pk], costs)
    total = figures["total"]
    return {
        "name": project.name,
        "funder": project.funder,
        "programme": project.programme,
        "number": project.number,
        "owner_name": project.owner_name,
        "owner": project.owner.display_name if project.owner else "",
        "starts_on": project.starts_on.isoformat(),
        "ends_on": project.ends_on.isoformat(),
        "budget": as_number(project.budget),
        "co_financing": as_number(project.co_financing),
        "working_groups": sorted(g.name for g in project.working_groups.all()),
        "sessions": len([s for s in sessions if s.project_id == project.pk and not s.cancelled]),
        "participants": total.participants,
        "hours": as_number(total.hours),
        "value": as_number(total.value),
        "by_role": [
            {
                "school": school,
                "role": role,
                "participants": f.participants,
                "hours": as_number(f.hours),
                "rate": as_number(f.rate),
                "value": as_number(f.value),
            }
            for (school, role, _code), f in figures["by_group"]
        ],
        "by_month": [
            {
                "month": month.strftime("%Y-%m"),
                "hours": as_number(f.hours),
                "value": as_number(f.value),
            }
            for month, f in figures["by_month"]
        ],
    }


def write_projects_excel(sheets: ExcelSheets, data: dict, snapshot: dict) -> None:
    from django.utils.translation import gettext as t

    sheets.add_sheet(
        t("Projects"),
        [
            t("Project"),
            t("Funder"),
            t("Project number"),
            t("Starts on"),
            t("Ends on"),
            t("Budget (kr)"),
            t("Co-financing (kr)"),
            t("Sessions"),
            t("Participants"),
            t("Hours"),
            t("Co-financing value (kr)"),
        ],
        [
            [
                p["name"],
                p["funder"],
                p["number"],
                p["starts_on"],
                p["ends_on"],
                p["budget"],
                p["co_financing"],
                p["sessions"],
                p["participants"],
                p["hours"],
                p["value"],
            ]
            for p in data["projects"]
        ],
    )
    sheets.add_sheet(
        t("Project hours"),
        [
            t("Project"),
            t("School"),
            t("Role"),
            t("Participants"),
            t("Hours"),
            t("kr per hour"),
            t("Value (kr)"),
        ],
        [
            [
                p["name"],
                r["school"],
                r["role"],
                r["participants"],
                r["hours"],
                r["rate"],
                r["value"],
            ]
            for p in data["projects"]
            for r in p["by_role"]
        ],
    )
    sheets.add_sheet(
        t("Project months"),
        [t("Project"), t("Month"), t("Hours"), t("Value (kr)")],
        [
            [p["name"], m["month"], m["hours"], m["value"]]
            for p in data["projects"]
            for m in p["by_month"]
        ],
    )


PROJECTS_SECTION = ReportSection(
    key="projects",
    title=_("Projects"),
    build=build_projects,
    snapshot_keys=("projects",),
    pdf_template="organisation/project_report_section.html",
    pdf_contents_template="organisation/project_report_contents.html",
    write_excel=write_projects_excel,
)
