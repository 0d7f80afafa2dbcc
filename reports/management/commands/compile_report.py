"""``manage.py compile_report --kind tertial2 --year 2025 [--school CODE] --out DIR``

Compiles a report in this process through the same services as the portal (an existing
finished report is reused, not compiled twice) and writes its PDF and Excel into DIR.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from goals.models import ReportingPeriod
from organisation.models import School
from reports import services
from reports.models import PERIOD_KIND_OF, Report, ReportKind


class Command(BaseCommand):
    help = "Compile a report (PDF and Excel) and write the files into a directory."

    def add_arguments(self, parser):
        parser.add_argument("--kind", required=True, choices=ReportKind.values)
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument(
            "--period-kind",
            choices=ReportingPeriod.Kind.values,
            help="For the summaries: which period of the year (default: the latest).",
        )
        parser.add_argument("--school", help="School code; leave out for the organisation.")
        parser.add_argument("--out", required=True, type=Path)

    def handle(self, *args, kind, year, period_kind, school, out, **options):
        period_kind = PERIOD_KIND_OF.get(kind) or period_kind
        periods = ReportingPeriod.objects.filter(year=year).order_by("-sort_key")
        if period_kind:
            periods = periods.filter(kind=period_kind)
        period = periods.first()
        if period is None:
            raise CommandError(
                f"No reporting period {period_kind or ''} {year}.".replace("  ", " ")
            )
        school_obj = None
        if school:
            school_obj = School.objects.filter(code=school).first()
            if school_obj is None:
                raise CommandError(f"No school with the code {school!r}.")
        try:
            report = services.report_request(
                kind=kind, period=period, school=school_obj, send=False
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if report.status == Report.Status.FAILED:
            report = services.report_retry(report=report, send=False)
        if report.status != Report.Status.DONE:
            services.report_compile(report_id=report.pk)
        report.refresh_from_db()
        if report.status != Report.Status.DONE:
            raise CommandError(f"The report could not be compiled: {report.error}")
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for field, extension in ((report.pdf, "pdf"), (report.excel, "xlsx")):
            target = out / f"{report.file_stem()}.{extension}"
            with field.open("rb") as source:
                target.write_bytes(source.read())
            written.append(target)
        for path in written:
            self.stdout.write(str(path))
        self.stdout.write(self.style.SUCCESS(f"{report} (SHA-256 {report.checksum})"))
