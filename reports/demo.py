"""Demo data of the reports: the beat schedules, and a few reports of the latest closed
period (the organisation's board report and one school's), compiled here with the
portal's own services rather than by a worker, so the report list is not empty."""

from goals.models import ReportingPeriod
from vuxportal.seeds import afterwards

from . import services
from .models import PERIOD_KIND_OF, Report
from .schedules import setup_schedules

# The schools whose report of the period is compiled (None: the whole organisation). Few:
# a compile (PDF with WeasyPrint, then Excel) takes seconds.
REPORT_SCHOOLS = (None, "sodermalm")


def seed(demo):
    setup_schedules()
    # A report is of a closed period: goals closes the passed ones once every part has
    # seeded, so the reports are compiled after that.
    afterwards(demo, compile_reports)


def compile_reports(demo) -> None:
    period = ReportingPeriod.objects.closed().order_by("-sort_key").first()
    if period is None:
        return
    kind = next(k for k, period_kind in PERIOD_KIND_OF.items() if period_kind == period.kind)
    for code in REPORT_SCHOOLS:
        # As the schedule requests them: by nobody, so no "your report is ready" email.
        report = services.report_request(
            kind=kind,
            period=period,
            school=demo.schools[code] if code else None,
            send=False,
        )
        if report.status == Report.Status.QUEUED:
            services.report_compile(report_id=report.pk)
